package org.censorprobe.reporter.incidents;

/**
 * Counts in words, singular and plural right: "1 round", "2 rounds", "the control", "both controls", "all 3
 * controls". A report is read by people who quote it; "all 1 controls" reads as a tool's output, not an account.
 * Nouns here are regular (a plural adds "s") unless both forms are given.
 */
public final class Plural {
  private Plural() {}

  /** "1 round", "0 rounds", "12 rounds". */
  public static String count(long n, String noun) {
    return count(n, noun, noun + "s");
  }

  public static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  /** The noun alone, for a count written elsewhere. */
  public static String noun(long n, String noun) {
    return n == 1 ? noun : noun + "s";
  }

  /** "was" or "were", "is" or "are": the verb that agrees with a count. */
  public static String verb(long n, String one, String many) {
    return n == 1 ? one : many;
  }

  /** Every one of n: "the control", "both controls", "all 3 controls" (n >= 1); "no controls" for 0. */
  public static String every(long n, String noun) {
    if (n <= 0) return "no " + noun + "s";
    if (n == 1) return "the " + noun;
    if (n == 2) return "both " + noun + "s";
    return "all " + n + " " + noun + "s";
  }
}
