package org.censorprobe.reporter.read;

import org.censorprobe.format.json.MeasurementCodec;
import org.censorprobe.format.json.RecordFormatException;
import org.censorprobe.format.record.Measurement;

/** A stored record's JSON, read by the one codec; what cannot be read is reported where it is and skipped. */
final class RecordText {
  private RecordText() {}

  /** Null (reported to {@code problems} at {@code where}) when the text is missing or not a record. */
  static Measurement decode(String text, String where, InputProblems problems) {
    if (text == null) {
      problems.report(where, "no record JSON");
      return null;
    }
    try {
      return MeasurementCodec.read(text);
    } catch (RecordFormatException e) {
      problems.report(where, "unreadable record (" + BoundedText.of(e.getMessage(), 160) + ")");
      return null;
    }
  }
}
