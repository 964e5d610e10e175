package org.censorprobe.reporter.read;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.censorprobe.format.interpret.ClassifierVersion;

/**
 * Which classifier judged how many of the records read, and how many of those were re-judged: a report may span
 * records judged by several versions, and a reader must be able to tell which words came from which. Filled while
 * reading, one thread.
 */
public final class ClassifierTally {
  /** Records judged by one classifier ({@code classifier} null: the first, before versions were recorded). */
  public record Count(ClassifierVersion classifier, long records, long rejudged) {}

  private final Map<ClassifierVersion, long[]> counts = new LinkedHashMap<>();

  public void add(ClassifierVersion classifier, boolean rejudged) {
    add(classifier, 1, rejudged ? 1 : 0);
  }

  public void add(ClassifierVersion classifier, long records, long rejudged) {
    long[] c = counts.computeIfAbsent(classifier, k -> new long[2]);
    c[0] += records;
    c[1] += rejudged;
  }

  /** Newest version first (by date, then name); the unversioned first classifier last. */
  public List<Count> counts() {
    List<Count> out = new ArrayList<>();
    counts.forEach((k, v) -> out.add(new Count(k, v[0], v[1])));
    out.sort(Comparator.comparing((Count c) -> c.classifier() == null)
        .thenComparing(c -> c.classifier() == null || c.classifier().date() == null ? "" : c.classifier().date().toString(),
            Comparator.reverseOrder())
        .thenComparing(c -> c.classifier() == null ? "" : c.classifier().version(), Comparator.reverseOrder()));
    return List.copyOf(out);
  }

  /**
   * The store's {@code classifier} column: {@link ClassifierVersion#toString()} ("2.0.0 (2026-12-01)") of the
   * judgement, or the writing probe's own name for a record that named none; null for rows from before it existed.
   */
  static ClassifierVersion parseColumn(String text) {
    if (text == null || text.isBlank()) return null;
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(.+) \\((\\d{4}-\\d{2}-\\d{2})\\)").matcher(text);
    if (m.matches()) {
      try {
        return new ClassifierVersion(m.group(1), java.time.LocalDate.parse(m.group(2)));
      } catch (java.time.format.DateTimeParseException e) {
        // not a date after all: the text is the name
      }
    }
    return new ClassifierVersion(Objects.requireNonNull(text), null);
  }
}
