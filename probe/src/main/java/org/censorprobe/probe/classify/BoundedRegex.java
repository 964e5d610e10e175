package org.censorprobe.probe.classify;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fingerprint's real regex (one that {@link Fingerprint#literalOf} cannot turn into plain text), matched within a
 * step budget: a user's regex may backtrack catastrophically on a hostile page, so matching runs over a
 * {@link BoundedText} that stops it after a fixed number of character reads (a budget, not a clock, so matching
 * stays pure), and a stopped match counts as no match.
 *
 * <p>Each thread keeps one {@link Matcher} per regex and resets it for each text: a new matcher per check was
 * 7% of a steady daemon's allocation (every response is checked against every regex). A matcher is given an
 * empty text after each use, so it keeps no page alive.
 *
 * <p>A text that holds none of the regex's {@link RequiredText#anyOf required texts} is passed over before a matcher
 * reads it: it cannot match. {@link FirstMatch} looks for those texts in its one pass over a text and asks
 * {@link #findKnowingRequired} only when one is there.
 */
final class BoundedRegex {
  private static final String NOTHING = "";

  private final Pattern pattern;
  private final ThreadLocal<Matcher> matchers;
  /** Texts of which every match contains one; null when none is known. */
  private final List<String> required;

  BoundedRegex(Pattern pattern) {
    this.pattern = pattern;
    this.required = RequiredText.anyOf(pattern.pattern(), pattern.flags());
    this.matchers = ThreadLocal.withInitial(() -> pattern.matcher(NOTHING));
  }

  Pattern pattern() {
    return pattern;
  }

  /** Texts of which every match contains one, or null when none is known. */
  List<String> required() {
    return required;
  }

  boolean find(String text) {
    return holdsRequired(text) && findKnowingRequired(text);
  }

  private boolean holdsRequired(String text) {
    if (required == null) return true;
    for (String r : required) if (text.contains(r)) return true;
    return false;
  }

  /** {@link #find}, for a caller that found one of the {@link #required} texts in {@code text} itself. */
  boolean findKnowingRequired(String text) {
    Matcher m = matchers.get();
    try {
      return m.reset(new BoundedText(text, BoundedText.DEFAULT_BUDGET)).find();
    } catch (BoundedText.BudgetExceeded e) {
      return false;
    } finally {
      m.reset(NOTHING);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BoundedRegex r && r.pattern.pattern().equals(pattern.pattern())
        && r.pattern.flags() == pattern.flags();
  }

  @Override
  public int hashCode() {
    return pattern.pattern().hashCode();
  }

  @Override
  public String toString() {
    return pattern.pattern();
  }
}
