package org.censorprobe.reporter.read;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sqlite.SQLiteConfig;

/**
 * How many of a store's rows in a report's period each classifier judged, and how many were re-judged: the
 * {@code classifier} and {@code revision} columns of store version 2, counted by SQLite (a version 1 store has
 * neither: every row was judged by the first classifier). Apart from {@link StoreReader}, whose stream reads
 * only indexed columns: these two are in no index yet, so counting them reads the table (docs/report-format.md,
 * "Speed"). Rows with a verdict the reader skips are not counted.
 */
final class StoreClassifiers {
  private StoreClassifiers() {}

  static void count(Path store, RowFilter filter, ClassifierTally out, long rowsRead) {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    try (Connection db = SqliteLibrary.connect(config, store)) {
      Set<String> columns = new HashSet<>();
      try (Statement s = db.createStatement();
           ResultSet rs = s.executeQuery("PRAGMA table_info(" + StoreReader.TABLE + ")")) {
        while (rs.next()) columns.add(rs.getString("name"));
      }
      if (!columns.contains("classifier") || !columns.contains("revision")) {
        out.add(null, rowsRead, 0);
        return;
      }
      List<Object> args = new ArrayList<>();
      String sql = "SELECT classifier, count(*), sum(revision > 0) FROM " + StoreReader.TABLE + StoreReader.where(filter, args)
          + " AND verdict IN ('ok', 'blocked', 'technical', 'inconclusive') GROUP BY classifier";
      try (PreparedStatement q = db.prepareStatement(sql)) {
        for (int i = 0; i < args.size(); i++) q.setObject(i + 1, args.get(i));
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) out.add(ClassifierTally.parseColumn(rs.getString(1)), rs.getLong(2), rs.getLong(3));
        }
      }
    } catch (SQLException e) {
      throw new InputException(store + ": cannot count the store's classifiers: " + e.getMessage(), e);
    }
  }
}
