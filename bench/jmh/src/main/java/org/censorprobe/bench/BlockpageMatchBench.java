package org.censorprobe.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.censorprobe.probe.classify.Fingerprint;
import org.censorprobe.probe.classify.Fingerprints;
import org.censorprobe.probe.config.ClassifierSettings;
import org.censorprobe.format.endpoint.Endpoint;
import org.censorprobe.format.observe.HttpExchange;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The blockpage check of one ordinary (not blocked) HTTPS response against the shipped fingerprints: what
 * {@link Fingerprints#blockpage} costs today, and two re-orderings of the same work that give the same answer
 * (see bench/README.md, "Performance"):
 * <ul>
 *   <li>{@code shipped}: Fingerprints.blockpage as the classifier calls it. Until main's 932515a it ran every
 *       false_positive regex over every text first, then every blockpage regex (2.4 ms per response); since then
 *       it does what {@code literalFirst} does;</li>
 *   <li>{@code blockpageFirst}: blockpage patterns first; the false_positive patterns only run when one matched
 *       (same result: empty if any false positive matches, else the first blockpage);</li>
 *   <li>{@code literalFirst}: as blockpageFirst, and patterns whose regex is a plain literal (most of Censored
 *       Planet's, some with {@code \.}-style escapes) are matched with String.contains instead of a regex over a
 *       bounded CharSequence.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@org.openjdk.jmh.annotations.Measurement(iterations = 5, time = 1)
@Fork(1)
public class BlockpageMatchBench {
  private static final Pattern METACHARACTERS = Pattern.compile("[\\[\\](){}.*+?^$|]");

  private Fingerprints fingerprints;
  private HttpExchange exchange;
  private List<String> texts;
  private List<Fingerprint> blockpages;
  private List<Fingerprint> falsePositives;
  private List<String> blockpageLiterals;
  private List<String> falsePositiveLiterals;

  @Setup
  public void setUp() {
    fingerprints = Fingerprints.load(ClassifierSettings.DEFAULTS);
    exchange = Fixtures.https(Endpoint.parse("https://host1.bench/"), 1).http().get(0);
    texts = texts(exchange);
    blockpages = fingerprints.all().stream().filter(f -> f.type().equals(Fingerprint.BLOCKPAGE)).toList();
    falsePositives = fingerprints.all().stream().filter(f -> f.type().equals(Fingerprint.FALSE_POSITIVE)).toList();
    blockpageLiterals = blockpages.stream().map(BlockpageMatchBench::literal).toList();
    falsePositiveLiterals = falsePositives.stream().map(BlockpageMatchBench::literal).toList();
    if (shipped().isPresent() || blockpageFirst().isPresent() || literalFirst().isPresent()) {
      throw new IllegalStateException("the bench page must not look like a blockpage");
    }
  }

  @Benchmark
  public Optional<Fingerprint> shipped() {
    return fingerprints.blockpage(exchange);
  }

  @Benchmark
  public Optional<Fingerprint> blockpageFirst() {
    return blockpageFirst(texts);
  }

  @Benchmark
  public Optional<Fingerprint> literalFirst() {
    return literalFirst(texts);
  }

  // For BlockpageEquivalence: the id each check finds for an exchange (null for none).
  List<Fingerprint> fingerprintsForCheck() {
    return fingerprints.all();
  }

  String check(HttpExchange h) {
    return fingerprints.blockpage(h).map(Fingerprint::id).orElse(null);
  }

  String checkBlockpageFirst(HttpExchange h) {
    return blockpageFirst(texts(h)).map(Fingerprint::id).orElse(null);
  }

  String checkLiteralFirst(HttpExchange h) {
    return literalFirst(texts(h)).map(Fingerprint::id).orElse(null);
  }

  private Optional<Fingerprint> blockpageFirst(List<String> texts) {
    for (String t : texts) {
      for (Fingerprint b : blockpages) {
        if (b.matches(t)) {
          for (String u : texts) for (Fingerprint fp : falsePositives) if (fp.matches(u)) return Optional.empty();
          return Optional.of(b);
        }
      }
    }
    return Optional.empty();
  }

  private Optional<Fingerprint> literalFirst(List<String> texts) {
    for (String t : texts) {
      for (int i = 0; i < blockpages.size(); i++) {
        if (matches(blockpages.get(i), blockpageLiterals.get(i), t)) {
          for (String u : texts) {
            for (int j = 0; j < falsePositives.size(); j++) {
              if (matches(falsePositives.get(j), falsePositiveLiterals.get(j), u)) return Optional.empty();
            }
          }
          return Optional.of(blockpages.get(i));
        }
      }
    }
    return Optional.empty();
  }

  private static boolean matches(Fingerprint f, String literal, String text) {
    return literal != null ? text.contains(literal) : f.matches(text);
  }

  /**
   * The text a regex matches when it is a plain literal: no metacharacter except a backslash before a
   * punctuation character ({@code \.}, {@code \(}), which stands for that character. Then find() is exactly
   * contains(). Null for any other regex.
   */
  static String literal(Fingerprint f) {
    if (!Fingerprint.REGEX.equals(f.patternType())) return null;
    String p = f.pattern();
    StringBuilder out = new StringBuilder(p.length());
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '\\') {
        if (i + 1 >= p.length()) return null;
        char n = p.charAt(++i);
        if (Character.isLetterOrDigit(n) || n > 127) return null; // \d, \s, \Q, \1 ...: a real regex
        out.append(n);
      } else if (METACHARACTERS.matcher(String.valueOf(c)).matches()) {
        return null;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** As Fingerprints.texts: title, each header as "Name: value", the body sample; each cut at 8 KiB. */
  static List<String> texts(HttpExchange h) {
    List<String> out = new ArrayList<>();
    if (h.title() != null) out.add(h.title());
    for (Map.Entry<String, List<String>> e : h.headers().entrySet()) {
      for (String v : e.getValue()) out.add(e.getKey() + ": " + v);
    }
    if (h.bodySample() != null) out.add(h.bodySample());
    return out.stream().map(t -> t.length() > 8192 ? t.substring(0, 8192) : t).toList();
  }
}
