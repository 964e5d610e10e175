package org.censorprobe.reporter.read;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Reads probes' SQLite stores, the fleet's central PostgreSQL and/or JSON-lines files as one stream of rows in
 * {@link RowOrder} into a {@link RoundAssembler}. Stores and the central store are streamed and merged by that
 * order; JSON-lines rows are held and sorted (exports are small).
 */
public final class MeasurementSources {
  private final List<Path> stores;
  private final CentralSource central;
  private final List<Path> jsonLines;

  public MeasurementSources(Path store, List<Path> jsonLines) {
    this(store == null ? List.of() : List.of(store), null, jsonLines);
  }

  public MeasurementSources(List<Path> stores, CentralSource central, List<Path> jsonLines) {
    this.stores = List.copyOf(stores);
    this.central = central;
    this.jsonLines = List.copyOf(jsonLines);
  }

  /**
   * Feeds every row to the assembler and finishes it, then closes the sources; says how many rows each source
   * gave, who judged them, and (from the central store) when they arrived.
   */
  public ReadSummary readInto(RoundAssembler assembler, RowFilter filter, InputProblems problems) {
    ClassifierTally classifiers = new ClassifierTally();
    List<SourceSummary> fileSources = new ArrayList<>();
    List<MeasurementRow> fileRows = new ArrayList<>();
    JsonLinesReader lines = new JsonLinesReader(problems, classifiers);
    for (Path file : jsonLines) {
      long before = fileRows.size();
      lines.read(file, filter, fileRows::add);
      fileSources.add(new SourceSummary(SourceSummary.Kind.JSON_LINES, file.toString(), fileRows.size() - before));
    }
    fileRows.sort(RowOrder.ROWS); // stable: file order among equal rows
    List<RowCursor> cursors = new ArrayList<>();
    CentralReader.Cursor centralCursor = null;
    try {
      StoreReader storeReader = new StoreReader(problems);
      for (Path store : stores) cursors.add(storeReader.open(store, filter));
      if (central != null) {
        centralCursor = new CentralReader(problems).open(central, filter);
        cursors.add(centralCursor);
      }
      if (!fileRows.isEmpty()) cursors.add(new ListCursor(fileRows, String.join(", ", jsonLines.stream().map(Path::toString).toList())));
      long[] perCursor = new long[cursors.size()];
      long rows = merge(cursors, assembler, perCursor);
      // Records are fetched lazily through the cursors' connections: the rounds still open need them.
      assembler.finish();
      List<SourceSummary> sources = new ArrayList<>();
      for (int i = 0; i < stores.size(); i++) {
        StoreClassifiers.count(stores.get(i), filter, classifiers, perCursor[i]);
        sources.add(new SourceSummary(SourceSummary.Kind.STORE, stores.get(i).toString(), perCursor[i]));
      }
      ArrivalFacts arrival = null;
      if (centralCursor != null) {
        centralCursor.countClassifiers(classifiers);
        sources.add(new SourceSummary(SourceSummary.Kind.CENTRAL, central.describe(), central.database(),
            perCursor[stores.size()]));
        arrival = centralCursor.arrival();
      }
      sources.addAll(fileSources);
      return new ReadSummary(rows, sources, classifiers.counts(), arrival);
    } finally {
      for (RowCursor c : cursors) c.close();
    }
  }

  /** Merges the cursors' rows in {@link RowOrder} into the assembler, counting each cursor's rows. */
  private static long merge(List<RowCursor> cursors, RoundAssembler assembler, long[] perCursor) {
    long rows = 0;
    if (cursors.size() == 1) { // the usual case: one source, no queue
      RowCursor only = cursors.get(0);
      for (MeasurementRow r = only.next(); r != null; r = only.next()) {
        assembler.accept(r);
        rows++;
      }
      perCursor[0] = rows;
      return rows;
    }
    record Head(MeasurementRow row, int source) {}
    PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::row, RowOrder.ROWS)
        .thenComparingInt(Head::source));
    for (int i = 0; i < cursors.size(); i++) {
      MeasurementRow r = cursors.get(i).next();
      if (r != null) heads.add(new Head(r, i));
    }
    while (!heads.isEmpty()) {
      Head h = heads.poll();
      assembler.accept(h.row());
      rows++;
      perCursor[h.source()]++;
      MeasurementRow next = cursors.get(h.source()).next();
      if (next != null) heads.add(new Head(next, h.source()));
    }
    return rows;
  }

  /** JSON-lines rows, already read and sorted. */
  private static final class ListCursor implements RowCursor {
    private final List<MeasurementRow> rows;
    private final String source;
    private int next;

    ListCursor(List<MeasurementRow> rows, String source) {
      this.rows = rows;
      this.source = source;
    }

    @Override
    public MeasurementRow next() {
      return next < rows.size() ? rows.get(next++) : null;
    }

    @Override
    public String source() {
      return source;
    }

    @Override
    public void close() {}
  }
}
