package org.censorprobe.probe.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.censorprobe.probe.config.Cidr;
import org.censorprobe.probe.config.Limits;
import org.censorprobe.probe.config.ResolverSpec;
import org.censorprobe.probe.config.Timeouts;
import org.censorprobe.probe.control.ControlServer;
import org.censorprobe.probe.control.ControlServerSettings;
import org.censorprobe.probe.control.ControlService;
import org.censorprobe.probe.control.TargetPolicy;
import org.censorprobe.probe.measure.EndpointMeasurer;
import org.censorprobe.probe.measure.Tasks;
import org.censorprobe.probe.measure.dns.BogonRanges;
import org.censorprobe.probe.measure.tls.TrustAnchors;

/**
 * The demo's remote control vantage: the real control-server, in this process, wired as {@code probe
 * control-server} wires it, asking the control resolver (the censor's resolver is not on its path) and allowed to
 * measure only the demo's loopback range and ports. Without it a refused connection could never be called a
 * server fault: from inside alone a dead server and an IP block look the same (docs/classification.md, F2).
 */
final class DemoHelper implements AutoCloseable {
  static final String LOOPBACK = "127.0.0.0/8";
  private static final int MAX_ADDRESSES = 8;

  private final Tasks tasks;
  private final ControlServer server;
  private final InetSocketAddress address;

  private DemoHelper(Tasks tasks, ControlServer server, InetSocketAddress address) {
    this.tasks = tasks;
    this.server = server;
    this.address = address;
  }

  /**
   * @param resolver the control resolver (the helper's only resolver)
   * @param ports the sites' ports, the only ones it may be asked about
   * @param trust the demo authority's PEM file
   */
  static DemoHelper start(InetAddress at, DemoResolver resolver, Set<Integer> ports, Path trust, String neutralSni)
      throws IOException {
    Loopback.require(at, "remote vantage");
    List<Cidr> allowed = List.of(Cidr.parse(LOOPBACK));
    ResolverSpec spec = new ResolverSpec(ResolverSpec.Transport.UDP, resolver.udpUri());
    Tasks tasks = Tasks.create();
    // The same wiring as cli/ControlServerCommand: keep the two alike when either changes.
    var steps = EndpointMeasurer.Steps.create(Timeouts.DEFAULTS, Limits.DEFAULTS, TrustAnchors.load(List.of(trust)),
        BogonRanges.excluding(allowed), List.of(resolver.socketAddress()));
    var plan = new EndpointMeasurer.Plan(List.of(spec), null, neutralSni, MAX_ADDRESSES, Duration.ofMillis(500),
        null);
    var measurer = new EndpointMeasurer(steps, plan, tasks, Clock.systemUTC());
    var policy = new TargetPolicy(allowed, ports, MAX_ADDRESSES);
    // No token (nothing but this machine can reach it); a rate far above the demo's few requests per round.
    var settings = new ControlServerSettings(new InetSocketAddress(at, 0), null, null,
        ControlServerSettings.DEFAULT_MAX_IN_FLIGHT, ControlServerSettings.DEFAULT_MAX_REQUEST_BYTES, 1000, 1000);
    ControlServer server = new ControlServer(settings, new ControlService(measurer, spec, policy), tasks.executor());
    try {
      server.start();
    } catch (IOException | RuntimeException e) {
      server.close();
      tasks.close();
      throw e;
    }
    return new DemoHelper(tasks, server, new InetSocketAddress(at, server.port()));
  }

  URI url() {
    return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + "/");
  }

  @Override
  public void close() {
    server.close();
    tasks.close();
  }
}
