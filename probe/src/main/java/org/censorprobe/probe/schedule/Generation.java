package org.censorprobe.probe.schedule;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.censorprobe.probe.config.Platform;
import org.censorprobe.probe.config.ProbeConfig;
import org.quartz.Scheduler;

/**
 * One loaded config and everything built from it: its rounds (one engine) and its own Quartz scheduler, whose
 * thread pool is sized to its platforms. A reload retires the whole generation: no new firings, its in-flight
 * rounds finish, then its engine is closed.
 */
final class Generation {
  final int number;
  final ProbeConfig config;
  final RoundSource rounds;
  final InFlight inFlight = new InFlight();
  /** Counted down when retired or stopping: ends jitter waits so no new round starts. */
  final CountDownLatch closing = new CountDownLatch(1);
  final Map<String, List<Platform>> groups;
  Scheduler scheduler;

  Generation(int number, ProbeConfig config, RoundSource rounds) {
    this.number = number;
    this.config = config;
    this.rounds = rounds;
    this.groups = RoundGroups.of(config);
  }

  /** The platforms of a round group (see {@link RoundGroups}); empty when the config has no such group. */
  List<Platform> group(String key) {
    return groups.getOrDefault(key, List.of());
  }

  boolean isClosing() {
    return closing.getCount() == 0;
  }
}
