package org.censorprobe.format.scrub;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.censorprobe.format.net.IpAddress;

/**
 * The ways software writes one address, built here independently of the scrubber's finder: the list a property
 * checks the scrubber against.
 */
final class Spellings {
  private Spellings() {}

  static List<String> of(IpAddress a) {
    Set<String> out = new LinkedHashSet<>();
    byte[] b = a.bytes();
    if (b.length == 4) {
      int[] o = {b[0] & 0xff, b[1] & 0xff, b[2] & 0xff, b[3] & 0xff};
      out.add(o[0] + "." + o[1] + "." + o[2] + "." + o[3]);
      out.add(String.format(Locale.ROOT, "%03d.%03d.%03d.%03d", o[0], o[1], o[2], o[3]));
      out.add(String.format(Locale.ROOT, "%d.%02d.%d.%03d", o[0], o[1], o[2], o[3]));
      out.add(o[0] + "%2E" + o[1] + "%2e" + o[2] + "%2E" + o[3]);
      return new ArrayList<>(out);
    }
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    String canonical = a.toString();
    out.add(canonical);
    out.add(canonical.toUpperCase(Locale.ROOT));
    out.add(join(g, 0, 8, "%x"));
    out.add(join(g, 0, 8, "%04X"));
    out.add(join(g, 0, 6, "%x") + ":" + (g[6] >> 8) + "." + (g[6] & 0xff) + "." + (g[7] >> 8) + "." + (g[7] & 0xff));
    // "::" in place of any run of zero groups, not only the longest (RFC 4291 allows every one of them).
    for (int start = 0; start < 8; start++) {
      for (int end = start + 1; end <= 8; end++) {
        boolean zeros = true;
        for (int k = start; k < end; k++) zeros &= g[k] == 0;
        if (!zeros) break;
        out.add(join(g, 0, start, "%x") + "::" + join(g, end, 8, "%x"));
        out.add((join(g, 0, start, "%X") + "::" + join(g, end, 8, "%X")));
      }
    }
    out.add(canonical.replace(":", "%3A"));
    out.add(canonical.replace(":", "%3a"));
    return new ArrayList<>(out);
  }

  private static String join(int[] g, int from, int to, String format) {
    StringBuilder s = new StringBuilder();
    for (int i = from; i < to; i++) {
      if (i > from) s.append(':');
      s.append(String.format(Locale.ROOT, format, g[i]));
    }
    return s.toString();
  }
}
