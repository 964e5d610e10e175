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
   * What was read: the rows, what they came from (for the report's header; never a credential), and when the
   * central store received them (null without a central store).
   */
  public record Read(long rows, List<String> sources, ArrivalFacts arrival) {
    public Read {
      sources = List.copyOf(sources);
    }
  }

  /** Feeds every row to the assembler and finishes it, then closes the sources. */
  public Read readInto(RoundAssembler assembler, RowFilter filter, InputProblems problems) {
    List<MeasurementRow> fileRows = new ArrayList<>();
    JsonLinesReader lines = new JsonLinesReader(problems);
    for (Path file : jsonLines) lines.read(file, filter, fileRows::add);
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
      long rows = merge(cursors, assembler);
      // Records are fetched lazily through the cursors' connections: the rounds still open need them.
      assembler.finish();
      List<String> sources = new ArrayList<>();
      for (Path s : stores) sources.add(s.toString());
      if (central != null) sources.add(central.describe());
      for (Path f : jsonLines) sources.add(f.toString());
      return new Read(rows, sources, centralCursor == null ? null : centralCursor.arrival());
    } finally {
      for (RowCursor c : cursors) c.close();
    }
  }

  private static long merge(List<RowCursor> cursors, RoundAssembler assembler) {
    long rows = 0;
    if (cursors.size() == 1) { // the usual case: one source, no queue
      RowCursor only = cursors.get(0);
      for (MeasurementRow r = only.next(); r != null; r = only.next()) {
        assembler.accept(r);
        rows++;
      }
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
