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
import org.censorprobe.probe.measure.dns.SystemNameservers;
import org.censorprobe.probe.measure.tls.TrustAnchors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "control-server", mixinStandardHelpOptions = true,
    description = {"Run a remote control vantage (an OONI-compatible web-connectivity test helper).",
        "Run it outside the censored network; it needs no targets.yaml. See docs/control-protocol.md."})
public final class ControlServerCommand implements Callable<Integer> {
  @Option(names = "--listen", required = true, paramLabel = "HOST:PORT", description = "Address to serve on.")
  String listen;

  @Option(names = "--metrics-listen", paramLabel = "HOST:PORT",
      description = "Serve /metrics here instead of on the main listener.")
  String metricsListen;

  @Option(names = "--token-file", paramLabel = "FILE", description = "Require 'Authorization: Bearer <token>'.")
  Path tokenFile;

  @Option(names = "--allow-cidr", paramLabel = "CIDR",
      description = "Also measure addresses in this range although it is not public (labs; repeatable).")
  List<String> allowCidrs = new ArrayList<>();

  @Option(names = "--allow-port", paramLabel = "PORT", description = "Allow this port besides 80 and 443 (repeatable).")
  List<Integer> allowPorts = new ArrayList<>();

  @Option(names = "--resolver", paramLabel = "URI",
      description = "Resolver for the names asked (udp://, tcp://, https://); default: the system's resolv.conf.")
  URI resolver;

  @Option(names = "--resolv-conf", paramLabel = "FILE", defaultValue = "/etc/resolv.conf")
  Path resolvConf;

  @Option(names = "--trust", paramLabel = "PEM", description = "Extra CA certificate to trust (repeatable).")
  List<Path> trust = new ArrayList<>();

  @Option(names = "--sni", defaultValue = "example.org", description = "Neutral server name for the SNI swap.")
  String neutralSni;

  @Option(names = "--max-in-flight", defaultValue = "" + ControlServerSettings.DEFAULT_MAX_IN_FLIGHT)
  int maxInFlight;

  @Option(names = "--max-addresses", defaultValue = "16", description = "Addresses measured per request at most.")
  int maxAddresses;

  @Option(names = "--rate", defaultValue = "5",
      description = "Sustained requests per second per client address (a probe asks once per endpoint per round).")
  double rate;

  @Option(names = "--burst", defaultValue = "150",
      description = "Burst per client address: one round of a large probe arrives at once.")
  int burst;

  @Option(names = "--client-timeout", defaultValue = "PT10S",
      description = "Allowance for a client to send its request (ISO-8601 duration).")
  Duration clientTimeout;

  @Option(names = "--timeout", defaultValue = "PT10S", description = "Deadline of each step (DNS, TCP, TLS, HTTP).")
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
    Tasks tasks = Tasks.create();
    var steps = EndpointMeasurer.Steps.create(timeouts, Limits.DEFAULTS, TrustAnchors.load(trust), bogons,
        SystemNameservers.fromResolvConf(resolvConf));
    var plan = new EndpointMeasurer.Plan(List.of(resolverSpec), null, neutralSni, maxAddresses,
        Duration.ofMillis(500), null);
    var measurer = new EndpointMeasurer(steps, plan, tasks, Clock.systemUTC());
    var policy = new TargetPolicy(allowed, new HashSet<>(allowPorts), maxAddresses);
    var settings = new ControlServerSettings(listenAt, metricsAt, token, maxInFlight,
        ControlServerSettings.DEFAULT_MAX_REQUEST_BYTES, rate, burst);
    CountDownLatch stopped = new CountDownLatch(1);
    try (ControlServer server = new ControlServer(settings, new ControlService(measurer, resolverSpec, policy),
        tasks.executor())) {
      server.start();
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "control-server-stop"));
      stopped.await();
    } finally {
      tasks.close();
    }
    return 0;
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
