package org.censorprobe.central;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** The central schema, moved forward by Flyway from the scripts in db/migration (never back). */
public final class Migrations {
  public static final String SCHEMA = "censorprobe";

  private Migrations() {}

  /** Applies what is missing; returns the schema version now in force. */
  public static String migrate(String jdbcUrl, String user, String password) {
    Flyway flyway = Flyway.configure()
        .dataSource(jdbcUrl, user, password)
        .schemas(SCHEMA)
        .defaultSchema(SCHEMA)
        .createSchemas(true)
        .locations("classpath:db/migration")
        .load();
    MigrateResult r = flyway.migrate();
    return r.targetSchemaVersion != null ? r.targetSchemaVersion : String.valueOf(r.initialSchemaVersion);
  }
}
