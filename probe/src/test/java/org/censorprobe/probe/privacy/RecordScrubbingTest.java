package org.censorprobe.probe.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.censorprobe.format.endpoint.Endpoint;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.observe.EndpointObservations;
import org.censorprobe.format.observe.HelperObservation;
import org.censorprobe.format.observe.HttpExchange;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.format.record.Role;
import org.censorprobe.probe.classify.RoundRecords;
import org.junit.jupiter.api.Test;

class RecordScrubbingTest {
  private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

  /** A portal page echoing {@code pageSays}, and a helper answer echoing {@code helperSaw}. */
  private static Measurement record(String pageSays, String helperSaw) {
    Endpoint e = Endpoint.parse("http://portal.test/");
    HttpExchange page = new HttpExchange("GET", e.spec(), IpAddress.parse("198.51.100.9"), 1, T, 1.0, 200, Map.of(),
        10, false, "aa".repeat(32), "Welcome, " + pageSays, "Welcome, " + pageSays, null, null, null, 1);
    HelperObservation helper = new HelperObservation("https://th.test/", T, 1.0, List.of(),
        "{\"x_client_address\":\"" + helperSaw + "\"}");
    EndpointObservations o = new EndpointObservations(e, T, 1.0, List.of(), List.of(), List.of(), List.of(),
        List.of(), List.of(page), helper);
    return new Measurement("id", "round", T, new ProbeIdentity("p", "KZ", "n", 1), Role.PLATFORM, "portal", "Portal",
        false, e.spec(), null, null, o, null, List.of());
  }

  private static String title(RoundRecords r) {
    return r.platforms().get(0).observations().http().get(0).title();
  }

  @Test
  void thePublicAddressAHelperSawIsLearnedAndScrubbedFromTheSameRound() {
    OwnAddresses own = OwnAddresses.of(Set.of());
    RoundRecords scrubbed = new RecordScrubbing(own).apply(
        new RoundRecords("round", List.of(record("203.0.113.50", "203.0.113.50")), List.of()));
    assertEquals("Welcome, [scrubbed]", title(scrubbed));
    assertTrue(own.current().contains(IpAddress.parse("203.0.113.50")), "kept for the next rounds, in memory");
    assertFalse(scrubbed.platforms().get(0).observations().helper().responseJson().contains("203.0.113.50"),
        "the echo itself is not stored");
  }

  @Test
  void aLoopbackEchoIsNotTheProbesPublicAddress() {
    OwnAddresses own = OwnAddresses.of(Set.of());
    RoundRecords r = new RecordScrubbing(own).apply(
        new RoundRecords("round", List.of(record("127.0.0.1", "127.0.0.1")), List.of()));
    assertEquals("Welcome, 127.0.0.1", title(r));
    assertTrue(own.current().isEmpty());
  }

  @Test
  void onlyTheMostRecentPublicAddressesAreKept() {
    OwnAddresses own = OwnAddresses.of(Set.of());
    for (int i = 1; i <= OwnAddresses.MAX_LEARNED + 5; i++) own.learn(IpAddress.parse("203.0.113." + i));
    assertEquals(OwnAddresses.MAX_LEARNED, own.current().size());
    assertTrue(own.current().contains(IpAddress.parse("203.0.113." + (OwnAddresses.MAX_LEARNED + 5))));
    assertFalse(own.current().contains(IpAddress.parse("203.0.113.1")));
  }

  @Test
  void givenAddressesAreScrubbedWhateverTheyAre() {
    OwnAddresses own = OwnAddresses.of(Set.of()).with(List.of(IpAddress.parse("127.0.0.1")));
    RoundRecords r = new RecordScrubbing(own).apply(
        new RoundRecords("round", List.of(record("127.0.0.1", "127.0.0.1")), List.of()));
    assertEquals("Welcome, [scrubbed]", title(r));
  }
}
