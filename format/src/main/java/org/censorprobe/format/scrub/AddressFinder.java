package org.censorprobe.format.scrub;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.censorprobe.format.net.IpAddress;

/**
 * Finds where a set of IP addresses is spelled in free text, in any of the spellings a page, a header or an error
 * message may use: IPv4 dotted (leading zeros too), IPv6 in either case, compressed or not, with or without
 * leading zeros in its groups, with a dotted tail ({@code ::ffff:192.0.2.1}), and either family with its colons and
 * dots percent-encoded ({@code 2001%3Adb8%3A%3A1}, as a URL's query carries it).
 *
 * <p>A spelling counts only as a whole: it is not the middle of a longer number or address. {@code 10.0.0.10}
 * is not found in {@code 110.0.0.101} (a digit, or a dot and a digit, on either side extends it), and
 * {@code 2001:db8::1} is not found in {@code 2001:db8::1:5} (a hex digit, or a colon and a hex digit, extends it).
 * A sentence's full stop or a port's colon after it does not: {@code "from 10.0.0.10."}, {@code "[2001:db8::1]:443"}.
 *
 * <p>Candidates are parsed with {@link IpAddress#tryParse}, so "is this a spelling of that address" is decided by
 * the house's one address parser, never by comparing text.
 */
final class AddressFinder {
  /** {@code 0000:0000:0000:0000:0000:ffff:255.255.255.255}: no spelling is longer. */
  private static final int LONGEST = 45;
  private static final int SHORTEST_V4 = 7;

  /** Where a spelling was found: {@code [start, end)} of the original text. */
  record Span(int start, int end) {}

  private final Set<IpAddress> addresses;

  AddressFinder(Set<IpAddress> own) {
    Set<IpAddress> all = new HashSet<>(own);
    // An IPv4 address is also reachable as its IPv4-mapped IPv6 form, which some software prints in hex
    // (::ffff:c000:201); the dotted form inside it is found on its own anyway.
    for (IpAddress a : own) if (a.family() == IpAddress.Family.IPV4) all.add(mapped(a));
    this.addresses = Set.copyOf(all);
  }

  boolean isEmpty() {
    return addresses.isEmpty();
  }

  /** The spellings in {@code text}, left to right, not overlapping; at each start the longest one. */
  List<Span> find(String text) {
    List<Span> out = new ArrayList<>();
    if (addresses.isEmpty() || text == null || text.isEmpty()) return out;
    View v = View.of(text);
    char[] c = v.chars;
    int n = c.length;
    int i = 0;
    while (i < n) {
      if (!addressChar(c[i])) {
        i++;
        continue;
      }
      int runEnd = i;
      int colons = 0;
      int dots = 0;
      while (runEnd < n && addressChar(c[runEnd])) {
        if (c[runEnd] == ':') colons++;
        if (c[runEnd] == '.') dots++;
        runEnd++;
      }
      // A spelling lies within one run of address characters: an IPv4 one has three dots, an IPv6 one a colon.
      // Words and numbers of ordinary text have neither, and are passed over whole.
      if (colons == 0 && dots < 3) {
        i = runEnd;
        continue;
      }
      while (i < runEnd) {
        int end = longestFrom(c, i);
        if (end > i) {
          out.add(new Span(v.start(i), v.end(end - 1)));
          i = end;
        } else {
          i++;
        }
      }
    }
    return out;
  }

  /** The end of the longest spelling of one of our addresses starting at {@code i}; {@code i} when none. */
  private int longestFrom(char[] c, int i) {
    boolean v4Start = digit(c[i]) && v4LeftFree(c, i);
    boolean v6Start = (hex(c[i]) || c[i] == ':') && v6LeftFree(c, i);
    if (!v4Start && !v6Start) return i;
    int extent = i;
    int limit = Math.min(c.length, i + LONGEST);
    while (extent < limit && addressChar(c[extent])) extent++;
    for (int j = extent; j > i + 1; j--) {
      boolean colon = false;
      for (int k = i; k < j; k++) {
        if (c[k] == ':') {
          colon = true;
          break;
        }
      }
      if (colon) {
        if (v6Start && v6RightFree(c, j) && ours(c, i, j)) return j;
      } else if (v4Start && j - i >= SHORTEST_V4 && allV4(c, i, j) && v4RightFree(c, j) && ours(c, i, j)) {
        return j;
      }
    }
    return i;
  }

  private boolean ours(char[] c, int i, int j) {
    Optional<IpAddress> a = IpAddress.tryParse(new String(c, i, j - i));
    return a.isPresent() && addresses.contains(a.get());
  }

  private static boolean allV4(char[] c, int i, int j) {
    for (int k = i; k < j; k++) if (!digit(c[k]) && c[k] != '.') return false;
    return true;
  }

  // Boundaries: what may stand next to a spelling without making it part of a longer number or address.

  private static boolean v4LeftFree(char[] c, int i) {
    if (i == 0) return true;
    char before = c[i - 1];
    return !(digit(before) || before == '.' && i >= 2 && digit(c[i - 2]));
  }

  private static boolean v4RightFree(char[] c, int j) {
    if (j == c.length) return true;
    char next = c[j];
    return !(digit(next) || next == '.' && j + 1 < c.length && digit(c[j + 1]));
  }

  private static boolean v6LeftFree(char[] c, int i) {
    if (i == 0) return true;
    char before = c[i - 1];
    return !(hex(before) || before == ':' && i >= 2 && (hex(c[i - 2]) || c[i - 2] == ':'));
  }

  private static boolean v6RightFree(char[] c, int j) {
    if (j == c.length) return true;
    if (hex(c[j])) return false;
    boolean more = j + 1 < c.length;
    if (c[j] == ':' && more && (hex(c[j + 1]) || c[j + 1] == ':')) return false;
    return !(c[j] == '.' && more && digit(c[j + 1]));
  }

  // Character classes by table: the scan asks about every character of every text, and a table read is one load
  // where the comparisons were up to eight under C1.
  private static final byte DIGIT = 1;
  private static final byte HEX = 2;
  private static final byte ADDRESS = 4;
  private static final byte[] CLASSES = new byte[128];

  static {
    for (char ch = '0'; ch <= '9'; ch++) CLASSES[ch] = DIGIT | HEX | ADDRESS;
    for (char ch = 'a'; ch <= 'f'; ch++) CLASSES[ch] = HEX | ADDRESS;
    for (char ch = 'A'; ch <= 'F'; ch++) CLASSES[ch] = HEX | ADDRESS;
    CLASSES[':'] = ADDRESS;
    CLASSES['.'] = ADDRESS;
  }

  private static boolean digit(char ch) {
    return ch < 128 && (CLASSES[ch] & DIGIT) != 0;
  }

  private static boolean hex(char ch) {
    return ch < 128 && (CLASSES[ch] & HEX) != 0;
  }

  private static boolean addressChar(char ch) {
    return ch < 128 && (CLASSES[ch] & ADDRESS) != 0;
  }

  private static IpAddress mapped(IpAddress v4) {
    byte[] b = new byte[16];
    b[10] = (byte) 0xff;
    b[11] = (byte) 0xff;
    System.arraycopy(v4.bytes(), 0, b, 12, 4);
    return IpAddress.of(b);
  }

  /**
   * The text with {@code %3A} and {@code %2E} read as {@code :} and {@code .}, and for each character of that view
   * where it starts and ends in the original, so that a percent-encoded spelling is replaced whole. Most texts have
   * no such escape: their view is the text's characters, without the two offset arrays (which, made for every
   * text, were 6% of a steady daemon's allocation). An array rather than the String itself: the loop reads every
   * character, and C1 (the launcher's only compiler) does not reduce {@code charAt} to an array read.
   */
  private record View(char[] chars, int[] start, int[] end) {
    static View of(String text) {
      if (text.indexOf('%') < 0) return new View(text.toCharArray(), null, null);
      int n = text.length();
      char[] chars = new char[n];
      int[] start = new int[n];
      int[] end = new int[n];
      int k = 0;
      for (int i = 0; i < n; k++) {
        char ch = text.charAt(i);
        int width = 1;
        if (ch == '%' && i + 2 < n) {
          char a = text.charAt(i + 1);
          char b = Character.toUpperCase(text.charAt(i + 2));
          if (a == '3' && b == 'A') {
            ch = ':';
            width = 3;
          } else if (a == '2' && b == 'E') {
            ch = '.';
            width = 3;
          }
        }
        chars[k] = ch;
        start[k] = i;
        end[k] = i + width;
        i += width;
      }
      return new View(Arrays.copyOf(chars, k), Arrays.copyOf(start, k), Arrays.copyOf(end, k));
    }

    int start(int k) {
      return start == null ? k : start[k];
    }

    int end(int k) {
      return end == null ? k + 1 : end[k];
    }
  }
}
