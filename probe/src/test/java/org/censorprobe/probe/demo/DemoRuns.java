package org.censorprobe.probe.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.censorprobe.format.json.MeasurementCodec;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.probe.store.MeasurementStore;
import org.censorprobe.probe.store.StoreReader;

/** The demo run in this JVM, as `probe demo` runs it, on a fast schedule: one act of the censor per round. */
final class DemoRuns {
  /** Generous: a round takes about a second here; a loaded CI machine may take many times that. */
  static final Duration ROUNDS_TIMEOUT = Duration.ofMinutes(3);

  private DemoRuns() {}

  static Demo start(Path dir, StringWriter out) throws Exception {
    return start(dir, out, 1);
  }

  static Demo start(Path dir, StringWriter out, int roundsPerAct) throws Exception {
    return Demo.start(new Demo.Settings(dir, new InetSocketAddress("127.0.0.1", 0), Duration.ofSeconds(1),
        roundsPerAct, "test"), new PrintWriter(out, true));
  }

  static void awaitRounds(Demo demo, int n) throws InterruptedException {
    assertTrue(demo.awaitRounds(n, ROUNDS_TIMEOUT), "the daemon stored " + n + " rounds");
  }

  /** Every stored record, by round, rounds in the order they were measured. */
  static List<List<Measurement>> rounds(Path store) {
    Map<String, List<Measurement>> byRound = new LinkedHashMap<>();
    try (StoreReader r = MeasurementStore.openReader(store)) {
      r.read(java.time.Instant.EPOCH, java.time.Instant.now().plusSeconds(3600), null,
          s -> byRound.computeIfAbsent(s.roundId(), k -> new ArrayList<>()).add(MeasurementCodec.read(s.record())));
    }
    List<List<Measurement>> out = new ArrayList<>(byRound.values());
    out.sort(Comparator.comparing(round -> round.stream().map(Measurement::measuredAt).min(Comparator.naturalOrder())
        .orElseThrow()));
    return out;
  }

  static HttpResponse<String> get(URI uri) throws Exception {
    return HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build()
        .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}
