package org.censorprobe.reporter.read;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.censorprobe.format.interpret.Interpretation;
import org.censorprobe.format.interpret.Judgement;
import org.censorprobe.format.json.MeasurementCodec;
import org.censorprobe.format.json.RecordFormatException;
import org.censorprobe.format.observe.EndpointObservations;
import org.censorprobe.format.observe.ResolverObservations;
import org.censorprobe.format.observe.Steps;
import org.censorprobe.format.record.Measurement;

/**
 * Reads the probe's JSON Lines (docs/measurement-format.md) with the format module's codec, the one reader of the
 * format. A malformed line (not JSON, not a record, a newer schema, longer than {@link #MAX_LINE_CHARS}) is
 * reported to {@link InputProblems} with its line number and what the codec found wrong.
 * Rows come out in file order; the caller sorts rows of several files by time.
 */
public final class JsonLinesReader {
  /** A record is a few KiB; a line this long is not one, and is not held in memory whole. */
  public static final int MAX_LINE_CHARS = 4 * 1024 * 1024;

  private final InputProblems problems;
  private final ClassifierTally classifiers;

  public JsonLinesReader(InputProblems problems) {
    this(problems, new ClassifierTally());
  }

  /** Counts the classifier of every row it passes on into {@code classifiers}. */
  public JsonLinesReader(InputProblems problems, ClassifierTally classifiers) {
    this.problems = problems;
    this.classifiers = classifiers;
  }

  /** A row and what the footer needs of its judgement, which the slim row no longer says. */
  private record Parsed(MeasurementRow row, org.censorprobe.format.interpret.ClassifierVersion classifier,
                        boolean rejudged) {}

  /** Reads every line of the file; throws {@link InputException} if the file cannot be read at all. */
  public long read(Path file, RowFilter filter, Consumer<MeasurementRow> out) {
    long rows = 0;
    var decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    try (Reader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 1 << 16)) {
      StringBuilder line = new StringBuilder(4096);
      long lineNo = 0;
      boolean tooLong = false;
      int c;
      while (true) {
        c = in.read();
        if (c == '\n' || c == -1) {
          if (c == -1 && line.length() == 0 && !tooLong) break;
          lineNo++;
          if (tooLong) {
            problems.report(file + ":" + lineNo, "line longer than " + MAX_LINE_CHARS + " characters; skipped");
          } else if (!line.toString().isBlank()) {
            Parsed parsed = parse(file, lineNo, line.toString());
            if (parsed != null && filter.accepts(parsed.row())) {
              out.accept(parsed.row());
              classifiers.add(parsed.classifier(), parsed.rejudged());
              rows++;
            }
          }
          line.setLength(0);
          tooLong = false;
          if (c == -1) break;
        } else if (!tooLong) {
          if (line.length() >= MAX_LINE_CHARS) {
            tooLong = true;
            line.setLength(0);
          } else {
            line.append((char) c);
          }
        }
      }
    } catch (IOException e) {
      throw new InputException(file + ": cannot read: " + e.getMessage(), e);
    }
    return rows;
  }

  private Parsed parse(Path file, long lineNo, String text) {
    String where = file + ":" + lineNo;
    Measurement m;
    try {
      m = MeasurementCodec.read(text);
    } catch (RecordFormatException e) {
      problems.report(where, BoundedText.of(e.getMessage(), 200) + "; skipped");
      return null;
    }
    if (m.judgement() == null || m.measuredAt() == null || m.roundId() == null) {
      problems.report(where, "a record without its verdict, time or round; skipped");
      return null;
    }
    Status status = Status.of(m.judgement().verdict());
    // An ok line is needed for nothing but the probe's identity and the platform's name: keep just those.
    Measurement kept = status == Status.OK ? slim(m) : m;
    Rollup rollup = new Rollup(m.judgement().platform(), m.judgement().round());
    return new Parsed(new MeasurementRow(where, m.measuredAt().toEpochMilli(), m.roundId(), m.probe().id(), m.role(),
        m.platform(), m.endpoint(), status, m.judgement().method(), () -> kept, () -> rollup),
        m.judgement().classifier(), !m.previous().isEmpty());
  }

  /** The record without its observations and facts: what an ok row is kept for, at a fraction of the memory. */
  static Measurement slim(Measurement m) {
    var j = m.judgement();
    var i = j.interpretation();
    var judgement = new Judgement(new Interpretation(i.verdict(), i.method(), i.confidence(), i.evidence(), List.of()),
        j.platform(), j.round(), j.classifier(), j.judgedAt());
    Steps empty = m.steps() instanceof EndpointObservations o
        ? new EndpointObservations(o.endpoint(), o.startedAt(), o.durationMs(), List.of(), List.of(), List.of(),
            List.of(), List.of(), List.of(), null)
        : new ResolverObservations(List.of());
    return new Measurement(m.id(), m.roundId(), m.measuredAt(), m.probe(), m.role(), m.platform(), m.platformName(),
        m.domestic(), m.endpoint(), m.resolverRole(), m.expect(), empty, judgement, m.previous());
  }
}
