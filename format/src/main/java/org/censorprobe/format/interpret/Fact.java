package org.censorprobe.format.interpret;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.net.IpPort;
import org.censorprobe.format.observe.FailureType;
import org.censorprobe.format.observe.QueryType;

/**
 * One structured fact behind a verdict. Facts are typed so that the classifier never parses them back out of
 * maps and a reader (the reporter) can say each in words; each has a fixed JSON key ({@link #key()}), unique
 * within one judgement. Every fact is a claim about observations of the same round, which a checker can verify
 * (the evidence sentence is written from the facts, so it claims nothing they do not).
 *
 * <p>Lists are kept in a canonical order (addresses ascending, resolvers by label) so that a verdict does not
 * depend on the order in which things were measured.
 */
public sealed interface Fact {
  String key();

  /** The name a DNS verdict is about. */
  record Host(String host) implements Fact {
    public String key() {
      return "host";
    }
  }

  /** The addresses each resolver gave for the host (its last attempt's answers). */
  record Answers(Map<String, List<IpAddress>> byResolver) implements Fact {
    public Answers {
      byResolver = sortedLists(byResolver);
    }

    public String key() {
      return "answers";
    }
  }

  /** The resolvers that gave no address for the host, and how they failed. */
  record DnsFailures(Map<String, FailureType> byResolver) implements Fact {
    public DnsFailures {
      TreeMap<String, FailureType> m = new TreeMap<>(SYSTEM_FIRST);
      m.putAll(byResolver);
      byResolver = Collections.unmodifiableMap(m);
    }

    public String key() {
      return "dns_failures";
    }
  }

  /** Special-purpose addresses a resolver gave for a public name. */
  record BogonAnswers(String resolver, List<IpAddress> addresses) implements Fact {
    public BogonAnswers {
      addresses = sorted(addresses);
    }

    public String key() {
      return "bogon_answers";
    }
  }

  /** An answer that is a fingerprinted blocking address. */
  record BlockingAddress(String resolver, IpAddress address, String fingerprint) implements Fact {
    public String key() {
      return "blocking_address";
    }
  }

  enum Consistency { SHARED_ADDRESS, TLS_PROOF, UNKNOWN, INCONSISTENT }

  /** How the system resolver's answers compare with the healthy witnesses' (control and extra resolvers, helper). */
  record DnsConsistency(Consistency consistency) implements Fact {
    public String key() {
      return "dns_consistency";
    }
  }

  /** Two replies to one UDP query: the first one's addresses and a later one's. */
  record DnsInjection(String resolver, QueryType queryType, List<IpAddress> first, List<IpAddress> late)
      implements Fact {
    public DnsInjection {
      first = sorted(first);
      late = sorted(late);
    }

    public String key() {
      return "dns_injection";
    }
  }

  /** One connect's outcome: {@code failure} null when it connected. */
  record Connect(IpPort address, FailureType failure) implements Comparable<Connect> {
    public boolean ok() {
      return failure == null;
    }

    @Override
    public int compareTo(Connect o) {
      return address.compareTo(o.address);
    }
  }

  /** Every address dialled on the path judged, with its outcome. */
  record Connects(List<Connect> connects) implements Fact {
    public Connects {
      connects = sorted(connects);
    }

    public String key() {
      return "connects";
    }
  }

  /** One handshake's outcome; {@code validationFailure} null when the chain validated or the handshake failed. */
  record Handshake(IpPort address, String serverName, FailureType failure, FailureType validationFailure)
      implements Comparable<Handshake> {
    public boolean ok() {
      return failure == null && validationFailure == null;
    }

    @Override
    public int compareTo(Handshake o) {
      return address.compareTo(o.address);
    }
  }

  record Handshakes(List<Handshake> handshakes) implements Fact {
    public Handshakes {
      handshakes = sorted(handshakes);
    }

    public String key() {
      return "handshakes";
    }
  }

  /** The handshake repeated to {@code address} with a neutral server name: {@code failure} null when it worked. */
  record SniSwap(IpPort address, String serverName, boolean run, FailureType failure) implements Fact {
    public boolean worked() {
      return run && failure == null;
    }

    public String key() {
      return "sni_swap";
    }
  }

  /** A certificate a server presented: its issuer and subject, and why it failed validation (null: it did not). */
  record Certificate(IpPort address, String serverName, String issuer, String subject, FailureType validationFailure,
                     String fingerprint) implements Fact {
    public String key() {
      return "certificate";
    }
  }

  /** The HTTP response that decided: over {@code https}, {@code validated} says the TLS chain validated. */
  record HttpResponse(String url, IpAddress address, int statusCode, String title, boolean https, boolean validated)
      implements Fact {
    public String key() {
      return "http";
    }
  }

  record HttpFailure(String url, IpAddress address, FailureType failure) implements Fact {
    public String key() {
      return "http_failure";
    }
  }

  record Blockpage(String fingerprint) implements Fact {
    public String key() {
      return "blockpage_fingerprint";
    }
  }

  enum RemoteOutcome { SUCCEEDED, FAILED, NOT_MEASURED }

  /**
   * What the remote vantage said: {@code reachable} whether any helper answered; {@code outcome} what it saw for
   * the step that decided this verdict; its HTTP status and resolver's addresses when it had them.
   */
  record Remote(String helper, boolean reachable, String unreachableReason, RemoteOutcome outcome,
                Integer statusCode, List<IpAddress> addresses) implements Fact {
    public Remote {
      addresses = addresses == null ? List.of() : sorted(addresses);
    }

    public String key() {
      return "helper";
    }
  }

  enum Missing {
    REMOTE_VANTAGE, CONTROL_RESOLVER, TLS_PROOF, HEALTHY_CONTROLS, HEALTHY_RESOLVER, SECOND_RESOLVER;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The evidence that would have been needed to say more. */
  record MissingEvidence(List<Missing> missing) implements Fact {
    public MissingEvidence {
      missing = sorted(missing);
    }

    public String key() {
      return "missing";
    }
  }

  enum Step { DNS, TCP, TLS, HTTP }

  /** Steps whose first attempt failed and whose retry worked: a flaky path, visible as such. */
  record Retried(List<Step> steps) implements Fact {
    public Retried {
      steps = sorted(steps);
    }

    public String key() {
      return "retried";
    }
  }

  /** Unrelated platforms that failed the same way in the same round (the pattern rule). */
  record CrossPlatform(List<String> platforms) implements Fact {
    public CrossPlatform {
      platforms = sorted(platforms);
    }

    public String key() {
      return "cross_platform";
    }
  }

  enum SlowFigure { HANDSHAKE, TTFB, TRANSFER_RATE }

  /**
   * Speed against the ok controls' median in the same round. Figures are null when not measured;
   * {@code slowRounds} counts consecutive slow rounds, this one included.
   */
  record Throttle(List<SlowFigure> slow, Double handshakeMs, Double controlHandshakeMs, Double ttfbMs,
                  Double controlTtfbMs, Double bytesPerSecond, Double controlBytesPerSecond, int slowRounds,
                  double ratio, double floorMs) implements Fact {
    public Throttle {
      slow = sorted(slow);
    }

    public String key() {
      return "throttle";
    }
  }

  /** The endpoint's own finding, which a round-level verdict (uplink down, resolver down, gateway cut) replaced. */
  record Replaced(Method method) implements Fact {
    public String key() {
      return "endpoint_method";
    }
  }

  /** The later failure on the system resolver's addresses that a DNS inconsistency explains. */
  record Then(Method method) implements Fact {
    public String key() {
      return "then";
    }
  }

  /** The one page every name led to: where it was served from and its title. */
  record CaptivePortal(String url, String title, int names) implements Fact {
    public String key() {
      return "captive_portal";
    }
  }

  /** A control whose content did not match what it serves. */
  record UnexpectedContent(String url, String expected, int statusCode, String title) implements Fact {
    public String key() {
      return "unexpected_content";
    }
  }

  /** One name a resolver answered differently from the system path: what it said. */
  record TamperedName(String name, Method method, List<IpAddress> addresses, FailureType failure)
      implements Comparable<TamperedName> {
    public TamperedName {
      addresses = sorted(addresses);
    }

    @Override
    public int compareTo(TamperedName o) {
      return name.compareTo(o.name);
    }
  }

  /** A resolver's own findings: the names it tampered with. */
  record TamperedNames(List<TamperedName> names) implements Fact {
    public TamperedNames {
      names = sorted(names);
    }

    public String key() {
      return "tampered_names";
    }
  }

  /**
   * A fact under a key this version does not know (records before schema 2 keep their facts this way), kept as
   * read so that nothing is lost when the record is written again. {@code json} is the value's JSON text.
   */
  record Other(String key, String json) implements Fact {
    public Other {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(json, "json");
    }
  }

  private static <T extends Comparable<? super T>> List<T> sorted(List<T> in) {
    List<T> out = new ArrayList<>(in == null ? List.of() : in);
    Collections.sort(out);
    return List.copyOf(out);
  }

  /** Resolvers in one order: the system resolver (the user's path) first, then the others by label. */
  java.util.Comparator<String> SYSTEM_FIRST = java.util.Comparator.comparing((String r) -> !"system".equals(r))
      .thenComparing(java.util.Comparator.naturalOrder());

  private static Map<String, List<IpAddress>> sortedLists(Map<String, List<IpAddress>> in) {
    Map<String, List<IpAddress>> out = new LinkedHashMap<>();
    TreeMap<String, List<IpAddress>> ordered = new TreeMap<>(SYSTEM_FIRST);
    ordered.putAll(in);
    for (var e : ordered.entrySet()) out.put(e.getKey(), sorted(e.getValue()));
    return Collections.unmodifiableMap(out);
  }
}
