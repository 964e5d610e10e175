package org.censorprobe.reporter.read;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a store and/or JSON-lines files as one time-ordered stream of rows into a {@link RoundAssembler}.
 * JSON-lines rows are held and sorted (exports are small); the store is streamed and the two merged by time.
 */
public final class MeasurementSources {
  private final Path store;
  private final List<Path> jsonLines;

  public MeasurementSources(Path store, List<Path> jsonLines) {
    this.store = store;
    this.jsonLines = List.copyOf(jsonLines);
  }

  /** Feeds every row to the assembler and finishes it; returns the number of rows read. */
  public long readInto(RoundAssembler assembler, RowFilter filter, InputProblems problems) {
    List<MeasurementRow> fileRows = new ArrayList<>();
    JsonLinesReader lines = new JsonLinesReader(problems);
    for (Path file : jsonLines) lines.read(file, filter, fileRows::add);
    fileRows.sort(Comparator.comparingLong(MeasurementRow::measuredAtMs)); // stable: file order within a time
    long count = fileRows.size();
    int[] next = {0};
    Runnable drainFiles = () -> {
      while (next[0] < fileRows.size()) assembler.accept(fileRows.get(next[0]++));
      assembler.finish();
    };
    if (store == null) {
      drainFiles.run();
      return count;
    }
    Consumer<MeasurementRow> merged = row -> {
      while (next[0] < fileRows.size() && fileRows.get(next[0]).measuredAtMs() <= row.measuredAtMs()) {
        assembler.accept(fileRows.get(next[0]++));
      }
      assembler.accept(row);
    };
    return count + new StoreReader(problems).read(store, filter, merged, drainFiles);
  }
}
