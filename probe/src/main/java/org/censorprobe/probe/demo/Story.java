package org.censorprobe.probe.demo;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * What happens in the demo world, and when: after every {@code roundsPerAct} stored rounds the next act
 * takes effect, so every act is measured by the real daemon before and after, and the last one for
 * {@code roundsPerAct} rounds too (enough for the reporter to open an incident). Counted in rounds, not seconds:
 * a slow machine sees the same story, only later.
 */
final class Story {
  /** The four things that happen to the world. */
  enum Act {
    DNS_NXDOMAIN, SNI_RESET, BLOCKPAGE, SERVER_DOWN
  }

  /** One act on one site. */
  record Step(Act act, Site site) {}

  private final List<Step> steps;
  private final int roundsPerAct;
  private final Consumer<Step> perform;
  private final Runnable complete;
  private int rounds;

  /**
   * @param perform makes a step happen (and says so)
   * @param complete called once, after the rounds that show the last act
   */
  Story(List<Step> steps, int roundsPerAct, Consumer<Step> perform, Runnable complete) {
    if (roundsPerAct < 1) throw new IllegalArgumentException("roundsPerAct must be at least 1");
    this.steps = List.copyOf(steps);
    this.roundsPerAct = roundsPerAct;
    this.perform = perform;
    this.complete = complete;
  }

  List<Step> steps() {
    return steps;
  }

  /** Rounds after which the story is told completely: every act shown for {@code roundsPerAct} rounds. */
  int length() {
    return (steps.size() + 1) * roundsPerAct;
  }

  /** After each stored round (the daemon's hook): performs the step due, if any. */
  void roundStored() {
    Step due = null;
    boolean done = false;
    synchronized (this) {
      rounds++;
      if (rounds % roundsPerAct == 0 && rounds / roundsPerAct <= steps.size()) {
        due = steps.get(rounds / roundsPerAct - 1);
      }
      done = rounds == length();
      notifyAll();
    }
    if (due != null) perform.accept(due);
    if (done) complete.run();
  }

  synchronized int rounds() {
    return rounds;
  }

  /** Waits until {@code n} rounds were stored; false when {@code timeout} passed first. */
  synchronized boolean awaitRounds(int n, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (rounds < n) {
      long left = end - System.nanoTime();
      if (left <= 0) return false;
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }
}
