package org.censorprobe.probe.round;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.probe.classify.Classifier;
import org.censorprobe.probe.classify.JudgedRound;
import org.censorprobe.probe.classify.RoundRecords;
import org.censorprobe.probe.classify.ThrottleHistory;

/**
 * Hands a round's records to the (pure) classifier and keeps the only state between rounds, the throttle history.
 * Platforms have their own schedules, so a round of one platform replaces only that platform's streaks.
 */
public final class ClassifyingInterpreter implements RoundRunner.Interpreter {
  private final Classifier classifier;
  private final Clock clock;
  private ThrottleHistory history = ThrottleHistory.EMPTY;

  public ClassifyingInterpreter(Classifier classifier, Clock clock) {
    this.classifier = classifier;
    this.clock = clock;
  }

  @Override
  public List<Measurement> interpret(RoundRecords round) {
    Set<String> platforms = round.platforms().stream().map(Measurement::platform).collect(Collectors.toSet());
    synchronized (this) {
      JudgedRound judged = classifier.judge(round, history, clock.instant());
      history = history.merge(platforms, judged.history());
      return judged.all();
    }
  }
}
