package org.censorprobe.probe.demo;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.censorprobe.format.text.DurationText;

/** The demo world as a targets.yaml: the probe reads it exactly as it reads a real one. */
final class DemoConfigFile {
  private DemoConfigFile() {}

  static String yaml(Map<Site, SiteServer> servers, DemoResolver isp, DemoResolver control, URI helper,
                     Duration every) {
    StringBuilder b = new StringBuilder();
    b.append("# The censorprobe demo's world, written by `probe demo`: invented platforms and controls on loopback\n")
        .append("# (127.0.0.0/8), names under .test. Edit it while the demo runs: it is reloaded as `probe run`\n")
        .append("# reloads targets.yaml, and a file that names anything beyond loopback is refused.\n")
        .append("# The probe's system resolver is the demo's ISP resolver at ")
        .append(DemoWorld.hostPort(isp.socketAddress())).append(", never /etc/resolv.conf.\n")
        .append("probe: { id: demo, country: ZZ, network: \"Demo ISP (invented, on loopback)\", asn: 64512 }\n")
        .append("schedule: { every: ").append(DurationText.format(every)).append(", jitter: 0s }\n")
        .append("control:\n")
        .append("  resolver: ").append(control.udpUri()).append("   # truthful: out of the censor's reach\n")
        .append("  sni: ").append(DemoWorld.NEUTRAL_SNI).append('\n')
        .append("  helpers: [ \"").append(helper).append("\" ]   # the remote vantage\n")
        .append("  targets:\n");
    servers.forEach((s, server) -> {
      if (!s.control()) return;
      String url = url(s, server);
      b.append(s.domestic() ? "    - { url: \"" + url + "\", domestic: true }\n" : "    - \"" + url + "\"\n");
    });
    b.append("tls: { trust: [ ").append(DemoWorld.CA_FILE).append(" ] }   # the demo's own CA, made at start\n")
        .append("dns: { not_bogons: [ ").append(DemoHelper.LOOPBACK)
        .append(" ] }   # loopback answers are this world's ordinary addresses\n")
        .append("classifier: { fingerprints: [ ").append(DemoWorld.FINGERPRINT_FILE).append(" ] }\n")
        .append("platforms:\n");
    servers.forEach((s, server) -> {
      if (s.control()) return;
      b.append("  ").append(s.id()).append(": { name: \"").append(s.name()).append("\", endpoints: [ \"")
          .append(url(s, server)).append("\" ] }\n");
    });
    return b.toString();
  }

  private static String url(Site s, SiteServer server) {
    return (s.https() ? "https://" : "http://") + s.host() + ":" + server.address().getPort() + "/";
  }
}
