package org.censorprobe.reporter.read;

import java.util.function.Function;

/**
 * The value parsed from the last text, given again for the same string object: {@link RowText} hands a repeated
 * column out as the same string, so a million rows parse their role, verdict and method a few thousand times. A
 * parse that throws is not kept (every bad row is reported).
 */
final class LastParsed<T> {
  private final Function<String, T> parse;
  private String text;
  private T value;

  LastParsed(Function<String, T> parse) {
    this.parse = parse;
  }

  T of(String s) {
    if (s != text || text == null) {
      T parsed = parse.apply(s);
      text = s;
      value = parsed;
    }
    return value;
  }
}
