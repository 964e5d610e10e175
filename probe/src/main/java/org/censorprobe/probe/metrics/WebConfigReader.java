package org.censorprobe.probe.metrics;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.censorprobe.probe.config.ConfigException;
import org.censorprobe.probe.config.ConfigProblem;
import org.censorprobe.probe.metrics.YamlLines.Mapping;
import org.censorprobe.probe.metrics.YamlLines.Node;
import org.censorprobe.probe.metrics.YamlLines.Scalar;
import org.censorprobe.probe.metrics.YamlLines.Sequence;

/**
 * Reads exporter-toolkit's web config (docs/web-configuration.md of prometheus/exporter-toolkit) with its keys and
 * meanings. A key it does not have, a value it would refuse, or one the JDK cannot honour is a problem on its
 * line; every problem of the file is reported at once.
 */
final class WebConfigReader {
  private static final long MAX_BYTES = 1 << 20;
  private static final List<String> ROOT_KEYS =
      List.of("tls_server_config", "http_server_config", "basic_auth_users", "rate_limit");
  private static final List<String> TLS_KEYS = List.of("cert", "key", "client_ca", "cert_file", "key_file",
      "client_auth_type", "client_ca_file", "client_allowed_sans", "min_version", "max_version", "cipher_suites",
      "prefer_server_cipher_suites", "curve_preferences");
  private static final List<String> HTTP_KEYS = List.of("http2", "headers");
  private static final List<String> RATE_KEYS = List.of("interval", "burst");
  /** exporter-toolkit's list: these headers only, some with fixed values. */
  private static final Map<String, List<String>> HEADERS = Map.of(
      "Strict-Transport-Security", List.of(),
      "X-Content-Type-Options", List.of("nosniff"),
      "X-Frame-Options", List.of("deny", "sameorigin"),
      "X-XSS-Protection", List.of(),
      "Content-Security-Policy", List.of());
  private static final Map<String, String> CURVES = Map.of(
      "CurveP256", "secp256r1", "CurveP384", "secp384r1", "CurveP521", "secp521r1", "X25519", "x25519");
  private static final List<String> VERSIONS = List.of("TLS10", "TLS11", "TLS12", "TLS13");
  private static final Pattern GO_DURATION = Pattern.compile("(?:(\\d{1,9})(ms|s|m|h))+");
  private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

  private final Path file;
  private final Path dir;
  private final List<ConfigProblem> problems = new ArrayList<>();

  private WebConfigReader(Path file) {
    this.file = file;
    this.dir = file.toAbsolutePath().getParent();
  }

  static WebConfig read(Path file) throws ConfigException {
    WebConfigReader r = new WebConfigReader(file);
    WebConfig config = r.readFile();
    if (!r.problems.isEmpty()) {
      List<ConfigProblem> sorted = new ArrayList<>(r.problems);
      sorted.sort(Comparator.comparingInt(ConfigProblem::line));
      throw new ConfigException(sorted);
    }
    return config;
  }

  private void problem(int line, String message) {
    problems.add(new ConfigProblem(file.toString(), line, message));
  }

  private WebConfig readFile() {
    String text = text(file);
    if (text == null) return null;
    Node root = new YamlLines(this::problem).read(text);
    if (root == null || root instanceof Scalar s && s.isNull()) return WebConfig.NONE;
    Mapping m = mapping(root, "the web config", ROOT_KEYS);
    if (m == null) return null;
    TlsSettings tls = null;
    Mapping tlsSection = section(m, "tls_server_config", TLS_KEYS);
    if (tlsSection != null) tls = tls(tlsSection);
    Map<String, String> headers = new LinkedHashMap<>();
    Mapping http = section(m, "http_server_config", HTTP_KEYS);
    if (http != null) {
      bool(http, "http_server_config", "http2"); // the listener speaks HTTP/1.1 either way (docs/operations.md)
      Mapping h = section(http, "headers", null);
      if (h != null) headers(h, headers);
    }
    Map<String, PasswordHash> users = new LinkedHashMap<>();
    Mapping auth = section(m, "basic_auth_users", null);
    if (auth != null) {
      for (YamlLines.Entry e : auth.entries()) {
        String hash = scalar(e.value(), "basic_auth_users." + e.key(), PasswordHash.EXPECTED);
        if (hash == null) continue;
        try {
          users.put(e.key(), PasswordHash.parse(hash));
        } catch (IllegalArgumentException ex) {
          problem(e.line(), "basic_auth_users." + e.key() + ": " + ex.getMessage());
        }
      }
    }
    WebConfig.RateLimitSpec rate = null;
    Mapping rl = section(m, "rate_limit", RATE_KEYS);
    if (rl != null) rate = rateLimit(rl);
    return new WebConfig(tls, users, headers, rate);
  }

  private String text(Path f) {
    try {
      if (!Files.isRegularFile(f)) {
        problem(0, "no such web config file");
        return null;
      }
      if (Files.size(f) > MAX_BYTES) {
        problem(0, "larger than 1MiB (expected a small YAML file)");
        return null;
      }
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(Files.readAllBytes(f))).toString();
    } catch (CharacterCodingException e) {
      problem(0, "not UTF-8 text");
      return null;
    } catch (IOException e) {
      problem(0, "cannot read: " + e.getMessage());
      return null;
    }
  }

  // --- tls_server_config -------------------------------------------------------------------------------------

  private TlsSettings tls(Mapping t) {
    String where = "tls_server_config";
    // exporter-toolkit serves TLS when any of these is set; min_version alone, say, leaves plain HTTP.
    boolean enabled = List.of("cert", "key", "client_ca", "cert_file", "key_file", "client_ca_file",
        "client_auth_type").stream().anyMatch(k -> present(t, k));
    String certPem = pem(t, "cert", "cert_file");
    String keyPem = pem(t, "key", "key_file");
    String caPem = pem(t, "client_ca", "client_ca_file");
    List<X509Certificate> chain = List.of();
    PrivateKey key = null;
    if (enabled && certPem == null && !present(t, "cert") && !present(t, "cert_file")) {
      problem(t.line(), where + ": missing one of cert or cert_file");
    }
    if (enabled && keyPem == null && !present(t, "key") && !present(t, "key_file")) {
      problem(t.line(), where + ": missing one of key or key_file");
    }
    if (certPem != null) {
      int line = lineOf(t, present(t, "cert") ? "cert" : "cert_file");
      try {
        chain = PemKeyStore.certificates(certPem);
      } catch (IllegalArgumentException e) {
        problem(line, where + ": the server certificate: " + e.getMessage());
      }
      if (!chain.isEmpty() && keyPem != null) {
        try {
          key = PemKeyStore.privateKey(keyPem, chain.get(0));
        } catch (IllegalArgumentException e) {
          problem(lineOf(t, present(t, "key") ? "key" : "key_file"), where + ": the private key: " + e.getMessage());
        }
      }
    }
    List<X509Certificate> cas = List.of();
    if (caPem != null) {
      try {
        cas = PemKeyStore.certificates(caPem);
      } catch (IllegalArgumentException e) {
        problem(lineOf(t, present(t, "client_ca") ? "client_ca" : "client_ca_file"),
            where + ": the client CA: " + e.getMessage());
      }
    }
    TlsSettings.ClientAuth clientAuth = TlsSettings.ClientAuth.NO_CLIENT_CERT;
    String auth = string(t, where, "client_auth_type", "one of " + TlsSettings.ClientAuth.BY_NAME.keySet());
    if (auth != null) {
      clientAuth = TlsSettings.ClientAuth.BY_NAME.get(auth);
      if (clientAuth == null) {
        problem(lineOf(t, "client_auth_type"), where + ".client_auth_type '" + auth + "' is unknown (expected one of "
            + String.join(", ", new java.util.TreeSet<>(TlsSettings.ClientAuth.BY_NAME.keySet())) + ")");
        clientAuth = TlsSettings.ClientAuth.NO_CLIENT_CERT;
      }
    }
    boolean authKnown = auth == null || TlsSettings.ClientAuth.BY_NAME.containsKey(auth);
    boolean hasCas = present(t, "client_ca") || present(t, "client_ca_file");
    if (hasCas && authKnown && clientAuth == TlsSettings.ClientAuth.NO_CLIENT_CERT) {
      problem(lineOf(t, present(t, "client_ca") ? "client_ca" : "client_ca_file"),
          where + ": client CAs are configured without a client_auth_type (expected RequireAndVerifyClientCert)");
    }
    if (clientAuth.verify && !present(t, "client_ca") && !present(t, "client_ca_file")) {
      problem(lineOf(t, "client_auth_type"), where + ".client_auth_type " + auth
          + " needs client_ca_file (the CAs that client certificates are verified against)");
    }
    List<String> sans = strings(t, where, "client_allowed_sans");
    if (!sans.isEmpty() && clientAuth == TlsSettings.ClientAuth.NO_CLIENT_CERT) {
      problem(lineOf(t, "client_allowed_sans"), where + ".client_allowed_sans needs a client_auth_type that asks for "
          + "a client certificate (expected RequireAndVerifyClientCert)");
    }
    List<String> protocols = protocols(t, where);
    List<String> suites = cipherSuites(t, where);
    Boolean prefer = bool(t, where, "prefer_server_cipher_suites");
    List<String> groups = curves(t, where);
    if (!enabled || chain.isEmpty() || key == null || protocols == null) return null;
    return new TlsSettings(chain, key, clientAuth, cas, sans, protocols, suites, prefer == null || prefer, groups);
  }

  /** The PEM text of an inline key or of its file key; both at once is a problem. */
  private String pem(Mapping t, String inline, String fileKey) {
    String where = "tls_server_config.";
    if (present(t, inline) && present(t, fileKey)) {
      problem(lineOf(t, fileKey), where + fileKey + " and " + inline + " are both set (expected one of them)");
      return null;
    }
    if (present(t, inline)) return string(t, "tls_server_config", inline, "PEM text");
    String name = string(t, "tls_server_config", fileKey, "a file name");
    if (name == null) return null;
    if (name.isBlank()) {
      problem(lineOf(t, fileKey), where + fileKey + " is empty (expected a file name)");
      return null;
    }
    Path p = dir.resolve(name);
    try {
      if (Files.size(p) > MAX_BYTES) {
        problem(lineOf(t, fileKey), where + fileKey + ": " + p + " is larger than 1MiB (expected PEM)");
        return null;
      }
      return Files.readString(p, StandardCharsets.US_ASCII);
    } catch (IOException | java.io.UncheckedIOException e) {
      problem(lineOf(t, fileKey), where + fileKey + ": cannot read " + p + " (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
      return null;
    }
  }

  private List<String> protocols(Mapping t, String where) {
    int min = version(t, where, "min_version", 2);
    int max = version(t, where, "max_version", 3);
    if (min < 0 || max < 0) return null;
    if (min > max) {
      problem(lineOf(t, "min_version"), where + ".min_version is above max_version (expected min <= max)");
      return null;
    }
    List<String> protocols = new ArrayList<>();
    for (int v = min; v <= max; v++) protocols.add("TLSv1." + v);
    return protocols;
  }

  /** The minor version (2 for TLS12), the default when absent, -1 after a problem. */
  private int version(Mapping t, String where, String key, int dflt) {
    String v = string(t, where, key, "TLS12 or TLS13");
    if (v == null) return present(t, key) ? -1 : dflt;
    int minor = VERSIONS.indexOf(v);
    if (minor < 0) {
      problem(lineOf(t, key), where + "." + key + " '" + v + "' is not a TLS version (expected TLS12 or TLS13)");
      return -1;
    }
    if (minor < 2) {
      problem(lineOf(t, key), where + "." + key + " " + v + " is not supported: the JDK disables TLS 1.0 and 1.1 "
          + "(expected TLS12 or TLS13)");
      return -1;
    }
    return minor;
  }

  private List<String> cipherSuites(Mapping t, String where) {
    List<String> names = strings(t, where, "cipher_suites");
    if (names.isEmpty()) return List.of();
    Set<String> supported;
    try {
      supported = Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no default TLS context", e);
    }
    Set<String> tls12 = new LinkedHashSet<>();
    for (String n : names) {
      if (!supported.contains(n)) {
        problem(lineOf(t, "cipher_suites"), where + ".cipher_suites: '" + n + "' is not a cipher suite this JDK "
            + "supports (expected names such as TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)");
      } else if (!TlsSettings.isTls13Suite(n)) {
        tls12.add(n);
      }
    }
    return List.copyOf(tls12);
  }

  private List<String> curves(Mapping t, String where) {
    List<String> names = strings(t, where, "curve_preferences");
    if (names.isEmpty()) return List.of();
    if (!TlsSettings.NamedGroups.supported()) {
      problem(lineOf(t, "curve_preferences"), where + ".curve_preferences is not supported on Java "
          + Runtime.version().feature() + " (it needs Java 20 or later; leave it out for the JDK's defaults)");
      return List.of();
    }
    List<String> groups = new ArrayList<>();
    for (String n : names) {
      String g = CURVES.get(n);
      if (g == null) {
        problem(lineOf(t, "curve_preferences"), where + ".curve_preferences: '" + n + "' is not a curve (expected "
            + "CurveP256, CurveP384, CurveP521 or X25519)");
      } else {
        groups.add(g);
      }
    }
    return groups;
  }

  // --- http_server_config, rate_limit ------------------------------------------------------------------------

  private void headers(Mapping h, Map<String, String> out) {
    for (YamlLines.Entry e : h.entries()) {
      List<String> allowed = HEADERS.get(e.key());
      if (allowed == null) {
        problem(e.line(), "http_server_config.headers: header '" + e.key() + "' cannot be configured (expected one "
            + "of " + String.join(", ", new java.util.TreeSet<>(HEADERS.keySet())) + ")");
        continue;
      }
      String v = scalar(e.value(), "http_server_config.headers." + e.key(), "a header value");
      if (v == null || v.isBlank()) continue; // blank: unset, as in exporter-toolkit
      if (!allowed.isEmpty() && !allowed.contains(v)) {
        problem(e.line(), "http_server_config.headers." + e.key() + " '" + v + "' is not allowed (expected "
            + String.join(" or ", allowed) + ")");
        continue;
      }
      out.put(e.key(), v);
    }
  }

  private WebConfig.RateLimitSpec rateLimit(Mapping r) {
    String text = string(r, "rate_limit", "interval", "a duration such as 1s or 500ms");
    Duration interval = Duration.ZERO;
    if (text != null) {
      interval = goDuration(text.strip());
      if (interval == null) {
        problem(lineOf(r, "interval"), "rate_limit.interval '" + text + "' is not a duration (expected one such as "
            + "1s, 500ms or 1m30s; 0 turns the limit off)");
        return null;
      }
    }
    String burstText = string(r, "rate_limit", "burst", "a whole number");
    int burst = 0;
    if (burstText != null) {
      try {
        burst = Integer.parseInt(burstText.strip());
      } catch (NumberFormatException e) {
        burst = -1;
      }
      if (burst < 0) {
        problem(lineOf(r, "burst"), "rate_limit.burst '" + burstText + "' is not a whole number >= 0");
        return null;
      }
    }
    if (interval.isZero()) return null; // exporter-toolkit: interval 0 turns the limiter off
    if (burst == 0) {
      problem(lineOf(r, "burst"), "rate_limit.burst is 0, which would refuse every request (expected 1 or more)");
      return null;
    }
    return new WebConfig.RateLimitSpec(interval, burst);
  }

  /** Go's time.ParseDuration for whole numbers of ms, s, m and h (what a rate limit needs), and a bare 0. */
  static Duration goDuration(String text) {
    if (text.equals("0")) return Duration.ZERO;
    if (!GO_DURATION.matcher(text).matches()) return null;
    Duration d = Duration.ZERO;
    Matcher m = GO_DURATION_PART.matcher(text);
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      d = d.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      });
    }
    return d;
  }

  // --- typed getters ---------------------------------------------------------------------------------------

  /** A mapping, with unknown keys reported (unless {@code keys} is null: any key). */
  private Mapping mapping(Node n, String where, List<String> keys) {
    if (!(n instanceof Mapping m)) {
      problem(n.line(), where + " is " + n.kindName() + " (expected a mapping"
          + (keys == null ? "" : " with keys " + String.join(", ", keys)) + ")");
      return null;
    }
    if (keys != null) {
      for (YamlLines.Entry e : m.entries()) {
        if (!keys.contains(e.key())) {
          problem(e.line(), "unknown key '" + e.key() + "' in " + where + " (expected one of: "
              + String.join(", ", keys) + ")");
        }
      }
    }
    return m;
  }

  /** A sub-mapping; null when absent or empty. */
  private Mapping section(Mapping parent, String key, List<String> keys) {
    YamlLines.Entry e = parent.get(key);
    if (e == null || e.value() instanceof Scalar s && s.isNull()) return null;
    return mapping(e.value(), key, keys);
  }

  private static boolean present(Mapping m, String key) {
    YamlLines.Entry e = m.get(key);
    return e != null && !(e.value() instanceof Scalar s && s.isNull());
  }

  private static int lineOf(Mapping m, String key) {
    YamlLines.Entry e = m.get(key);
    return e == null ? m.line() : e.line();
  }

  private String scalar(Node n, String where, String expected) {
    if (n instanceof Scalar s && !s.isNull()) return s.text();
    problem(n.line(), where + " is " + n.kindName() + " (expected " + expected + ")");
    return null;
  }

  private String string(Mapping m, String where, String key, String expected) {
    YamlLines.Entry e = m.get(key);
    if (e == null || e.value() instanceof Scalar s && s.isNull()) return null;
    return scalar(e.value(), where + "." + key, expected);
  }

  private Boolean bool(Mapping m, String where, String key) {
    String v = string(m, where, key, "true or false");
    if (v == null) return null;
    if (v.equals("true")) return true;
    if (v.equals("false")) return false;
    problem(lineOf(m, key), where + "." + key + " '" + v + "' is not a boolean (expected true or false)");
    return null;
  }

  private List<String> strings(Mapping m, String where, String key) {
    YamlLines.Entry e = m.get(key);
    if (e == null || e.value() instanceof Scalar s && s.isNull()) return List.of();
    if (!(e.value() instanceof Sequence seq)) {
      problem(e.line(), where + "." + key + " is " + e.value().kindName() + " (expected a list)");
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Node item : seq.items()) {
      String s = scalar(item, where + "." + key, "a string");
      if (s != null) out.add(s);
    }
    return out;
  }
}
