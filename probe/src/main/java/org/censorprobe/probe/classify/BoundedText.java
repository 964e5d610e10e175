package org.censorprobe.probe.classify;

/** A CharSequence that allows a fixed number of character reads, to bound regex matching on hostile input. */
final class BoundedText implements CharSequence {
  /** Generous for the shipped patterns on 8 KiB (they need well under 1 M reads), small enough to end fast. */
  static final long DEFAULT_BUDGET = 5_000_000;

  static final class BudgetExceeded extends RuntimeException {
    BudgetExceeded() {
      super("regex step budget exceeded", null, false, false);
    }
  }

  private final String text;
  private final int start, end;
  private final long[] budget; // shared with subSequence views

  BoundedText(String text, long budget) {
    this(text, 0, text.length(), new long[] {budget});
  }

  private BoundedText(String text, int start, int end, long[] budget) {
    this.text = text;
    this.start = start;
    this.end = end;
    this.budget = budget;
  }

  @Override
  public char charAt(int index) {
    if (--budget[0] < 0) throw new BudgetExceeded();
    return text.charAt(start + index);
  }

  @Override
  public int length() {
    return end - start;
  }

  @Override
  public CharSequence subSequence(int s, int e) {
    return new BoundedText(text, start + s, start + e, budget);
  }

  @Override
  public String toString() {
    return text.substring(start, end);
  }
}
