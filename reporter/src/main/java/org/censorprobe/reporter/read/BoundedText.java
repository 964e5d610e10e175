package org.censorprobe.reporter.read;

/** Cuts hostile text to a size a report can show: no control characters, at most a fixed length. */
public final class BoundedText {
  public static final int MAX_CHARS = 300;

  private BoundedText() {}

  public static String of(String s) {
    return of(s, MAX_CHARS);
  }

  public static String of(String s, int max) {
    if (s == null) return null;
    StringBuilder b = new StringBuilder(Math.min(s.length(), max + 1));
    for (int i = 0; i < s.length() && b.length() < max; i++) {
      char c = s.charAt(i);
      b.append(Character.isISOControl(c) ? ' ' : c);
    }
    if (s.length() > max) b.append('\u2026');
    return b.toString();
  }
}
