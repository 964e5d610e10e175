package org.censorprobe.probe.demo;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.censorprobe.format.helper.ThResponse;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.net.IpPort;
import org.censorprobe.format.observe.DnsAnswer;
import org.censorprobe.format.observe.DnsObservation;
import org.censorprobe.format.observe.EndpointObservations;
import org.censorprobe.format.observe.HelperObservation;
import org.censorprobe.format.observe.HttpExchange;
import org.censorprobe.format.observe.ResolverObservations;
import org.censorprobe.format.observe.TcpObservation;
import org.censorprobe.format.observe.TlsObservation;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.probe.config.Platform;
import org.censorprobe.probe.round.RoundRunner;
import org.censorprobe.probe.schedule.RoundSource;

/**
 * The demo's check after every round, on what the engine recorded: every resolver asked, every answer, every
 * address connected to (TCP, TLS, the SNI swap, each HTTP hop), every helper asked and what that helper says it
 * resolved and connected to was on loopback. The world
 * and the config make anything else impossible; this proves it round by round, from the records themselves. A
 * round that shows otherwise is not stored, and the demo stops.
 */
final class LoopbackAudit implements RoundSource {
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private final RoundSource rounds;
  private final Consumer<String> onViolation;

  /** @param onViolation told (once per bad round) what left loopback; the demo stops on it */
  LoopbackAudit(RoundSource rounds, Consumer<String> onViolation) {
    this.rounds = rounds;
    this.onViolation = onViolation;
  }

  @Override
  public RoundRunner.RoundReport run(List<Platform> platforms) {
    RoundRunner.RoundReport report = rounds.run(platforms);
    List<String> found = violations(report.measurements());
    if (!found.isEmpty()) {
      String what = "round " + report.roundId() + " reached beyond loopback: " + String.join("; ", found);
      onViolation.accept(what);
      throw new LoopbackViolation(what);
    }
    return report;
  }

  /** Every place in {@code records} where something other than loopback was asked, answered or dialled. */
  static List<String> violations(List<Measurement> records) {
    List<String> out = new ArrayList<>();
    for (Measurement m : records) {
      String who = m.platform() + " " + m.endpoint();
      if (m.steps() instanceof ResolverObservations r) {
        for (DnsObservation d : r.queries()) dns(who, d, out);
        continue;
      }
      EndpointObservations o = m.observations();
      for (DnsObservation d : o.dns()) dns(who, d, out);
      for (DnsObservation d : o.controlDns()) dns(who, d, out);
      for (TcpObservation t : o.tcp()) address(who, "tcp", t.address(), out);
      for (TlsObservation t : o.tls()) address(who, "tls", t.address(), out);
      for (TlsObservation t : o.sniSwap()) address(who, "sni swap", t.address(), out);
      for (HttpExchange h : o.http()) if (h.address() != null) address(who, "http " + h.url(), h.address(), out);
      if (o.helper() != null) {
        for (HelperObservation.Attempt a : o.helper().attempts()) {
          if (!Loopback.isLiteral(URI.create(a.helper()).getHost())) out.add(who + ": helper " + a.helper());
        }
        if (o.helper().responseJson() != null) helperAnswer(who, o.helper().responseJson(), out);
      }
    }
    return out;
  }

  /** What the remote vantage resolved and connected to, as its answer says (docs/control-protocol.md). */
  private static void helperAnswer(String who, String json, List<String> out) {
    ThResponse r;
    try {
      r = JSON.readValue(json, ThResponse.class);
    } catch (IOException e) {
      out.add(who + ": a remote vantage answer that cannot be read, so cannot be checked");
      return;
    }
    if (r.dns() != null && r.dns().addrs() != null) {
      for (String a : r.dns().addrs()) address(who, "remote vantage's answer", IpAddress.parse(a), out);
    }
    if (r.tcpConnect() != null) {
      for (String target : r.tcpConnect().keySet()) {
        address(who, "remote vantage's connect", IpPort.parse(target).address(), out);
      }
    }
  }

  private static void dns(String who, DnsObservation d, List<String> out) {
    // "system" is the ISP resolver the demo handed the engine; every other resolver is named by its URI.
    if (!"system".equals(d.resolver()) && !Loopback.isLiteral(URI.create(d.resolver()).getHost())) {
      out.add(who + ": resolver " + d.resolver());
    }
    for (DnsAnswer a : d.answers()) {
      if (a.address() != null) address(who, "answer from " + d.resolver(), a.address(), out);
    }
  }

  private static void address(String who, String what, IpAddress a, List<String> out) {
    if (!Loopback.is(a)) out.add(who + ": " + what + " " + a);
  }

  @Override
  public void close() {
    rounds.close();
  }
}
