package org.censorprobe.probe.rejudge;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.censorprobe.format.interpret.Judgement;
import org.censorprobe.format.json.MeasurementCodec;
import org.censorprobe.format.json.RecordFormatException;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.probe.classify.Classifier;
import org.censorprobe.probe.classify.JudgedRound;
import org.censorprobe.probe.classify.RoundRecords;
import org.censorprobe.probe.classify.ThrottleHistory;
import org.censorprobe.probe.store.MeasurementStore;
import org.censorprobe.probe.store.StoredRecord;
import org.censorprobe.probe.store.StoredRound;

/**
 * Judges stored rounds again with the current classifier, in the order they were measured, and (unless it is a
 * dry run) writes every judgement that changed, the stored one kept in the record's {@code previous}.
 *
 * <p>The classifier reads the stored records exactly as it reads a round just measured: the same code path for a
 * second-old and a year-old record. Every round of the store is judged, from the first, because the throttle
 * history (how many consecutive rounds an endpoint was slow) carries from round to round; only rounds inside the
 * {@link Scope} are written. Each round is one transaction, so a kill loses nothing and leaves no round half
 * re-judged, and running it again picks up where it stopped: a record already re-judged is judged the same again
 * and left alone.
 */
public final class Rejudger {
  private final Classifier classifier;
  private final Clock clock;

  public Rejudger(Classifier classifier, Clock clock) {
    this.classifier = classifier;
    this.clock = clock;
  }

  /** Told of every change, in the order of the rounds, and of progress. */
  public interface Listener {
    void changed(Change change);

    /** {@code done} of {@code total} rounds judged (warm-up rounds included). */
    default void progress(int done, int total) {}
  }

  /** @param write false for a dry run: nothing is written */
  public RejudgeSummary run(MeasurementStore store, Scope scope, boolean write, Listener listener) {
    Tally tally = new Tally();
    ThrottleHistory history = ThrottleHistory.EMPTY;
    List<StoredRound> rounds = store.rounds(scope.to());
    int done = 0;
    for (StoredRound round : rounds) {
      listener.progress(done++, rounds.size());
      List<StoredRecord> rows = store.roundRecords(round.roundId());
      Map<String, Measurement> stored = new LinkedHashMap<>();
      Map<String, Integer> revisions = new HashMap<>();
      String unreadable = null;
      for (StoredRecord row : rows) {
        try {
          stored.put(row.id(), MeasurementCodec.read(row.record()));
          revisions.put(row.id(), row.revision());
        } catch (RecordFormatException e) {
          unreadable = "round " + round.roundId() + ": record " + row.id() + ": " + e.getMessage();
          break;
        }
      }
      if (unreadable != null) {
        tally.unreadable.add(unreadable);
        continue;
      }
      RoundRecords input = RoundRecords.of(round.roundId(), List.copyOf(stored.values()));
      if (input.platforms().isEmpty() && input.controls().isEmpty()) continue;
      JudgedRound judged = classifier.judge(input, history, clock.instant());
      tally.rounds++;
      Set<String> platforms = input.platforms().stream().map(Measurement::platform).collect(Collectors.toSet());
      history = history.merge(platforms, judged.history());
      if (!scope.writes(round.startedAt())) continue;

      List<Measurement> replaced = new ArrayList<>();
      List<Measurement> added = new ArrayList<>();
      for (Measurement out : judged.all()) {
        if (!scope.covers(out.platform())) continue;
        tally.inScope++;
        Measurement before = stored.get(out.id());
        if (before == null) {
          added.add(out);
          continue;
        }
        if (sameJudgement(before.judgement(), out.judgement())) {
          tally.unchanged++;
          continue;
        }
        Change c = new Change(before, before.rejudged(out.judgement()));
        if (c.verdictChanged()) tally.transitions.merge(Transition.of(c.before(), c.after()), 1L, Long::sum);
        else tally.restated++;
        replaced.add(c.rejudged());
        listener.changed(c);
      }
      tally.added += added.size();
      if (write && !(replaced.isEmpty() && added.isEmpty())) {
        tally.written += store.rejudgeRound(replaced, revisions, added);
      }
    }
    listener.progress(rounds.size(), rounds.size());
    return new RejudgeSummary(tally.rounds, tally.inScope, tally.transitions, tally.restated, tally.unchanged,
        tally.added, tally.unreadable, tally.written);
  }

  /**
   * The same judgement, but for when it was made. A stored judgement that the current classifier would write
   * word for word stands, even when an older version made it: the record then truly names who judged it.
   */
  static boolean sameJudgement(Judgement stored, Judgement now) {
    return stored != null && stored.interpretation().equals(now.interpretation())
        && java.util.Objects.equals(stored.platform(), now.platform())
        && java.util.Objects.equals(stored.round(), now.round());
  }

  private static final class Tally {
    int rounds;
    long inScope;
    final Map<Transition, Long> transitions = new TreeMap<>();
    long restated;
    long unchanged;
    long added;
    final List<String> unreadable = new ArrayList<>();
    long written;
  }
}
