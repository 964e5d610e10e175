package org.censorprobe.probe.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.PatternSyntaxException;
import org.censorprobe.format.observe.CertificateInfo;
import org.censorprobe.format.observe.HttpExchange;

/**
 * The fingerprints the classifier matches: the shipped resources plus the user's files. Loaded once at start
 * (the only I/O of the classify package); matching is pure. Format: docs/classification.md#fingerprints.
 */
public final class Fingerprints {
  /** Shipped resources, loaded in this order. */
  static final List<String> SHIPPED = List.of("/fingerprints/censorprobe.jsonl", "/fingerprints/censoredplanet.jsonl");
  private static final Set<String> TYPES = Set.of(Fingerprint.DNS_BLOCKING_ADDRESS, Fingerprint.BLOCKPAGE,
      Fingerprint.FALSE_POSITIVE, Fingerprint.INTERCEPTION_ISSUER, Fingerprint.NOTICE);
  private static final Set<String> PATTERN_TYPES = Set.of(Fingerprint.EXACT, Fingerprint.CONTAINS,
      Fingerprint.PREFIX, Fingerprint.REGEX, Fingerprint.DN, Fingerprint.NONE);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The engine keeps 4 KiB of body; anything longer is cut so matching stays bounded. */
  static final int MAX_MATCHED_CHARS = 8192;

  private final List<Fingerprint> all;
  /** {@link #all} split by type once: matching runs for every response of every round. */
  private final Map<String, List<Fingerprint>> byType;
  private final Map<String, FirstMatch> matchers;

  public Fingerprints(List<Fingerprint> all) {
    this.all = List.copyOf(all);
    Map<String, List<Fingerprint>> m = new java.util.HashMap<>();
    for (Fingerprint f : this.all) m.computeIfAbsent(f.type(), t -> new ArrayList<>()).add(f);
    m.replaceAll((t, l) -> List.copyOf(l));
    this.byType = Map.copyOf(m);
    Map<String, FirstMatch> built = new java.util.HashMap<>();
    byType.forEach((type, list) -> built.put(type, new FirstMatch(list)));
    this.matchers = Map.copyOf(built);
  }

  public static Fingerprints none() {
    return new Fingerprints(List.of());
  }

  /** The shipped fingerprints and then the files named in the {@code classifier:} block. */
  public static Fingerprints load(org.censorprobe.probe.config.ClassifierSettings settings) {
    return load(settings.fingerprintFiles());
  }

  /** The shipped fingerprints and then each user file. */
  public static Fingerprints load(List<Path> userFiles) {
    List<Fingerprint> out = new ArrayList<>();
    for (String resource : SHIPPED) {
      try (InputStream in = Fingerprints.class.getResourceAsStream(resource)) {
        if (in == null) throw new FingerprintException("missing shipped resource " + resource, null);
        out.addAll(read(new InputStreamReader(in, StandardCharsets.UTF_8), resource));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    for (Path p : userFiles) {
      try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
        out.addAll(read(r, p.toString()));
      } catch (IOException e) {
        throw new FingerprintException(p + ": cannot read: " + e.getMessage(), e);
      }
    }
    return new Fingerprints(out);
  }

  /** Parses JSON lines; blank lines and lines starting with {@code #} are skipped. */
  public static List<Fingerprint> read(Reader reader, String name) throws IOException {
    List<Fingerprint> out = new ArrayList<>();
    BufferedReader br = new BufferedReader(reader);
    int n = 0;
    for (String line; (line = br.readLine()) != null; ) {
      n++;
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) continue;
      try {
        JsonNode o = JSON.readTree(t);
        String type = text(o, "type");
        String patternType = o.hasNonNull("pattern_type") ? o.get("pattern_type").asText() : Fingerprint.CONTAINS;
        if (!TYPES.contains(type)) throw new IllegalArgumentException("unknown type '" + type + "'");
        if (!PATTERN_TYPES.contains(patternType)) {
          throw new IllegalArgumentException("unknown pattern_type '" + patternType + "'");
        }
        if (type.equals(Fingerprint.NOTICE)) continue;
        out.add(Fingerprint.of(type, text(o, "id"), text(o, "pattern"), patternType,
            o.hasNonNull("source") ? o.get("source").asText() : name));
      } catch (IOException | IllegalArgumentException e) {
        String why = e instanceof PatternSyntaxException p ? "bad regex: " + p.getDescription() : e.getMessage();
        throw new FingerprintException(name + ":" + n + ": " + why, e);
      }
    }
    return out;
  }

  private static String text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || !v.isTextual() || v.asText().isEmpty()) {
      throw new IllegalArgumentException("missing field '" + field + "'");
    }
    return v.asText();
  }

  public List<Fingerprint> all() {
    return all;
  }

  public Optional<Fingerprint> blockingAddress(org.censorprobe.format.net.IpAddress address) {
    return first(Fingerprint.DNS_BLOCKING_ADDRESS, address.toString());
  }

  /** The interception fingerprint a certificate's issuer or subject matches (a chain carries the root too). */
  public Optional<Fingerprint> interceptionIssuer(CertificateInfo cert) {
    Optional<Fingerprint> f = firstIssuer(cert.issuer());
    return f.isPresent() ? f : firstIssuer(cert.subject());
  }

  /** As {@link #first}, with the name parsed once for all the {@code dn} patterns instead of once per pattern. */
  private Optional<Fingerprint> firstIssuer(String name) {
    if (name == null) return Optional.empty();
    DistinguishedName parsed = null;
    for (Fingerprint f : byType.getOrDefault(Fingerprint.INTERCEPTION_ISSUER, List.of())) {
      if (f.dn() != null) {
        if (parsed == null) parsed = DistinguishedName.parse(name);
        if (f.dn().sameAs(parsed)) return Optional.of(f);
      } else if (f.matches(name)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /**
   * The blockpage fingerprint a response matches, unless it also matches a false-positive pattern (a real site's
   * page that happens to look like a blockpage). Matched against the title, each header as {@code Name: value},
   * and the body sample.
   */
  public Optional<Fingerprint> blockpage(HttpExchange h) {
    List<String> texts = texts(h);
    Optional<Fingerprint> found = Optional.empty();
    for (String t : texts) {
      found = first(Fingerprint.BLOCKPAGE, t);
      if (found.isPresent()) break;
    }
    // False positives only matter for a page that matched: almost every response matches nothing, and checking
    // the false-positive list first would cost it every time.
    if (found.isEmpty()) return found;
    for (String t : texts) if (first(Fingerprint.FALSE_POSITIVE, t).isPresent()) return Optional.empty();
    return found;
  }

  private static List<String> texts(HttpExchange h) {
    List<String> out = new ArrayList<>();
    if (h.title() != null) out.add(h.title());
    for (Map.Entry<String, List<String>> e : h.headers().entrySet()) {
      for (String v : e.getValue()) out.add(e.getKey() + ": " + v);
    }
    if (h.bodySample() != null) out.add(h.bodySample());
    return out.stream().map(t -> t.length() > MAX_MATCHED_CHARS ? t.substring(0, MAX_MATCHED_CHARS) : t).toList();
  }

  /** The first fingerprint of {@code type}, in file order, that {@code text} matches. */
  private Optional<Fingerprint> first(String type, String text) {
    FirstMatch m = matchers.get(type);
    return m == null ? Optional.empty() : m.first(text);
  }
}
