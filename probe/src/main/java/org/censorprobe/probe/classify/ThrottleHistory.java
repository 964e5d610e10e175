package org.censorprobe.probe.classify;

import java.util.HashMap;
import java.util.Map;

/**
 * How many consecutive rounds each endpoint (keyed {@code "platformId endpointSpec"}) was measured slow: the only
 * state carried from one round to the next. Immutable: the classifier returns a new one, so it stays a pure
 * function of its inputs, and re-judging stored history rebuilds it by judging the rounds in order.
 */
public record ThrottleHistory(Map<String, Integer> slowRounds) {
  public static final ThrottleHistory EMPTY = new ThrottleHistory(Map.of());

  public ThrottleHistory {
    slowRounds = Map.copyOf(slowRounds);
  }

  public int slowRounds(String key) {
    return slowRounds.getOrDefault(key, 0);
  }

  static String key(String platformId, String spec) {
    return platformId + " " + spec;
  }

  /** This history with the round's counts for {@code platforms} replacing theirs (other platforms keep theirs). */
  public ThrottleHistory merge(java.util.Set<String> platforms, ThrottleHistory round) {
    Map<String, Integer> m = new HashMap<>(slowRounds);
    m.keySet().removeIf(k -> platforms.contains(k.substring(0, k.indexOf(' '))));
    m.putAll(round.slowRounds);
    return new ThrottleHistory(m);
  }

  /** Builds the next history; endpoints not mentioned this round are dropped (not consecutive any more). */
  static final class Next {
    private final Map<String, Integer> counts = new HashMap<>();

    void slow(String key, int count) {
      counts.put(key, count);
    }

    ThrottleHistory build() {
      return new ThrottleHistory(counts);
    }
  }
}
