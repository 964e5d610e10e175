package org.censorprobe.reporter.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks that counts and nouns agree in a report's text: "1 round", "2 rounds", never "all 1 controls". */
final class Grammar {
  private static final Pattern COUNTED = Pattern.compile("\\b(\\d+) (?:failing |ok |malformed )?"
      + "(round|control|measurement|gap|incident|event|line|problem|name|record)(s?)\\b");
  private static final Pattern ALL_FEW = Pattern.compile("\\ball [012] ");

  private Grammar() {}

  static void assertCountsAgree(String text) {
    Matcher m = COUNTED.matcher(text);
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      boolean plural = !m.group(3).isEmpty();
      assertEquals(n != 1, plural, () -> "'" + m.group() + "' in: " + text);
    }
    assertFalse(ALL_FEW.matcher(text).find(), () -> "'all 0/1/2' in: " + text);
    assertFalse(text.contains("(s)"), () -> "a plural left to the reader in: " + text);
  }
}
