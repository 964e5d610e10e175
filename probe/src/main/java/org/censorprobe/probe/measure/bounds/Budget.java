package org.censorprobe.probe.measure.bounds;

import java.time.Duration;
import org.censorprobe.format.observe.Failure;
import org.censorprobe.format.observe.FailureType;
import org.censorprobe.format.observe.Operation;

/**
 * One endpoint's overall deadline ({@code timeouts.endpoint}). Every step keeps its own deadline; a step's
 * effective deadline is the earlier of the two ({@link #step}). A step cut by the budget, rather than by its own
 * deadline, fails as {@code budget_exhausted}: the probe ran out of time, which says nothing about the network.
 * Immutable; shared by every thread of one endpoint.
 */
public final class Budget {
  private static final long UNLIMITED = Long.MAX_VALUE;

  private final long deadlineNanos;
  private final Duration total;

  private Budget(long deadlineNanos, Duration total) {
    this.deadlineNanos = deadlineNanos;
    this.total = total;
  }

  /** A budget of {@code total} from now. */
  public static Budget of(Duration total) {
    long now = System.nanoTime();
    long nanos = total.toNanos();
    return new Budget(nanos >= UNLIMITED - now ? UNLIMITED : now + nanos, total);
  }

  /** No overall deadline (tests of a single step). */
  public static Budget unlimited() {
    return new Budget(UNLIMITED, null);
  }

  public long deadlineNanos() {
    return deadlineNanos;
  }

  public long remainingNanos() {
    return deadlineNanos == UNLIMITED ? UNLIMITED : Math.max(0, deadlineNanos - System.nanoTime());
  }

  public boolean exhausted() {
    return deadlineNanos != UNLIMITED && System.nanoTime() - deadlineNanos >= 0;
  }

  /** The deadline of a step of {@code timeout} starting now, bounded by the budget. */
  public Deadline step(Duration timeout) {
    return stepUntil(System.nanoTime() + timeout.toNanos());
  }

  /** A step whose own deadline is {@code stepDeadlineNanos} (e.g. a chain sharing one), bounded by the budget. */
  public Deadline stepUntil(long stepDeadlineNanos) {
    if (deadlineNanos != UNLIMITED && deadlineNanos - stepDeadlineNanos < 0) {
      return new Deadline(deadlineNanos, true, this);
    }
    return new Deadline(stepDeadlineNanos, false, this);
  }

  /** The failure of an operation the budget did not leave time to start, or cut. */
  public Failure exhaustedFailure(Operation operation) {
    return new Failure(FailureType.BUDGET_EXHAUSTED, operation,
        "the endpoint's time budget" + (total == null ? "" : " of " + total.toMillis() + " ms") + " ran out");
  }

  /**
   * A step's deadline: when it passes, the step failed by timeout, or by the budget when {@code byBudget}.
   */
  public record Deadline(long nanos, boolean byBudget, Budget budget) {
    /** Milliseconds left, at least 1 while any time is left (0 means "no timeout" to a socket), else 0. */
    public int remainingMillis() {
      long left = nanos - System.nanoTime();
      if (left <= 0) return 0;
      return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000));
    }

    public long remainingNanos() {
      return Math.max(0, nanos - System.nanoTime());
    }

    public boolean passed() {
      return nanos - System.nanoTime() <= 0;
    }

    /**
     * The failure to record: a timeout becomes {@code budget_exhausted} when the budget, not the step's own
     * deadline, was the one that ran out; anything else is kept.
     */
    public Failure failure(Failure observed) {
      if (observed == null || !byBudget || observed.type() != FailureType.TIMEOUT) return observed;
      return budget.exhaustedFailure(observed.operation());
    }
  }
}
