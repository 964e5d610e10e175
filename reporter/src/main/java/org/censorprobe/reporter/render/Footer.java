package org.censorprobe.reporter.render;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.censorprobe.reporter.incidents.Plural;
import org.censorprobe.reporter.report.Report;
import org.censorprobe.reporter.incidents.TimeText;
import org.censorprobe.reporter.read.ClassifierTally;
import org.censorprobe.reporter.read.SourceSummary;

/**
 * The footer every format ends with, as sentences: what made the report and when, what it was made from, which
 * classifiers judged the records (several when a period spans an upgrade, with the re-judged ones counted), the
 * incident rules, and where the method is explained. A published report must say all of this by itself: a reader
 * who finds it far from its author can still tell what it rests on. Sources are named by file name only (the
 * central store by its database), so a published report does not carry its author's directories or hosts.
 *
 * @param skipped null when nothing was skipped (no "0 lines skipped" noise)
 * @param reasons the first reasons for skipping, each naming its file and line
 */
record Footer(String made, String input, String skipped, List<String> reasons, String classifiers, String rules) {
  /** Where the method is explained, relative to the repository's top; a relative link in Markdown. */
  static final String METHOD_PATH = "docs/classification.md";
  static final String METHOD_TITLE = "how each verdict is decided";
  static final int MAX_REASONS = 5;
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  Footer {
    reasons = List.copyOf(reasons);
  }

  static Footer of(Report r, Colophon c) {
    String made = "Made by censorprobe reporter " + c.toolVersion() + " on " + SECONDS.format(c.generatedAt())
        + " UTC.";
    org.censorprobe.reporter.read.InputSummary in = r.input();
    String input = "Read " + Plural.count(in.measurements(), "measurement") + " in " + Plural.count(in.rounds(), "round")
        + sources(in.sources()) + ".";
    String skipped = null;
    List<String> reasons = new ArrayList<>();
    if (in.skipped() > 0) {
      int shown = Math.min(MAX_REASONS, in.problems().size());
      for (int i = 0; i < shown; i++) reasons.add(in.problems().get(i));
      skipped = "Skipped " + Plural.count(in.skipped(), "malformed line or record", "malformed lines or records")
          + (shown == 0 ? "." : in.skipped() > shown ? "; the first " + shown + ":" : ":");
    }
    String rules = "An incident opens after " + Plural.count(r.settings().openAfter(), "failing round")
        + " in a row and closes after " + Plural.count(r.settings().closeAfter(), "ok round") + " in a row; "
        + (r.settings().gap() == null ? "a silence longer than 3 times the usual interval between rounds"
            : "a silence longer than " + TimeText.duration(r.settings().gap())) + " is shown as no data.";
    return new Footer(made, input, skipped, reasons, classifiers(in.classifiers(), in.measurements()), rules);
  }

  /** " from event.jsonl", " from the store censorprobe.db (250 measurements) and a.jsonl (22 measurements)". */
  private static String sources(List<SourceSummary> sources) {
    if (sources.isEmpty()) return "";
    if (sources.size() == 1) return " from " + name(sources.get(0));
    List<String> parts = new ArrayList<>();
    for (SourceSummary s : sources) parts.add(name(s) + " (" + Plural.count(s.records(), "measurement") + ")");
    return " from " + TimeText.list(parts);
  }

  /** A file by its name, the central store by its database: never the author's directories or hosts. */
  private static String name(SourceSummary s) {
    return switch (s.kind()) {
      case STORE -> "the store " + s.name();
      case CENTRAL -> "the central store " + s.name();
      case JSON_LINES -> s.name();
    };
  }

  /**
   * "Verdicts by classifier 2.0.0 (2026-12-01) for all 272 measurements." or, over an upgrade, each classifier
   * with its count and how many of those it re-judged.
   */
  static String classifiers(List<ClassifierTally.Count> counts, long measurements) {
    if (counts.isEmpty()) return "No verdicts were read.";
    List<String> parts = new ArrayList<>();
    long rejudged = 0;
    for (ClassifierTally.Count c : counts) {
      String who = EvidenceText.classifier(c.classifier());
      String how = counts.size() == 1 ? Plural.every(c.records(), "measurement")
          : Plural.count(c.records(), "measurement");
      String again = c.rejudged() == 0 ? ""
          : c.rejudged() == c.records() ? (c.records() == 1 ? ", re-judged" : ", every one re-judged")
          : ", " + c.rejudged() + " of them re-judged";
      parts.add(who + " for " + how + again);
      rejudged += c.rejudged();
    }
    String note = rejudged == 0 ? "" : " A re-judged measurement was judged again from its stored observations; the"
        + " judgement it replaced is kept in the record and named beside any evidence quoted from it.";
    return "Verdicts by " + String.join("; ", parts) + "." + note;
  }
}
