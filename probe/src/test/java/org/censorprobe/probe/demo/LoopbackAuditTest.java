package org.censorprobe.probe.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.observe.EndpointObservations;
import org.censorprobe.format.observe.HelperObservation;
import org.censorprobe.format.observe.TcpObservation;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.probe.config.Platform;
import org.censorprobe.probe.round.RoundRunner;
import org.censorprobe.probe.schedule.RoundSource;
import org.censorprobe.probe.store.TestMeasurements;
import org.junit.jupiter.api.Test;

class LoopbackAuditTest {
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  private static Measurement dialling(String address) {
    String host = address.contains(":") ? "[" + address + "]" : address;
    Measurement m = TestMeasurements.platform("r1", "p", "tcp://" + host + ":443", Verdict.OK, null, T0);
    EndpointObservations o = m.observations();
    var tcp = new TcpObservation(IpAddress.parse(address), 443, 1, T0, 1.0, null, 0);
    var steps = new EndpointObservations(o.endpoint(), T0, 1.0, List.of(), List.of(), List.of(tcp), List.of(),
        List.of(), List.of(), null);
    return new Measurement(m.id(), m.roundId(), T0, m.probe(), m.role(), m.platform(), m.platformName(), false,
        m.endpoint(), null, null, steps, m.judgement(), List.of());
  }

  @Test
  void aRoundOnLoopbackPassesAndOneThatDialledElsewhereIsNamed() {
    assertEquals(List.of(), LoopbackAudit.violations(List.of(dialling("127.0.1.1"), dialling("::1"))));
    assertEquals(List.of("p tcp://192.0.2.1:443: tcp 192.0.2.1"),
        LoopbackAudit.violations(List.of(dialling("127.0.1.1"), dialling("192.0.2.1"))));
  }

  @Test
  void whatTheRemoteVantageSaysItResolvedAndDialledIsCheckedToo() {
    Measurement m = dialling("127.0.1.1");
    EndpointObservations o = m.observations();
    String answer = "{\"dns\":{\"failure\":null,\"addrs\":[\"127.0.1.1\",\"203.0.113.5\"]},"
        + "\"tcp_connect\":{\"127.0.1.1:443\":{\"status\":true,\"failure\":null},"
        + "\"198.51.100.7:443\":{\"status\":false,\"failure\":\"connection_refused\"}}}";
    var helper = new HelperObservation("http://127.0.80.1:1/", T0, 1.0,
        List.of(new HelperObservation.Attempt("http://127.0.80.1:1/", 1.0, 200, null)), answer);
    var steps = new EndpointObservations(o.endpoint(), T0, 1.0, o.dns(), o.controlDns(), o.tcp(), o.tls(),
        o.sniSwap(), o.http(), helper);
    Measurement withHelper = new Measurement(m.id(), m.roundId(), T0, m.probe(), m.role(), m.platform(),
        m.platformName(), false, m.endpoint(), null, null, steps, m.judgement(), List.of());
    assertEquals(List.of("p tcp://127.0.1.1:443: remote vantage's answer 203.0.113.5",
        "p tcp://127.0.1.1:443: remote vantage's connect 198.51.100.7"), LoopbackAudit.violations(List.of(withHelper)));
  }

  @Test
  void aRoundBeyondLoopbackIsNotHandedOnAndStopsTheDemo() {
    List<String> told = new ArrayList<>();
    RoundSource rounds = new RoundSource() {
      @Override
      public RoundRunner.RoundReport run(List<Platform> platforms) {
        return new RoundRunner.RoundReport("r1", List.of(dialling("8.8.8.8")));
      }

      @Override
      public void close() {
      }
    };
    var audit = new LoopbackAudit(rounds, told::add);
    var e = assertThrows(LoopbackViolation.class, () -> audit.run(List.of()));
    assertEquals(List.of("round r1 reached beyond loopback: p tcp://8.8.8.8:443: tcp 8.8.8.8"), told);
    assertEquals(told.get(0), e.getMessage());
  }
}
