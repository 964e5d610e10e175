package org.censorprobe.reporter.read;

import static org.censorprobe.reporter.histories.HistoryWriter.round;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.censorprobe.reporter.histories.Fixtures;
import org.censorprobe.reporter.histories.Histories;
import org.censorprobe.reporter.incidents.DetectionSettings;
import org.censorprobe.reporter.incidents.Incident;
import org.censorprobe.reporter.report.Report;
import org.censorprobe.reporter.report.ReportBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreReaderTest {
  @TempDir Path dir;

  private Report fromStore(Path db, RowFilter filter) {
    return ReportBuilder.build(new MeasurementSources(db, List.of()), filter, DetectionSettings.DEFAULTS, new InputProblems(false));
  }

  @Test
  void aStoreGivesTheSameIncidentsAsTheJsonLines() throws Exception {
    Path db = dir.resolve("censorprobe.db");
    try (TestStore store = new TestStore(db, StoreReader.SCHEMA_VERSION)) {
      store.addAll(Histories.all().get("event"));
    }
    Report fromStore = fromStore(db, RowFilter.ALL);
    Report fromFile = Fixtures.report("event");
    assertEquals(fromFile.incidents(), fromStore.incidents());
    assertEquals(fromFile.events().stream().map(e -> e.headline()).toList(),
        fromStore.events().stream().map(e -> e.headline()).toList());
    assertEquals(Histories.all().get("event").size(), fromStore.input().measurements());
  }

  @Test
  void filtersApplyToTheStore() throws Exception {
    Path db = dir.resolve("censorprobe.db");
    try (TestStore store = new TestStore(db, StoreReader.SCHEMA_VERSION)) {
      store.addAll(Histories.all().get("probes"));
    }
    Report beeline = fromStore(db, new RowFilter(null, null, Set.of("facebook"), Set.of("beeline-1")));
    assertEquals(List.of("beeline-1"), beeline.incidents().stream().map(i -> i.probe().id()).distinct().toList());
    assertEquals(1, beeline.incidents().size());
    Report late = fromStore(db, new RowFilter(round(8), null, Set.of(), Set.of()));
    Incident kcell = late.incidents().stream().filter(i -> i.probe().id().equals("kcell-1")).findFirst().orElseThrow();
    assertEquals(round(8), kcell.start(), "rounds before --from are not read");
  }

  @Test
  void aNewerStoreSchemaIsAClearError() throws Exception {
    Path db = dir.resolve("newer.db");
    new TestStore(db, StoreReader.SCHEMA_VERSION + 1).close();
    InputException e = assertThrows(InputException.class, () -> fromStore(db, RowFilter.ALL));
    assertTrue(e.getMessage().contains("newer.db"), e.getMessage());
    assertTrue(e.getMessage().contains("schema version " + (StoreReader.SCHEMA_VERSION + 1) + " is newer"),
        e.getMessage());
  }

  @Test
  void aFileWithoutTheTableIsAClearError() throws Exception {
    Path db = dir.resolve("other.db");
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      c.createStatement().execute("CREATE TABLE something (x INTEGER)");
    }
    InputException e = assertThrows(InputException.class, () -> fromStore(db, RowFilter.ALL));
    assertTrue(e.getMessage().contains("no table \"measurements\""), e.getMessage());
  }

  @Test
  void aMissingStoreIsAnErrorAndIsNotCreated() {
    Path db = dir.resolve("absent.db");
    InputException e = assertThrows(InputException.class, () -> fromStore(db, RowFilter.ALL));
    assertTrue(e.getMessage().contains("absent.db"));
    assertTrue(!Files.exists(db));
  }

  @Test
  void aMalformedRecordIsSkippedAndCounted() throws Exception {
    Path db = dir.resolve("bad.db");
    try (TestStore store = new TestStore(db, StoreReader.SCHEMA_VERSION)) {
      store.addRaw("a", "r1", round(0).toEpochMilli(), "p", "blocked", "{not json");
      store.addRaw("b", "r2", round(1).toEpochMilli(), "p", "weird-verdict", "{}");
      store.commit();
    }
    InputProblems problems = new InputProblems(false);
    List<MeasurementRow> rows = new ArrayList<>();
    long n = new StoreReader(problems).read(db, RowFilter.ALL, r -> {
      rows.add(r);
      r.record().get();
    }, () -> { });
    assertEquals(1, n);
    assertEquals(2, problems.count());
    assertTrue(problems.messages().get(0).contains("unreadable record (not JSON"), problems.messages().toString());
    assertTrue(problems.messages().get(1).contains("unknown verdict, role or method (weird-verdict"),
        problems.messages().toString());
  }
  @Test
  void aRowWithANullOrASeparatorInARequiredColumnIsSkippedAndCounted() throws Exception {
    // The probe's schema forbids null in these columns; a store made or mended by hand need not. A unit separator
    // inside a column would shift the columns the reader splits (StoreReader joins them with it).
    Path db = dir.resolve("hand-made.db");
    String record = Histories.all().get("event").get(0);
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + db); var s = c.createStatement()) {
      s.execute("CREATE TABLE measurements (id TEXT, round_id TEXT, measured_at INTEGER, probe TEXT, role TEXT,"
          + " platform TEXT, endpoint TEXT, verdict TEXT, method TEXT, record TEXT)");
      s.execute("PRAGMA user_version = " + StoreReader.SCHEMA_VERSION);
      try (var insert = c.prepareStatement("INSERT INTO measurements VALUES (?, ?, ?, ?, 'platform', ?, 'e', 'ok',"
          + " NULL, ?)")) {
        Object[][] rows = {{"r1", "p", "x"}, {null, "p", "x"}, {"r3", null, "x"}, {"r4", "p", null},
            {"r5", "p", "x\u001fy"}, {"r6", "p", "x"}};
        for (int i = 0; i < rows.length; i++) {
          insert.setString(1, "m" + i);
          insert.setObject(2, rows[i][0]);
          insert.setLong(3, round(i).toEpochMilli());
          insert.setObject(4, rows[i][1]);
          insert.setObject(5, rows[i][2]);
          insert.setString(6, record);
          insert.execute();
        }
      }
    }
    InputProblems problems = new InputProblems(false);
    List<String> read = new ArrayList<>();
    long n = new StoreReader(problems).read(db, RowFilter.ALL, r -> read.add(r.roundId()), () -> { });
    assertEquals(2, n);
    assertEquals(List.of("r1", "r6"), read);
    assertEquals(4, problems.count(), problems.messages().toString());
    for (String m : problems.messages()) {
      assertTrue(m.contains("a required column is null or holds a control character; skipped"), m);
    }
  }
}
