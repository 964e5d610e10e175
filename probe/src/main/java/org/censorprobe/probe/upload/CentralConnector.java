package org.censorprobe.probe.upload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.censorprobe.probe.config.UploadSettings;

/**
 * Opens a connection to the central PostgreSQL as the probe's role: TLS always, the server's certificate
 * verified against {@code ca_file} (or the JDK's trust store) and its name against the URL's host
 * ({@code sslmode=verify-full}); every step bounded in time, so a network that swallows packets costs a deadline,
 * not a thread.
 */
final class CentralConnector {
  private final UploadSettings settings;
  private final String applicationName;

  CentralConnector(UploadSettings settings, String probeId) {
    this.settings = settings;
    this.applicationName = "censorprobe " + probeId;
  }

  String jdbcUrl() {
    String h = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
    return "jdbc:postgresql://" + h + ":" + settings.port() + "/" + settings.database();
  }

  Properties properties(String password) {
    Properties p = new Properties();
    p.setProperty("user", settings.user());
    p.setProperty("password", password);
    p.setProperty("sslmode", "verify-full");
    if (settings.caFile() != null) {
      p.setProperty("sslrootcert", settings.caFile().toString());
    } else {
      p.setProperty("sslfactory", "org.postgresql.ssl.DefaultJavaSSLFactory");
    }
    long connectSeconds = Math.max(1, settings.connectTimeout().toSeconds());
    p.setProperty("connectTimeout", Long.toString(connectSeconds));
    p.setProperty("loginTimeout", Long.toString(connectSeconds));
    p.setProperty("sslResponseTimeout", Long.toString(Math.max(1000, settings.connectTimeout().toMillis())));
    p.setProperty("socketTimeout", Long.toString(Math.max(1, settings.timeout().toSeconds())));
    p.setProperty("tcpKeepAlive", "true");
    p.setProperty("ApplicationName", applicationName);
    // One round trip per batch: no server-side prepared statements to lose when a connection is cut.
    p.setProperty("prepareThreshold", "0");
    return p;
  }

  Connection open() throws SQLException {
    String password;
    try {
      password = readPassword();
    } catch (IOException e) {
      throw new SQLException(settings.passwordFile() + ": cannot read the password file: " + e.getMessage(),
          "CPCFG", e);
    }
    return new org.postgresql.Driver().connect(jdbcUrl(), properties(password));
  }

  /** Read at every connection: a rotated password needs no restart. */
  private String readPassword() throws IOException {
    String text = Files.readString(settings.passwordFile(), StandardCharsets.UTF_8);
    int end = text.indexOf('\n');
    String line = end < 0 ? text : text.substring(0, end);
    if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
    if (line.isEmpty()) throw new IOException("the file is empty");
    return line;
  }
}
