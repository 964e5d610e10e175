package org.censorprobe.probe.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The allowed key an unknown one was probably meant to be ({@code platform} -> {@code platforms}): the closest by
 * edit distance (insertions, deletions, substitutions and swaps of two neighbours, case ignored), when it is close
 * enough to be a typo: one edit for keys of up to three letters, two for longer ones. Ties go to the earlier key.
 */
final class KeySuggestion {
  private KeySuggestion() {}

  static Optional<String> closest(String unknown, List<String> allowed) {
    String u = unknown.toLowerCase(Locale.ROOT);
    int limit = u.length() <= 3 ? 1 : 2;
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String key : allowed) {
      // The length difference bounds the distance from below; skipping also bounds the work for a hostile key.
      if (Math.abs(u.length() - key.length()) > limit) continue;
      int d = distance(u, key.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = key;
        bestDistance = d;
      }
    }
    return best != null && bestDistance <= limit ? Optional.of(best) : Optional.empty();
  }

  /** Optimal string alignment distance (Damerau-Levenshtein without repeated edits of one substring). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[a.length()][b.length()];
  }
}
