package org.censorprobe.probe.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
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
import org.censorprobe.probe.measure.dns.LateReplies;
import org.censorprobe.probe.measure.dns.BogonRanges;
import org.censorprobe.probe.measure.dns.SystemNameservers;
import org.censorprobe.probe.measure.tls.TrustAnchors;
import org.censorprobe.probe.schedule.Signals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "control-server", mixinStandardHelpOptions = true, versionProvider = Version.class,
    sortOptions = false,
    description = {"Run a remote control vantage (an OONI-compatible web-connectivity test helper).",
        "Run it outside the censored network; it needs no targets.yaml. See docs/control-protocol.md.",
        "SIGTERM/SIGINT stop it (exit 0). Exit codes: 0 stopped, 1 failed, 2 usage error."})
public final class ControlServerCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ControlServerCommand.class);

  @Option(names = "--listen", required = true, paramLabel = "HOST:PORT",
      description = "Address to serve on: an IP literal and a port, ':PORT' for every interface (required).")
  String listen;

  @Option(names = "--metrics-listen", paramLabel = "HOST:PORT",
      description = "Serve /metrics here instead of on the main listener (default: on the main listener).")
  String metricsListen;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "Require 'Authorization: Bearer TOKEN', TOKEN read from this file (default: no token).")
  Path tokenFile;

  @Option(names = "--allow-cidr", paramLabel = "CIDR",
      description = "Also measure addresses in this range although it is not public (labs; repeatable; "
          + "default: public addresses only).")
  List<String> allowCidrs = new ArrayList<>();

  @Option(names = "--allow-port", paramLabel = "PORT",
      description = "Allow this port besides 80 and 443 (repeatable; default: 80 and 443 only).")
  List<Integer> allowPorts = new ArrayList<>();

  @Option(names = "--resolver", paramLabel = "URI",
      description = "Resolver for the names asked: udp://IP:PORT, tcp://IP:PORT or https://HOST/PATH "
          + "(default: the nameservers of --resolv-conf).")
  URI resolver;

  @Option(names = "--resolv-conf", paramLabel = "FILE", defaultValue = "/etc/resolv.conf",
      description = "Where the system resolver's nameservers are listed (default: ${DEFAULT-VALUE}).")
  Path resolvConf;

  @Option(names = "--trust", paramLabel = "PEM",
      description = "Extra CA certificate to trust, on top of the JDK's (repeatable; default: none).")
  List<Path> trust = new ArrayList<>();

  @Option(names = "--sni", paramLabel = "NAME", defaultValue = "example.org",
      description = "Neutral server name for the SNI swap (default: ${DEFAULT-VALUE}).")
  String neutralSni;

  @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "" + ControlServerSettings.DEFAULT_MAX_IN_FLIGHT,
      description = "Measurements at once; more requests get 503 (default: ${DEFAULT-VALUE}).")
  int maxInFlight;

  @Option(names = "--max-addresses", paramLabel = "N", defaultValue = "16",
      description = "Addresses measured per request at most (default: ${DEFAULT-VALUE}).")
  int maxAddresses;

  @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "5",
      description = "Sustained requests per second per client address; a probe asks once per endpoint per round "
          + "(default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--burst", paramLabel = "N", defaultValue = "150",
      description = "Burst per client address: one round of a large probe arrives at once (default: ${DEFAULT-VALUE}).")
  int burst;

  @Option(names = "--client-timeout", paramLabel = "DURATION", defaultValue = "10s",
      converter = DurationConverter.class,
      description = "Allowance for a client to send its request (default: ${DEFAULT-VALUE}).")
  Duration clientTimeout;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
      description = "Deadline of each step: DNS, TCP, TLS, HTTP (default: ${DEFAULT-VALUE}).")
  Duration stepTimeout;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Step deadlines one measurement can spend in sequence: DNS 4, TCP+TLS 4, SNI swap 2, HTTP 2, with slack. */
  private static final int MEASUREMENT_STEPS_WORST_CASE = 16;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    // Read once by the JDK's HTTP server when it first starts. Its request deadline runs until the response
    // headers are sent, i.e. across the measurement too, so it is the client's allowance plus the longest a
    // measurement can take (DNS retried, TCP+TLS retried plus the SNI swap, HTTP retried): slow or silent
    // clients are cut there, and no thread or socket is held longer.
    long seconds = clientTimeout.toSeconds() + MEASUREMENT_STEPS_WORST_CASE * stepTimeout.toSeconds();
    System.setProperty("sun.net.httpserver.maxReqTime", String.valueOf(seconds));
    System.setProperty("sun.net.httpserver.maxRspTime", String.valueOf(clientTimeout.toSeconds()));

    List<Cidr> allowed = new ArrayList<>();
    try {
      for (String c : allowCidrs) allowed.add(Cidr.parse(c));
    } catch (IllegalArgumentException e) {
      err.println("--allow-cidr: " + e.getMessage());
      return Main.EXIT_BAD_CONFIG;
    }
    String token = null;
    if (tokenFile != null) {
      try {
        token = Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
      } catch (IOException e) {
        err.println(tokenFile + ": cannot read the token file: " + e.getMessage());
        return Main.EXIT_BAD_CONFIG;
      }
      if (token.isEmpty()) {
        err.println(tokenFile + ": the token file is empty");
        return Main.EXIT_BAD_CONFIG;
      }
    }
    ResolverSpec resolverSpec = resolver == null ? ResolverSpec.SYSTEM : resolverOf(resolver);
    InetSocketAddress listenAt;
    InetSocketAddress metricsAt;
    try {
      listenAt = ListenAddress.parse("--listen", listen);
      metricsAt = metricsListen == null ? null : ListenAddress.parse("--metrics-listen", metricsListen);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return Main.EXIT_BAD_CONFIG;
    }

    Timeouts timeouts = new Timeouts(stepTimeout, stepTimeout, stepTimeout, stepTimeout);
    BogonRanges bogons = BogonRanges.excluding(allowed);
    var plan = new EndpointMeasurer.Plan(List.of(resolverSpec), null, neutralSni, maxAddresses,
        Duration.ofMillis(500), null, timeouts.endpoint());
    // Requests in flight are bounded by --max-in-flight; each measures with the probe's fan-out.
    Tasks tasks = Tasks.create(maxInFlight, EndpointMeasurer.width(plan));
    var steps = EndpointMeasurer.Steps.create(timeouts, Limits.DEFAULTS, TrustAnchors.load(trust), bogons,
        SystemNameservers.fromResolvConf(resolvConf), LateReplies.none());
    var measurer = new EndpointMeasurer(steps, plan, Clock.systemUTC());
    var policy = new TargetPolicy(allowed, new HashSet<>(allowPorts), maxAddresses);
    var settings = new ControlServerSettings(listenAt, metricsAt, token, maxInFlight,
        ControlServerSettings.DEFAULT_MAX_REQUEST_BYTES, rate, burst);
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicReference<String> signal = new AtomicReference<>();
    boolean term = Signals.handle("TERM", () -> stop(signal, "SIGTERM", stopped));
    boolean intr = Signals.handle("INT", () -> stop(signal, "SIGINT", stopped));
    try (ControlServer server = new ControlServer(settings, new ControlService(measurer, resolverSpec, policy, tasks),
        tasks.executor())) {
      try {
        server.start();
      } catch (IOException e) {
        err.println("control-server: cannot listen on " + listen + ": " + e.getMessage());
        err.flush();
        return Main.EXIT_FAILURE;
      }
      if (!term || !intr) {
        // Where the JVM keeps the signal for itself, a hook still stops cleanly (the exit status is then 143).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(signal, "shutdown", stopped),
            "control-server-stop"));
      }
      stopped.await();
      LOG.info("control-server stopping on {}", signal.get());
    } finally {
      tasks.close();
    }
    return Main.EXIT_OK;
  }

  private static void stop(AtomicReference<String> signal, String name, CountDownLatch stopped) {
    signal.compareAndSet(null, name);
    stopped.countDown();
  }

  static ResolverSpec resolverOf(URI uri) {
    return switch (uri.getScheme() == null ? "" : uri.getScheme()) {
      case "udp" -> new ResolverSpec(ResolverSpec.Transport.UDP, uri);
      case "tcp" -> new ResolverSpec(ResolverSpec.Transport.TCP, uri);
      case "https" -> new ResolverSpec(ResolverSpec.Transport.DOH, uri);
      default -> throw new CommandLine.ParameterException(new CommandLine(new ControlServerCommand()),
          "--resolver must be udp://, tcp:// or https://");
    };
  }
}
