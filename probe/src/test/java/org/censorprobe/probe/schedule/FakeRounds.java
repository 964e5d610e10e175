package org.censorprobe.probe.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.endpoint.Endpoint;
import org.censorprobe.probe.config.Platform;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.probe.round.RoundRunner;
import org.censorprobe.probe.store.TestMeasurements;

/** Rounds without a network: every endpoint ok; optionally held until released, to have a round in flight. */
final class FakeRounds implements RoundSource {
  final AtomicInteger runs = new AtomicInteger();
  final CountDownLatch started = new CountDownLatch(1);
  final CountDownLatch release;
  volatile boolean closed;

  FakeRounds(boolean hold) {
    this.release = new CountDownLatch(hold ? 1 : 0);
  }

  @Override
  public RoundRunner.RoundReport run(List<Platform> platforms) {
    runs.incrementAndGet();
    started.countDown();
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
    String roundId = UUID.randomUUID().toString();
    List<Measurement> out = new ArrayList<>();
    for (Platform p : platforms) {
      for (Endpoint e : p.endpoints()) {
        out.add(TestMeasurements.platform(roundId, p.id(), e.spec(), Verdict.OK, null, Instant.now()));
      }
    }
    return new RoundRunner.RoundReport(roundId, out);
  }

  @Override
  public void close() {
    closed = true;
  }
}
