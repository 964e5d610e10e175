package org.censorprobe.central.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import okhttp3.tls.HeldCertificate;

/**
 * A real PostgreSQL for tests: Debian's server binaries, {@code initdb} + {@code pg_ctl} in a temp directory, as
 * the {@code postgres} user when the tests run as root, listening on 127.0.0.1 and a free port only, TLS with a
 * test CA (clients verify the certificate and the name, as the probes do). Never the system service.
 *
 * <p>{@link #shared()} is one server per JVM, stopped at exit; fault tests that stop the server abruptly start
 * their own with {@link #start()}.
 */
public final class PostgresServer implements AutoCloseable {
  public static final Path BIN = Path.of(System.getProperty("censorprobe.pg.bin", "/usr/lib/postgresql/15/bin"));
  public static final String SUPERUSER = "postgres";
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static PostgresServer shared;

  private final Path dir;
  private final Path data;
  private final Path caFile;
  private final String superPassword;
  private final int port;
  private final HeldCertificate ca;

  private PostgresServer(Path dir, int port) {
    this.dir = dir;
    this.data = dir.resolve("data");
    this.caFile = dir.resolve("ca.pem");
    this.port = port;
    this.superPassword = "super-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
    this.ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("censorprobe test CA").build();
  }

  /** One server for the whole test JVM. */
  public static synchronized PostgresServer shared() {
    if (shared == null) {
      shared = start();
      PostgresServer s = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(s::close, "postgres-stop"));
    }
    return shared;
  }

  /** A new server of its own (for tests that stop it). */
  public static PostgresServer start() {
    requireBinaries();
    try {
      Path dir = Files.createTempDirectory("censorprobe-pg");
      PostgresServer s = new PostgresServer(dir, freePort());
      s.init();
      s.startServer();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void requireBinaries() {
    for (String tool : List.of("initdb", "pg_ctl", "postgres")) {
      if (!Files.isExecutable(BIN.resolve(tool))) {
        throw new IllegalStateException("PostgreSQL server binaries not found: no " + BIN.resolve(tool)
            + ". These tests need a real PostgreSQL 15: install Debian's server (apt-get install postgresql;"
            + " .ci/run does), or point -Dcensorprobe.pg.bin at another bin directory.");
      }
    }
  }

  private void init() throws IOException {
    Files.createDirectories(dir);
    Path pw = dir.resolve("superuser.pw");
    Files.writeString(pw, superPassword + "\n");
    ownByServerUser(dir);
    ownByServerUser(pw);
    run(List.of(BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", SUPERUSER, "--pwfile=" + pw,
        "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"),
        dir.resolve("initdb.log"));
    HeldCertificate server = new HeldCertificate.Builder().signedBy(ca).commonName("127.0.0.1")
        .addSubjectAlternativeName("127.0.0.1").addSubjectAlternativeName("localhost").build();
    Files.writeString(data.resolve("server.crt"), server.certificatePem(), StandardCharsets.US_ASCII);
    Path key = data.resolve("server.key");
    Files.writeString(key, server.privateKeyPkcs8Pem(), StandardCharsets.US_ASCII);
    Files.writeString(caFile, ca.certificatePem(), StandardCharsets.US_ASCII);
    ownByServerUser(data.resolve("server.crt"));
    ownByServerUser(key);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    // TLS for every TCP client: a plain connection is refused, as on a real central server.
    Files.writeString(data.resolve("pg_hba.conf"), String.join("\n",
        "local all all trust",
        "hostssl all all 127.0.0.1/32 scram-sha-256",
        "hostnossl all all 127.0.0.1/32 reject",
        ""));
    Files.writeString(data.resolve("postgresql.conf"), String.join("\n",
        "listen_addresses = '127.0.0.1'",
        "port = " + port,
        "unix_socket_directories = '" + dir + "'",
        "ssl = on",
        "ssl_cert_file = 'server.crt'",
        "ssl_key_file = 'server.key'",
        "max_connections = 100",
        "shared_buffers = 128MB",
        "log_min_messages = warning",
        ""), java.nio.file.StandardOpenOption.APPEND);
  }

  private void startServer() {
    run(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
        "-w", "-t", "60", "start"), dir.resolve("pg_ctl.log"));
  }

  /** Starts the server again after {@link #stopImmediately()}: crash recovery replays the WAL. */
  public void restart() {
    startServer();
  }

  /** {@code pg_ctl stop -m immediate}: every backend dies on the spot, nothing uncommitted survives. */
  public void stopImmediately() {
    run(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"),
        dir.resolve("pg_ctl.log"));
  }

  public int port() {
    return port;
  }

  public Path caFile() {
    return caFile;
  }

  public String superPassword() {
    return superPassword;
  }

  /** The libpq-style URL the probes' config and the central verbs take. */
  public String url(String database) {
    return "postgresql://127.0.0.1:" + port + "/" + database + "?sslrootcert=" + caFile;
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?sslmode=verify-full&sslrootcert=" + caFile;
  }

  public Connection superuser(String database) throws SQLException {
    return connect(database, SUPERUSER, superPassword);
  }

  public Connection connect(String database, String user, String password) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    return DriverManager.getConnection(jdbcUrl(database), p);
  }

  /**
   * A fresh database owned by a fresh administrator with CREATEROLE (the role the docs tell a deployment to
   * make), so tests see what an administrator sees, not what a superuser sees.
   */
  public Database newDatabase() {
    String name = "cp_test_" + DATABASES.incrementAndGet() + "_" + ProcessHandle.current().pid();
    String admin = name + "_admin";
    String password = "admin-" + name;
    try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
      s.execute("CREATE ROLE " + admin + " LOGIN CREATEROLE PASSWORD '" + password + "'");
      s.execute("CREATE DATABASE " + name + " OWNER " + admin);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
    }
    return new Database(this, name, admin, password);
  }

  /** A database and its administrator. */
  public record Database(PostgresServer server, String name, String adminRole, String adminPassword) {
    public Connection admin() throws SQLException {
      return server.connect(name, adminRole, adminPassword);
    }

    public Connection superuser() throws SQLException {
      return server.superuser(name);
    }

    public Connection as(String role, String password) throws SQLException {
      return server.connect(name, role, password);
    }

    public String url() {
      return server.url(name);
    }

    public String jdbcUrl() {
      return server.jdbcUrl(name);
    }
  }

  @Override
  public void close() {
    try {
      if (Files.exists(data.resolve("postmaster.pid"))) {
        run(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"),
            dir.resolve("pg_ctl.log"));
      }
    } catch (RuntimeException e) {
      // stopping at exit: the directory goes anyway
    }
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp directory left behind is not worth failing a test run
    }
  }

  private static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** The server's files belong to the user it runs as: postgres when we are root (initdb refuses root). */
  private static void ownByServerUser(Path p) throws IOException {
    if (!root()) return;
    UserPrincipalLookupService lookup = p.getFileSystem().getUserPrincipalLookupService();
    UserPrincipal user = lookup.lookupPrincipalByName(SUPERUSER);
    GroupPrincipal group = lookup.lookupPrincipalByGroupName(SUPERUSER);
    PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
    view.setOwner(user);
    view.setGroup(group);
  }

  private static void run(List<String> command, Path log) {
    List<String> full = new ArrayList<>();
    if (root()) full.addAll(List.of("runuser", "-u", SUPERUSER, "--"));
    full.addAll(command);
    try {
      Process p = new ProcessBuilder(full).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + ": still running after 120 s");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue() + ":\n"
            + tail(log) + tail(log.resolveSibling("server.log")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())) + "\n";
    } catch (IOException e) {
      return "";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
