package org.censorprobe.format.scrub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.censorprobe.format.interpret.Fact;
import org.censorprobe.format.interpret.Interpretation;
import org.censorprobe.format.interpret.Judgement;
import org.censorprobe.format.interpret.PlatformVerdict;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.observe.CertificateInfo;
import org.censorprobe.format.observe.DnsAnswer;
import org.censorprobe.format.observe.DnsObservation;
import org.censorprobe.format.observe.DnsReply;
import org.censorprobe.format.observe.EndpointObservations;
import org.censorprobe.format.observe.Failure;
import org.censorprobe.format.observe.HelperObservation;
import org.censorprobe.format.observe.HttpExchange;
import org.censorprobe.format.observe.ResolverObservations;
import org.censorprobe.format.observe.Steps;
import org.censorprobe.format.observe.TcpObservation;
import org.censorprobe.format.observe.TlsObservation;
import org.censorprobe.format.record.Measurement;

/**
 * Takes the probe's own addresses out of a record, so that a blockpage or a captive portal that echoes "your
 * address is ..." cannot put the person running the probe into the store, an export or a quoted verdict. A pure
 * transformation: a set of addresses in, the same record out with every spelling of them in free text replaced
 * by {@link #MARKER} (see {@link AddressFinder} for what counts as a spelling).
 *
 * <p>Free text is what a network or a peer wrote: bodies, titles, headers, URLs that came from redirects, DNS
 * names from answers, certificate names, raw error texts, the remote vantage's answer, and the judgement's
 * evidence and facts quoting them. Left as they are:
 * <ul>
 *   <li>typed address fields ({@code address} of a connect, a handshake or an exchange; DNS answers' addresses;
 *   facts' addresses): they name the peer, never the probe; if the probe's own address is a peer (a probe that
 *   measures itself), that is what was measured;</li>
 *   <li>the operator's own words from the configuration (endpoint, platform, resolver and helper labels,
 *   fingerprint names), which are identifiers other records are joined on.</li>
 * </ul>
 *
 * <p>A body's digest could give the address away to anyone who knows the rest of the page (there are only 2^32
 * IPv4 addresses to try), so when the body sample held one, {@code body_sha256} becomes {@link #DIGEST_PREFIX}
 * and a keyed digest of the original: equal for equal bodies under one key (what the captive-portal rule compares
 * within a round), useless for guessing. Only the sample is seen here: a spelling past it stays in the digest.
 */
public final class Scrubber {
  /** What a spelling of one of the probe's addresses becomes in free text. */
  public static final String MARKER = "[scrubbed]";
  /** The same in a URL field, percent-encoded so that the URL still parses. */
  public static final String URL_MARKER = "%5Bscrubbed%5D";
  /** The start of a {@code body_sha256} that was replaced by a keyed digest. */
  public static final String DIGEST_PREFIX = "scrubbed:";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Scrubber NONE = new Scrubber(Set.of(), new byte[32]);

  private final AddressFinder finder;
  private final SecretKeySpec digestKey;

  /**
   * @param own the probe's own addresses
   * @param digestKey the key of the digests that replace {@code body_sha256}; the probe draws one at random per
   *     run and keeps it in memory only
   */
  public Scrubber(Collection<IpAddress> own, byte[] digestKey) {
    this.finder = new AddressFinder(Set.copyOf(own));
    this.digestKey = new SecretKeySpec(digestKey.clone(), "HmacSHA256");
  }

  /** Scrubs nothing. */
  public static Scrubber none() {
    return NONE;
  }

  public boolean scrubsNothing() {
    return finder.isEmpty();
  }

  /** Free text with every spelling of our addresses replaced by {@link #MARKER}; null stays null. */
  public String text(String s) {
    return replace(s, MARKER);
  }

  /** A URL with every spelling replaced by {@link #URL_MARKER}, so that it remains a URL. */
  public String url(String s) {
    return replace(s, URL_MARKER);
  }

  /** Whether {@code s} holds a spelling of one of our addresses. */
  public boolean finds(String s) {
    return !finder.find(s).isEmpty();
  }

  private String replace(String s, String marker) {
    if (s == null || finder.isEmpty()) return s;
    // Again until nothing is found: taking one spelling out can free a neighbour that leaned on it
    // ("192.0.2.1abcd::1"). Each pass removes characters of the original text, so this ends.
    String current = s;
    while (true) {
      List<AddressFinder.Span> spans = finder.find(current);
      if (spans.isEmpty()) return current;
      StringBuilder out = new StringBuilder(current.length());
      int at = 0;
      for (AddressFinder.Span span : spans) {
        out.append(current, at, span.start()).append(marker);
        at = span.end();
      }
      out.append(current, at, current.length());
      current = out.toString();
    }
  }

  // ---- records

  public Measurement scrub(Measurement m) {
    if (finder.isEmpty()) return m;
    Measurement out = m.withSteps(steps(m.steps()));
    if (m.judgement() != null) out = out.withJudgement(judgement(m.judgement()));
    List<Judgement> previous = m.previous().stream().map(this::judgement).toList();
    if (previous.equals(m.previous())) return out;
    return new Measurement(out.id(), out.roundId(), out.measuredAt(), out.probe(), out.role(), out.platform(),
        out.platformName(), out.domestic(), out.endpoint(), out.resolverRole(), out.expect(), out.steps(),
        out.judgement(), previous);
  }

  private Steps steps(Steps s) {
    if (s instanceof ResolverObservations r) return new ResolverObservations(map(r.queries(), this::dns));
    EndpointObservations o = (EndpointObservations) s;
    return new EndpointObservations(o.endpoint(), o.startedAt(), o.durationMs(), map(o.dns(), this::dns),
        map(o.controlDns(), this::dns), map(o.tcp(), this::tcp), map(o.tls(), this::tls), map(o.sniSwap(), this::tls),
        map(o.http(), this::http), helper(o.helper()));
  }

  private DnsObservation dns(DnsObservation d) {
    return new DnsObservation(d.resolver(), text(d.query()), d.queryType(), d.attempt(), d.startedAt(),
        d.durationMs(), d.rcode(), map(d.cnameChain(), this::text), map(d.answers(), this::answer),
        failure(d.failure()), map(d.lateReplies(), r -> new DnsReply(r.afterFirstMs(), r.rcode(),
            map(r.answers(), this::answer))));
  }

  private DnsAnswer answer(DnsAnswer a) {
    return new DnsAnswer(text(a.name()), a.type(), a.ttl(), a.address(), text(a.target()), a.bogon());
  }

  private TcpObservation tcp(TcpObservation t) {
    return new TcpObservation(t.address(), t.port(), t.attempt(), t.startedAt(), t.durationMs(), failure(t.failure()),
        t.flow());
  }

  private TlsObservation tls(TlsObservation t) {
    return new TlsObservation(t.address(), t.port(), text(t.serverName()), t.attempt(), t.startedAt(),
        t.durationMs(), text(t.protocol()), text(t.cipherSuite()), text(t.alpn()), map(t.chain(), this::certificate),
        failure(t.failure()), failure(t.validationFailure()), t.flow());
  }

  private CertificateInfo certificate(CertificateInfo c) {
    return new CertificateInfo(text(c.subject()), text(c.issuer()), c.serialNumber(), c.sha256(), c.notBefore(),
        c.notAfter(), map(c.subjectAltNames(), this::text));
  }

  private HttpExchange http(HttpExchange h) {
    String sample = text(h.bodySample());
    boolean bodyHeldOne = sample != null && !sample.equals(h.bodySample());
    Map<String, List<String>> headers = new LinkedHashMap<>();
    h.headers().forEach((name, values) -> headers.merge(text(name), map(values, this::text), (a, b) -> {
      List<String> both = new ArrayList<>(a);
      both.addAll(b);
      return both;
    }));
    return new HttpExchange(h.method(), url(h.url()), h.address(), h.attempt(), h.startedAt(), h.durationMs(),
        h.statusCode(), headers, h.bodyLength(), h.bodyTruncated(),
        bodyHeldOne && h.bodySha256() != null ? keyedDigest(h.bodySha256()) : h.bodySha256(), text(h.title()), sample,
        h.timeToFirstByteMs(), h.transferBytesPerSecond(), failure(h.failure()), h.flow());
  }

  private HelperObservation helper(HelperObservation h) {
    if (h == null) return null;
    return new HelperObservation(h.answeredBy(), h.startedAt(), h.durationMs(),
        map(h.attempts(), a -> new HelperObservation.Attempt(a.helper(), a.durationMs(), a.httpStatus(),
            failure(a.failure()))), json(h.responseJson()));
  }

  private Failure failure(Failure f) {
    return f == null || f.detail() == null ? f : f.withDetail(text(f.detail()));
  }

  private String keyedDigest(String sha256) {
    if (sha256.startsWith(DIGEST_PREFIX)) return sha256; // already one: scrubbing twice changes nothing
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(digestKey);
      return DIGEST_PREFIX + HexFormat.of().formatHex(mac.doFinal(sha256.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }

  /**
   * A JSON text with every string value scrubbed; the same text when nothing changed (so a record without our
   * addresses keeps its bytes). Object keys are left: in the remote vantage's answer they are peer addresses.
   */
  private String json(String text) {
    if (text == null || !finds(text) && !text.contains("\\u")) return text;
    JsonNode tree;
    try {
      tree = JSON.readTree(text);
    } catch (IOException e) {
      return text(text); // not JSON after all: scrub it as text, the marker needs no escaping
    }
    boolean[] changed = {false};
    JsonNode out = scrubTree(tree, changed);
    if (!changed[0]) return text;
    try {
      return JSON.writeValueAsString(out);
    } catch (IOException e) {
      throw new IllegalStateException("a tree always serialises", e);
    }
  }

  private JsonNode scrubTree(JsonNode n, boolean[] changed) {
    if (n.isTextual()) {
      String s = text(n.textValue());
      if (s.equals(n.textValue())) return n;
      changed[0] = true;
      return TextNode.valueOf(s);
    }
    if (n.isArray()) {
      ArrayNode a = JSON.createArrayNode();
      for (JsonNode e : n) a.add(scrubTree(e, changed));
      return a;
    }
    if (n.isObject()) {
      ObjectNode o = JSON.createObjectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        o.set(e.getKey(), scrubTree(e.getValue(), changed));
      }
      return o;
    }
    return n;
  }

  // ---- judgements: the evidence quotes titles and URLs, facts carry them

  private Judgement judgement(Judgement j) {
    PlatformVerdict p = j.platform() == null ? null
        : new PlatformVerdict(interpretation(j.platform().interpretation()), j.platform().drivenBy());
    return new Judgement(interpretation(j.interpretation()), p, j.round(), j.classifier(), j.judgedAt());
  }

  private Interpretation interpretation(Interpretation i) {
    return new Interpretation(i.verdict(), i.method(), i.confidence(), text(i.evidence()), map(i.facts(), this::fact));
  }

  /** Every kind of fact, by name: {@link #TEXTLESS_FACTS} and the ones handled here (a test checks both lists). */
  Fact fact(Fact f) {
    if (f instanceof Fact.Host h) return new Fact.Host(text(h.host()));
    if (f instanceof Fact.Handshakes h) {
      return new Fact.Handshakes(map(h.handshakes(), x -> new Fact.Handshake(x.address(), text(x.serverName()),
          x.failure(), x.validationFailure())));
    }
    if (f instanceof Fact.SniSwap s) return new Fact.SniSwap(s.address(), text(s.serverName()), s.run(), s.failure());
    if (f instanceof Fact.Certificate c) {
      return new Fact.Certificate(c.address(), text(c.serverName()), text(c.issuer()), text(c.subject()),
          c.validationFailure(), c.fingerprint());
    }
    if (f instanceof Fact.HttpResponse r) {
      return new Fact.HttpResponse(url(r.url()), r.address(), r.statusCode(), text(r.title()), r.https(),
          r.validated());
    }
    if (f instanceof Fact.HttpFailure h) return new Fact.HttpFailure(url(h.url()), h.address(), h.failure());
    if (f instanceof Fact.Remote r) {
      return new Fact.Remote(r.helper(), r.reachable(), text(r.unreachableReason()), r.outcome(), r.statusCode(),
          r.addresses());
    }
    if (f instanceof Fact.CaptivePortal p) return new Fact.CaptivePortal(url(p.url()), text(p.title()), p.names());
    if (f instanceof Fact.UnexpectedContent u) {
      return new Fact.UnexpectedContent(url(u.url()), u.expected(), u.statusCode(), text(u.title()));
    }
    if (f instanceof Fact.TamperedNames t) {
      return new Fact.TamperedNames(map(t.names(), x -> new Fact.TamperedName(text(x.name()), x.method(),
          x.addresses(), x.failure())));
    }
    if (f instanceof Fact.Other o) return new Fact.Other(o.key(), json(o.json()));
    return f; // one of TEXTLESS_FACTS: addresses, failure types, counts and configuration labels only
  }

  /** The facts that hold no text a network wrote (addresses, failure types, counts, configuration labels). */
  static final Set<Class<? extends Fact>> TEXTLESS_FACTS = Set.of(Fact.Answers.class, Fact.DnsFailures.class,
      Fact.BogonAnswers.class, Fact.BlockingAddress.class, Fact.DnsConsistency.class, Fact.DnsInjection.class,
      Fact.Connects.class, Fact.Blockpage.class, Fact.MissingEvidence.class, Fact.Retried.class,
      Fact.CrossPlatform.class, Fact.Throttle.class, Fact.Replaced.class, Fact.Then.class);

  private static <T> List<T> map(List<T> in, UnaryOperator<T> f) {
    List<T> out = new ArrayList<>(in.size());
    for (T t : in) out.add(f.apply(t));
    return out;
  }
}
