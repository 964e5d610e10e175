package org.censorprobe.reporter.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;

/**
 * Reads the probe's JSON Lines (docs/measurement-format.md). A malformed line (not JSON, a missing field, an
 * unknown verdict, longer than {@link #MAX_LINE_CHARS}) is reported to {@link InputProblems} with its line number.
 * Rows come out in file order; the caller sorts rows of several files by time.
 */
public final class JsonLinesReader {
  /** A record is a few KiB; a line this long is not one, and is not held in memory whole. */
  public static final int MAX_LINE_CHARS = 4 * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final InputProblems problems;

  public JsonLinesReader(InputProblems problems) {
    this.problems = problems;
  }

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
            MeasurementRow row = parse(file, lineNo, line.toString());
            if (row != null && filter.accepts(row)) {
              out.accept(row);
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

  private static JsonNode identity(JsonNode node) {
    ObjectNode small = JSON.createObjectNode();
    JsonNode info = node.get("probe_info");
    if (info != null) small.set("probe_info", info);
    JsonNode name = node.get("platform_name");
    if (name != null) small.set("platform_name", name);
    return small;
  }

  private MeasurementRow parse(Path file, long lineNo, String text) {
    String where = file + ":" + lineNo;
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (IOException e) {
      problems.report(where, "malformed JSON (" + BoundedText.of(e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage(), 120) + "); skipped");
      return null;
    }
    if (node == null || !node.isObject()) {
      problems.report(where, "not a JSON object; skipped");
      return null;
    }
    for (String field : new String[] {"round_id", "measured_at", "probe", "role", "platform", "verdict"}) {
      if (RecordFields.text(node, field) == null) {
        problems.report(where, "missing field \"" + field + "\"; skipped");
        return null;
      }
    }
    long at;
    try {
      at = Instant.parse(RecordFields.text(node, "measured_at")).toEpochMilli();
    } catch (DateTimeParseException | ArithmeticException e) {
      problems.report(where, "measured_at is not an ISO-8601 instant; skipped");
      return null;
    }
    Status status = Status.ofVerdict(RecordFields.text(node, "verdict"));
    if (status == null) {
      problems.report(where, "unknown verdict \"" + BoundedText.of(RecordFields.text(node, "verdict"), 40) + "\"; skipped");
      return null;
    }
    String probe = RecordFields.text(node, "probe");
    String platform = RecordFields.text(node, "platform");
    // An ok line's record is needed for nothing but the probe's info and the platform's name: keep just those.
    JsonNode record = status != Status.OK ? node : identity(node);
    return new MeasurementRow(where, at, RecordFields.text(node, "round_id"), probe, RecordFields.text(node, "role"),
        platform, RecordFields.text(node, "endpoint"), status, RecordFields.text(node, "method"), () -> record,
        () -> record);
  }
}
