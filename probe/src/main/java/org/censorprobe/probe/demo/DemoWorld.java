package org.censorprobe.probe.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.censorprobe.probe.demo.DemoResolver.Answer;

/**
 * The demo's embedded world, all on loopback: invented platforms and controls (names under {@link #ZONE}, each
 * site on its own 127.x address), the ISP resolver the probe uses as its system resolver (where the censor
 * tampers), a truthful control resolver, a remote vantage, an in-process CA, and the censor with its story.
 * Writes the files the probe reads (targets.yaml, the CA's PEM, the blockpage fingerprint) into the demo's
 * directory. Nothing here forwards, resolves through the system or binds anything but loopback.
 */
public final class DemoWorld implements AutoCloseable {
  /** RFC 6761's reserved TLD: no name of the demo can ever exist on the internet. */
  public static final String ZONE = ".test";
  public static final String CONFIG_FILE = "targets.yaml";
  public static final String CA_FILE = "demo-ca.pem";
  public static final String FINGERPRINT_FILE = "demo-fingerprints.jsonl";
  public static final String FINGERPRINT_ID = "demo_censor_blockpage";
  static final String NEUTRAL_SNI = "www.neutral.test";

  /** The sites, in the order the story uses them: four acts on the first four, the fifth is left alone. */
  static final List<Site> PLATFORMS = List.of(
      new Site("videoland", "Videoland", "www.videoland.test", true, false),
      new Site("chatter", "Chatter", "www.chatter.test", true, false),
      new Site("newswire", "Newswire", "www.newswire.test", false, false),
      new Site("photobook", "Photobook", "www.photobook.test", true, false),
      new Site("mapmaker", "Mapmaker", "www.mapmaker.test", true, false));
  static final List<Site> CONTROLS = List.of(
      new Site(null, "Control one", "www.control-one.test", true, false),
      new Site(null, "Control two (domestic)", "www.control-two.test", true, true));

  private final Path dir;
  private final Censor censor;
  private final DemoResolver isp;
  private final DemoResolver control;
  private final Map<Site, SiteServer> servers;
  private final DemoHelper helper;
  private final Story story;
  private final Path configFile;
  private final Duration every;
  private final int roundsPerAct;

  private DemoWorld(Path dir, Censor censor, DemoResolver isp, DemoResolver control, Map<Site, SiteServer> servers,
                    DemoHelper helper, Story story, Path configFile, Duration every, int roundsPerAct) {
    this.dir = dir;
    this.censor = censor;
    this.isp = isp;
    this.control = control;
    this.servers = servers;
    this.helper = helper;
    this.story = story;
    this.configFile = configFile;
    this.every = every;
    this.roundsPerAct = roundsPerAct;
  }

  /**
   * Starts the world and writes its files into {@code dir} (which must exist).
   *
   * @param every the daemon's schedule
   * @param roundsPerAct stored rounds between two acts of the censor
   * @param out where the world says what happens (the person watching)
   */
  public static DemoWorld start(Path dir, Duration every, int roundsPerAct, PrintWriter out) throws IOException {
    Addresses at = Addresses.pick();
    DemoAuthority authority = DemoAuthority.create();
    Censor censor = new Censor();
    List<AutoCloseable> started = new ArrayList<>();
    try {
      Map<Site, SiteServer> servers = new LinkedHashMap<>();
      List<Site> all = new ArrayList<>(PLATFORMS);
      all.addAll(CONTROLS);
      for (int i = 0; i < all.size(); i++) {
        Site s = all.get(i);
        InetAddress address = s.control() ? at.of(2, i - PLATFORMS.size() + 1) : at.of(1, i + 1);
        SiteServer server = SiteServer.start(s, address,
            s.https() ? authority.serverContext(List.of(s.host())) : null, censor);
        started.add(server);
        servers.put(s, server);
      }
      Map<String, InetAddress> truth = new HashMap<>();
      servers.forEach((s, server) -> truth.put(s.host(), server.address().getAddress()));
      DemoResolver control = DemoResolver.start("control-resolver", at.of(53, 2), name -> answer(truth, name));
      started.add(control);
      DemoResolver isp = DemoResolver.start("isp-resolver", at.of(53, 1),
          name -> censor.nxdomainFor(name) ? Answer.nxdomain() : answer(truth, name));
      started.add(isp);

      Path ca = write(dir.resolve(CA_FILE), authority.rootPem());
      write(dir.resolve(FINGERPRINT_FILE), fingerprints());
      Set<Integer> ports = new TreeSet<>();
      servers.values().forEach(s -> ports.add(s.address().getPort()));
      DemoHelper helper = DemoHelper.start(at.of(80, 1), control, ports, ca, NEUTRAL_SNI);
      started.add(helper);

      Path config = write(dir.resolve(CONFIG_FILE),
          DemoConfigFile.yaml(servers, isp, control, helper.url(), every));
      Story story = new Story(steps(), roundsPerAct, step -> perform(step, censor, servers, out), () -> {
        out.println("demo: the story is told: every act has been measured. The world stays as it is now, and the"
            + " probe goes on measuring it until you stop the demo.");
        out.flush();
      });
      out.flush();
      return new DemoWorld(dir, censor, isp, control, servers, helper, story, config, every, roundsPerAct);
    } catch (IOException | RuntimeException e) {
      for (AutoCloseable c : started) closeQuietly(c);
      throw e;
    }
  }

  private static Answer answer(Map<String, InetAddress> truth, String name) {
    InetAddress a = truth.get(name);
    if (a != null) return Answer.of(List.of(a));
    return name.endsWith(ZONE) ? Answer.nxdomain() : Answer.refused();
  }

  private static List<Story.Step> steps() {
    return List.of(new Story.Step(Story.Act.DNS_NXDOMAIN, PLATFORMS.get(0)),
        new Story.Step(Story.Act.SNI_RESET, PLATFORMS.get(1)),
        new Story.Step(Story.Act.BLOCKPAGE, PLATFORMS.get(2)),
        new Story.Step(Story.Act.SERVER_DOWN, PLATFORMS.get(3)));
  }

  /** Makes a step happen and says what it is, in words about the world (the verdicts are the probe's to give). */
  private static void perform(Story.Step step, Censor censor, Map<Site, SiteServer> servers, PrintWriter out) {
    Site s = step.site();
    String line = switch (step.act()) {
      case DNS_NXDOMAIN -> {
        censor.nxdomain(s.host());
        yield "censor: the ISP resolver now answers NXDOMAIN for " + s.host() + " (" + s.name()
            + "); the control resolver still answers truthfully";
      }
      case SNI_RESET -> {
        censor.resetSni(s.host());
        yield "censor: connections whose TLS ClientHello names " + s.host() + " (" + s.name()
            + ") are now reset; the same server still answers a handshake for any other name";
      }
      case BLOCKPAGE -> {
        censor.blockpage(s.host());
        yield "censor: plain-HTTP requests for " + s.host() + " (" + s.name()
            + ") now get the censor's blockpage instead of the site";
      }
      case SERVER_DOWN -> {
        SiteServer server = servers.get(s);
        server.takeDown();
        yield "world: " + s.name() + "'s server at " + hostPort(server.address())
            + " went down (its service stopped; not the censor's doing)";
      }
    };
    out.println(line);
    out.flush();
  }

  private static String fingerprints() {
    return "# The demo censor's blockpage: a fingerprint the classifier matches like any shipped one.\n"
        + "{\"type\":\"blockpage\",\"id\":\"" + FINGERPRINT_ID + "\",\"pattern\":\"" + SiteServer.BLOCKPAGE_MARK
        + "\",\"pattern_type\":\"contains\",\"source\":\"the censorprobe demo's own censor (probe demo)\"}\n";
  }

  private static Path write(Path file, String text) throws IOException {
    return Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  static String hostPort(InetSocketAddress a) {
    return a.getAddress().getHostAddress() + ":" + a.getPort();
  }

  public Path dir() {
    return dir;
  }

  public Path configFile() {
    return configFile;
  }

  /** The probe's system resolver: the ISP's, where the censor tampers (never /etc/resolv.conf). */
  public List<InetSocketAddress> systemNameservers() {
    return List.of(isp.socketAddress());
  }

  /** Call after every stored round: the censor acts on schedule. */
  public void roundStored() {
    story.roundStored();
  }

  /** The schedule the config was written with. */
  public Duration every() {
    return every;
  }

  public int roundsPerAct() {
    return roundsPerAct;
  }

  /** Rounds after which every act has been measured. */
  public int storyLength() {
    return story.length();
  }

  public boolean awaitRounds(int n, Duration timeout) throws InterruptedException {
    return story.awaitRounds(n, timeout);
  }

  InetSocketAddress controlResolverAddress() {
    return control.socketAddress();
  }

  Story story() {
    return story;
  }

  Censor censor() {
    return censor;
  }

  URI helperUrl() {
    return helper.url();
  }

  /** Connections each site's server accepted, by host. */
  Map<String, Long> connections() {
    Map<String, Long> out = new LinkedHashMap<>();
    servers.forEach((s, server) -> out.put(s.host(), server.connections()));
    return out;
  }

  Map<Site, InetSocketAddress> siteAddresses() {
    Map<Site, InetSocketAddress> out = new LinkedHashMap<>();
    servers.forEach((s, server) -> out.put(s, server.address()));
    return out;
  }

  /** Queries each resolver answered: {@code isp}, {@code control}. */
  Map<String, Long> resolverQueries() {
    return Map.of("isp", isp.queries(), "control", control.queries());
  }

  /** The lines the start banner shows: what runs where. */
  public List<String> describe() {
    List<String> out = new ArrayList<>();
    servers.forEach((s, server) -> out.add(String.format("  %-24s %-22s %s%s", s.name(), s.host(),
        hostPort(server.address()), s.https() ? " (https)" : " (http)")));
    out.add(String.format("  %-24s %-22s %s", "ISP resolver", "(system resolver)", hostPort(isp.socketAddress())));
    out.add(String.format("  %-24s %-22s %s", "control resolver", "", hostPort(control.socketAddress())));
    out.add(String.format("  %-24s %-22s %s", "remote vantage", "", helper.url()));
    return out;
  }

  @Override
  public void close() {
    closeQuietly(helper);
    for (SiteServer s : servers.values()) closeQuietly(s);
    closeQuietly(isp);
    closeQuietly(control);
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // closing the whole world anyway
    }
  }

  /**
   * The world's loopback addresses: 127.0.X.Y, one per site, so that platforms have distinct addresses as they do
   * on the internet. Where only 127.0.0.1 exists (macOS without aliases), everything shares it, on its own ports.
   */
  record Addresses(boolean distinct) {
    static Addresses pick() {
      try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 1, 1}))) {
        return new Addresses(true);
      } catch (IOException e) {
        return new Addresses(false);
      }
    }

    InetAddress of(int x, int y) {
      try {
        byte[] b = distinct ? new byte[] {127, 0, (byte) x, (byte) y} : new byte[] {127, 0, 0, 1};
        return InetAddress.getByAddress(b);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
