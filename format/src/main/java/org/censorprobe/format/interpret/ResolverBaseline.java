package org.censorprobe.format.interpret;

/**
 * How one resolver did on the controls' names in this round: it was asked about {@code asked} of them and gave an
 * address for {@code answered}. A resolver that failed the controls too is broken or blocked itself, and says
 * nothing about a platform.
 */
public record ResolverBaseline(String resolver, ResolverRole role, int asked, int answered) {
  /** Answered every control name it was asked about, and was asked about at least one. */
  public boolean healthy() {
    return asked > 0 && answered == asked;
  }

  /** Answered no control name although asked. */
  public boolean silent() {
    return asked > 0 && answered == 0;
  }
}
