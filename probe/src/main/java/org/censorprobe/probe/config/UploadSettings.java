package org.censorprobe.probe.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code upload:}: where the probe forwards its measurements (docs/fleet.md). The connection is always TLS with
 * the server's certificate and name verified, against {@code caFile} when given, else the JDK's trust store.
 *
 * @param host the central PostgreSQL's host (a name or an IP literal)
 * @param database the database name
 * @param user the probe's role ({@code central add-probe} makes it)
 * @param batch rows per transaction on the server
 * @param connectTimeout deadline of the TCP connect and of the TLS and login exchange
 * @param timeout deadline of every read once connected (a batch, its commit)
 * @param backoffMax the longest wait between attempts while the central store is unreachable
 */
public record UploadSettings(String host, int port, String database, String user, Path passwordFile, Path caFile,
                             int batch, Duration connectTimeout, Duration timeout, Duration backoffMax) {
  public static final int DEFAULT_PORT = 5432;
  public static final int DEFAULT_BATCH = 500;
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(15);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofMinutes(15);

  /** For logs and the status page: no credentials in it. */
  public String label() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return "postgresql://" + h + ":" + port + "/" + database;
  }
}
