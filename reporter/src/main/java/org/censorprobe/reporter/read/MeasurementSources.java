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

  /** Feeds every row to the assembler and finishes it; says how many rows each source gave and who judged them. */
  public ReadSummary readInto(RoundAssembler assembler, RowFilter filter, InputProblems problems) {
    ClassifierTally classifiers = new ClassifierTally();
    List<SourceSummary> sources = new ArrayList<>();
    List<MeasurementRow> fileRows = new ArrayList<>();
    JsonLinesReader lines = new JsonLinesReader(problems, classifiers);
    for (Path file : jsonLines) {
      long before = fileRows.size();
      lines.read(file, filter, fileRows::add);
      sources.add(new SourceSummary(SourceSummary.Kind.JSON_LINES, file.toString(), fileRows.size() - before));
    }
    fileRows.sort(Comparator.comparingLong(MeasurementRow::measuredAtMs)); // stable: file order within a time
    long count = fileRows.size();
    int[] next = {0};
    Runnable drainFiles = () -> {
      while (next[0] < fileRows.size()) assembler.accept(fileRows.get(next[0]++));
      assembler.finish();
    };
    if (store == null) {
      drainFiles.run();
      return new ReadSummary(count, sources, classifiers.counts());
    }
    Consumer<MeasurementRow> merged = row -> {
      while (next[0] < fileRows.size() && fileRows.get(next[0]).measuredAtMs() <= row.measuredAtMs()) {
        assembler.accept(fileRows.get(next[0]++));
      }
      assembler.accept(row);
    };
    long stored = new StoreReader(problems).read(store, filter, merged, drainFiles);
    StoreClassifiers.count(store, filter, classifiers, stored);
    sources.add(0, new SourceSummary(SourceSummary.Kind.STORE, store.toString(), stored));
    return new ReadSummary(count + stored, sources, classifiers.counts());
  }
}
