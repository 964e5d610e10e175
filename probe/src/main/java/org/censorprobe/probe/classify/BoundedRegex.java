package org.censorprobe.probe.classify;

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
 * <p>A text without the regex's {@link RequiredText} is passed over before a matcher reads it: it cannot match.
 */
final class BoundedRegex {
  private static final String NOTHING = "";

  private final Pattern pattern;
  private final ThreadLocal<Matcher> matchers;
  /** Text that every match contains; null when none is known. */
  private final String required;

  BoundedRegex(Pattern pattern) {
    this.pattern = pattern;
    this.required = RequiredText.of(pattern.pattern(), pattern.flags());
    this.matchers = ThreadLocal.withInitial(() -> pattern.matcher(NOTHING));
  }

  Pattern pattern() {
    return pattern;
  }

  boolean find(String text) {
    if (required != null && !text.contains(required)) return false;
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
