package org.censorprobe.probe.schedule;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most one round per platform at a time, across config generations: Quartz's
 * {@code @DisallowConcurrentExecution} covers one scheduler, but after a reload the old scheduler's round may
 * still be running when the new one fires.
 */
public final class RoundGuard {
  private final Set<String> running = ConcurrentHashMap.newKeySet();

  /** True if the caller may start the platform's round (and must call {@link #finish}). */
  public boolean tryStart(String platform) {
    return running.add(platform);
  }

  public void finish(String platform) {
    running.remove(platform);
  }

  public boolean isRunning(String platform) {
    return running.contains(platform);
  }
}
