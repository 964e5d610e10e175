package org.censorprobe.probe.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code store:} (a path, or {@code {path, max_size}}) and {@code upload:}: the outbox's part of targets.yaml,
 * read apart from the rest of {@link ConfigReader} so that it stays one small block there.
 */
final class OutboxConfigReader {
  static final List<String> STORE_KEYS = List.of("path", "max_size");
  static final List<String> UPLOAD_KEYS = List.of("url", "user", "password_file", "ca_file", "batch",
      "connect_timeout", "timeout", "backoff_max");
  static final String URL_EXPECTED = "postgresql://HOST[:PORT]/DATABASE, e.g. postgresql://central.example.org/censorprobe";
  /** Below this a cap would refuse rounds at once; above it no SD card is. */
  static final long MIN_STORE_SIZE = 1L << 20;
  static final long MAX_STORE_SIZE = 1L << 40;

  /** The store's path and cap. */
  record Store(String path, long maxBytes) {}

  private final Path baseDir;
  private final ProblemList problems;

  OutboxConfigReader(Path baseDir, ProblemList problems) {
    this.baseDir = baseDir;
    this.problems = problems;
  }

  Store readStore(ConfigSection root, String defaultPath) {
    YamlNode node = root.node("store");
    if (node == null) return new Store(defaultPath, 0);
    if (!(node instanceof YamlNode.Mapping)) {
      String path = root.string("store", "a file path such as data/censorprobe.db, or {path: ..., max_size: 2GiB}");
      return new Store(checkedPath(path, node.line(), "store"), 0);
    }
    ConfigSection s = ConfigSection.of(node, "store", problems, STORE_KEYS);
    String path = s.string("path", "a file path such as data/censorprobe.db");
    String checked = path == null ? defaultPath : checkedPath(path, s.node("path").line(), "store.path");
    Long max = s.size("max_size", MIN_STORE_SIZE, MAX_STORE_SIZE);
    return new Store(checked == null ? defaultPath : checked, max == null ? 0 : max);
  }

  private String checkedPath(String path, int line, String where) {
    if (path == null) return null;
    if (path.isBlank()) {
      problems.add(line, where + " is blank (expected a file path such as data/censorprobe.db)");
      return null;
    }
    return path.strip();
  }

  /** The upload settings, or null when there is no {@code upload:} (or it is unusable: reported). */
  UploadSettings readUpload(YamlNode node) {
    if (node == null) return null;
    ConfigSection s = ConfigSection.of(node, "upload", problems, UPLOAD_KEYS);
    if (s == null) return null;
    s.requirePresent("url", URL_EXPECTED);
    s.requirePresent("user", "the probe's role in the central store, e.g. probe_kz-almaty-1");
    s.requirePresent("password_file", "a file holding the role's password");
    URI url = readUrl(s);
    String user = s.string("user", "a role name");
    if (user != null && user.isBlank()) {
      problems.add(s.node("user").line(), "upload.user is blank (expected the probe's role, e.g. probe_kz-almaty-1)");
      user = null;
    }
    Path password = file(s, "password_file", false);
    Path ca = file(s, "ca_file", true);
    Long batch = s.integer("batch", 1, 10_000);
    Duration connect = s.duration("connect_timeout", false);
    Duration timeout = s.duration("timeout", false);
    Duration backoff = s.duration("backoff_max", false);
    if (url == null || user == null || password == null) return null;
    String db = url.getPath().substring(1);
    return new UploadSettings(url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1)
        : url.getHost(), url.getPort() < 0 ? UploadSettings.DEFAULT_PORT : url.getPort(), db, user.strip(), password,
        ca, batch == null ? UploadSettings.DEFAULT_BATCH : batch.intValue(),
        connect == null ? UploadSettings.DEFAULT_CONNECT_TIMEOUT : connect,
        timeout == null ? UploadSettings.DEFAULT_TIMEOUT : timeout,
        backoff == null ? UploadSettings.DEFAULT_BACKOFF_MAX : backoff);
  }

  private URI readUrl(ConfigSection s) {
    String text = s.string("url", URL_EXPECTED);
    if (text == null) return null;
    int line = s.node("url").line();
    URI u;
    try {
      u = new URI(text.strip());
    } catch (URISyntaxException e) {
      problems.add(line, "upload.url '" + text + "' is not a URL (expected " + URL_EXPECTED + ")");
      return null;
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    String why = null;
    if (!scheme.equals("postgresql") && !scheme.equals("postgres")) why = "is not a postgresql:// URL";
    else if (u.getHost() == null || u.getHost().isEmpty()) why = "has no host";
    else if (u.getRawUserInfo() != null) why = "carries credentials (they go in user: and password_file:)";
    else if (u.getRawQuery() != null) why = "has parameters (TLS is always verify-full; the CA goes in ca_file:)";
    else if (u.getPath() == null || u.getPath().length() < 2 || u.getPath().indexOf('/', 1) >= 0) {
      why = "names no database";
    }
    if (why != null) {
      problems.add(line, "upload.url '" + text + "' " + why + " (expected " + URL_EXPECTED + ")");
      return null;
    }
    return u;
  }

  private Path file(ConfigSection s, String key, boolean certificates) {
    String text = s.string(key, "a file path");
    if (text == null) return null;
    Path p = LocalFiles.resolve(baseDir, text);
    String why = p == null ? "is not a file path" : certificates ? LocalFiles.notCertificates(p) : LocalFiles.unreadable(p);
    if (why == null) return p;
    problems.add(s.node(key).line(), s.pathOf(key) + " '" + text + "' " + why + " (expected a readable "
        + (certificates ? "PEM file of the CA that signed the central server's certificate" : "file") + ";"
        + " relative paths are resolved against " + baseDir + ")");
    return null;
  }
}
