package org.censorprobe.probe.classify;

import java.util.ArrayList;
import java.util.List;

/**
 * The longest run of plain text that every match of a regex must contain, so that a page without it is passed over
 * before the regex engine reads it character by character through its budget ({@link FirstMatch} looks for all
 * these texts in its one pass over a page; {@link BoundedRegex} alone uses {@code String.contains}).
 *
 * <p>Why: the shipped blockpage patterns that are real regexes (16, and more false-positive ones, e.g.
 * {@code URL .* Sp.*er Gate}) run over every response's title, header lines and body sample, through a
 * {@link BoundedText} whose every read is a counted virtual call. Nearly every one of them holds a piece of text
 * that almost no page has. A profile of the daemon's classifying thread put the regexes at about a quarter of its
 * samples; the thread's time measured with this filter alone fell by less than that, because the search for each
 * text was a pass of its own (bench/README.md).
 *
 * <p>The regex is read as a sequence of atoms at its top level. Only text that is certainly required counts: a
 * literal followed by {@code ?}, {@code *} or {@code {n,m}} is dropped, a {@code +} ends the run after its literal,
 * and groups, classes, {@code .}, anchors and class escapes end a run without being read as text. Whatever this
 * reading is not sure of gives null (no filter, the regex alone decides): inline
 * flags and other {@code (?} constructs but {@code (?:}, quoting with {@code \Q}, escapes with arguments such as
 * {@code \p{..}}, {@code \x..} or back-references, and a regex compiled with flags. A null never changes an
 * answer, and a text, by construction, only skips pages the regex could not have matched
 * ({@code RequiredTextPropertiesTest} holds that for generated regexes and pages).
 *
 * <p>Alternation at the top level ({@code a|b}, the lowest precedence there is) makes every match one branch's
 * match: {@link #anyOf} gives one text per branch, and a page that holds none of them cannot match. A branch with
 * no certain text makes the whole answer null.
 */
final class RequiredText {
  /** Escapes that stand for one character of a class, or for a position, and take no argument. */
  private static final String CLASS_ESCAPES = "dDsSwWhHvVbB";

  private RequiredText() {}

  /**
   * Texts of which every match contains at least one (one per top-level branch, in order, not empty), or null when
   * some branch has none or the regex is not one this reads with certainty.
   */
  static List<String> anyOf(String regex, int flags) {
    if (flags != 0 || hasUnsureConstruct(regex)) return null;
    Reader r = new Reader(regex);
    return r.read() ? List.copyOf(r.branches) : null;
  }

  private static boolean hasUnsureConstruct(String regex) {
    if (regex.contains("\\Q")) return true; // quoted text may hide brackets from the reading below
    for (int i = regex.indexOf("(?"); i >= 0; i = regex.indexOf("(?", i + 1)) {
      if (i + 2 >= regex.length() || regex.charAt(i + 2) != ':') return true;
    }
    return false;
  }

  private static final class Reader {
    private final String regex;
    private final StringBuilder run = new StringBuilder();
    private String best = "";
    /** The best run of each top-level branch read so far. */
    private final List<String> branches = new ArrayList<>();
    private int at;
    /** Whether the atom just read is a literal character, the last one of {@link #run}. */
    private boolean lastWasLiteral;

    Reader(String regex) {
      this.regex = regex;
    }

    /** Ends a top-level branch; false when it holds no certain text (then it alone could match any page). */
    private boolean endBranch() {
      endRun();
      if (best.isEmpty()) return false;
      branches.add(best);
      best = "";
      return true;
    }

    /** False when the regex holds something this reading is not sure of. */
    boolean read() {
      int n = regex.length();
      while (at < n) {
        char c = regex.charAt(at);
        switch (c) {
          case '\\' -> {
            if (at + 1 >= n) return false;
            char next = regex.charAt(at + 1);
            if (Character.isLetterOrDigit(next)) {
              if (CLASS_ESCAPES.indexOf(next) < 0) return false;
              if ((next == 'b' || next == 'B') && at + 2 < n && regex.charAt(at + 2) == '{') return false;
              endRun();
            } else {
              literal(next);
            }
            at += 2;
          }
          case '[' -> {
            endRun();
            at = endOfClass(at);
            if (at < 0) return false;
          }
          case '(' -> {
            endRun();
            at = endOfGroup(at);
            if (at < 0) return false;
          }
          case '|' -> {
            if (!endBranch()) return false;
            at++;
          }
          case '*', '?', '{' -> {
            // The atom before may be absent: a literal one leaves the run.
            if (lastWasLiteral) dropLastCharacter();
            endRun();
            if (c == '{') {
              int close = regex.indexOf('}', at);
              if (close < 0) return false;
              at = close;
            }
            at = afterQuantifierMode(at + 1);
          }
          case '+' -> {
            endRun();
            at = afterQuantifierMode(at + 1);
          }
          case '.', '^', '$' -> {
            endRun();
            at++;
          }
          default -> {
            literal(c);
            at++;
          }
        }
      }
      return endBranch();
    }

    private void literal(char c) {
      run.append(c);
      lastWasLiteral = true;
    }

    /** A quantifier applies to a whole code point: a surrogate pair leaves together. */
    private void dropLastCharacter() {
      int len = run.length();
      if (len == 0) return;
      boolean pair = len >= 2 && Character.isLowSurrogate(run.charAt(len - 1))
          && Character.isHighSurrogate(run.charAt(len - 2));
      run.setLength(len - (pair ? 2 : 1));
    }

    private void endRun() {
      if (run.length() > best.length()) best = run.toString();
      run.setLength(0);
      lastWasLiteral = false;
    }

    /** A lazy ({@code ?}) or possessive ({@code +}) mark after a quantifier belongs to it. */
    private int afterQuantifierMode(int i) {
      return i < regex.length() && (regex.charAt(i) == '?' || regex.charAt(i) == '+') ? i + 1 : i;
    }

    /** The index after the class opened at {@code open}; -1 for a nested class or one without its end. */
    private int endOfClass(int open) {
      int i = open + 1;
      if (i < regex.length() && regex.charAt(i) == '^') i++;
      if (i < regex.length() && regex.charAt(i) == ']') i++; // a ']' first is a member
      while (i < regex.length()) {
        char c = regex.charAt(i);
        if (c == '\\') {
          i += 2;
        } else if (c == '[') {
          return -1;
        } else if (c == ']') {
          return i + 1;
        } else {
          i++;
        }
      }
      return -1;
    }

    /** The index after the group opened at {@code open}, whose inside is not read as text; -1 when unsure. */
    private int endOfGroup(int open) {
      int depth = 0;
      int i = open;
      while (i < regex.length()) {
        char c = regex.charAt(i);
        if (c == '\\') {
          i += 2;
        } else if (c == '[') {
          i = endOfClass(i);
          if (i < 0) return -1;
        } else {
          if (c == '(') depth++;
          if (c == ')' && --depth == 0) return i + 1;
          i++;
        }
      }
      return -1;
    }
  }
}
