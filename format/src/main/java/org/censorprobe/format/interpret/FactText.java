package org.censorprobe.format.interpret;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.censorprobe.format.net.IpAddress;

/**
 * Each fact in words: the clause an evidence sentence is made of, and a label for tables. Used by the classifier
 * to write the evidence and by the reporter to show facts, so both say the same thing the same way. A clause claims
 * exactly what its fact holds, nothing more.
 */
public final class FactText {
  private final Function<String, ResolverRole> roles;

  /** @param roles the role of each resolver label (from the round's context); unknown labels are named as is */
  public FactText(Function<String, ResolverRole> roles) {
    this.roles = roles;
  }

  public static FactText of(RoundContext round) {
    return new FactText(label -> round == null ? null
        : round.resolver(label).map(ResolverBaseline::role).orElse(null));
  }

  /** "the system resolver", "the control resolver https://…", "the resolver udp://1.1.1.1:53". */
  public String resolver(String label) {
    ResolverRole r = "system".equals(label) ? ResolverRole.SYSTEM : roles.apply(label);
    if (r == ResolverRole.SYSTEM) return "the system resolver";
    if (r == ResolverRole.CONTROL) return "the control resolver " + label;
    return "the resolver " + label;
  }

  /** A short human label for a table row. */
  public static String label(Fact f) {
    if (f instanceof Fact.Host) return "Name";
    if (f instanceof Fact.Answers) return "Answers";
    if (f instanceof Fact.DnsFailures) return "DNS failures";
    if (f instanceof Fact.BogonAnswers) return "Special-purpose answers";
    if (f instanceof Fact.BlockingAddress) return "Known blocking address";
    if (f instanceof Fact.DnsConsistency) return "DNS consistency";
    if (f instanceof Fact.DnsInjection) return "Two replies";
    if (f instanceof Fact.Connects) return "TCP connects";
    if (f instanceof Fact.Handshakes) return "TLS handshakes";
    if (f instanceof Fact.SniSwap) return "SNI swap";
    if (f instanceof Fact.Certificate) return "Certificate";
    if (f instanceof Fact.HttpResponse) return "HTTP response";
    if (f instanceof Fact.HttpFailure) return "HTTP failure";
    if (f instanceof Fact.Blockpage) return "Blockpage fingerprint";
    if (f instanceof Fact.Remote) return "Remote vantage";
    if (f instanceof Fact.MissingEvidence) return "Missing evidence";
    if (f instanceof Fact.Retried) return "Retried";
    if (f instanceof Fact.CrossPlatform) return "Same failure elsewhere";
    if (f instanceof Fact.Throttle) return "Speed";
    if (f instanceof Fact.Replaced) return "This endpoint saw";
    if (f instanceof Fact.Then) return "Then";
    if (f instanceof Fact.CaptivePortal) return "Captive portal";
    if (f instanceof Fact.UnexpectedContent) return "Unexpected content";
    if (f instanceof Fact.TamperedNames) return "Names answered wrongly";
    return ((Fact.Other) f).key();
  }

  /** The clause for {@code f}, lower-case first word; {@code host} is the name the record is about (or null). */
  public String clause(Fact f, String host) {
    String name = host == null ? "the name" : host;
    if (f instanceof Fact.Host h) return "the name is " + h.host();
    if (f instanceof Fact.Answers a) {
      List<String> parts = new ArrayList<>();
      a.byResolver().forEach((r, addrs) -> parts.add(resolver(r) + " answered " + addresses(addrs)));
      return String.join("; ", parts);
    }
    if (f instanceof Fact.DnsFailures d) {
      List<String> parts = new ArrayList<>();
      d.byResolver().forEach((r, t) -> parts.add(resolver(r) + " failed for " + name + " (" + FailureText.of(t) + ")"));
      return String.join("; ", parts);
    }
    if (f instanceof Fact.BogonAnswers b) {
      return resolver(b.resolver()) + " answered " + name + " with " + addresses(b.addresses())
          + (b.addresses().size() == 1 ? ", a special-purpose address" : ", special-purpose addresses")
          + " a public name never has";
    }
    if (f instanceof Fact.BlockingAddress b) {
      return resolver(b.resolver()) + " answered " + name + " with " + b.address()
          + ", a known blocking address (fingerprint " + b.fingerprint() + ")";
    }
    if (f instanceof Fact.DnsConsistency c) {
      return switch (c.consistency()) {
        case SHARED_ADDRESS -> "the system resolver's answer shares an address with a healthy witness's";
        case TLS_PROOF -> "a validated TLS handshake on the system resolver's answer proved it";
        case UNKNOWN -> "no healthy witness answered to compare the system resolver's answer with";
        case INCONSISTENT -> "the system resolver's answer shares no address with any healthy witness's, and no "
            + "validated TLS handshake proved it";
      };
    }
    if (f instanceof Fact.DnsInjection i) {
      return resolver(i.resolver()) + "'s " + i.queryType() + " query for " + name + " got two replies: first "
          + addresses(i.first()) + ", then " + addresses(i.late());
    }
    if (f instanceof Fact.Connects c) {
      return "TCP connect to " + c.connects().stream()
          .map(x -> x.address() + " " + (x.ok() ? "worked" : FailureText.of(x.failure())))
          .collect(Collectors.joining(", "));
    }
    if (f instanceof Fact.Handshakes h) {
      return "TLS handshake for " + name + " with " + h.handshakes().stream()
          .map(x -> x.address() + " " + handshakeOutcome(x)).collect(Collectors.joining(", "));
    }
    if (f instanceof Fact.SniSwap s) {
      if (!s.run()) return "no handshake with a neutral server name was tried on " + s.address();
      return s.worked() ? "the same address " + s.address() + " completed a handshake for the neutral name "
          + s.serverName()
          : "the handshake with " + s.address() + " for the neutral name " + s.serverName() + " failed too ("
          + FailureText.of(s.failure()) + ")";
    }
    if (f instanceof Fact.Certificate c) {
      String v = c.validationFailure() == null ? "" : ", which failed validation (" + FailureText.of(c.validationFailure())
          + ")";
      String fp = c.fingerprint() == null ? "" : " (fingerprint " + c.fingerprint() + ")";
      return c.address() + " presented a certificate issued by '" + c.issuer() + "'" + fp + v;
    }
    if (f instanceof Fact.HttpResponse r) {
      String how = r.https() ? (r.validated() ? " over a validated HTTPS connection" : " over HTTPS") : " over plain HTTP";
      return r.url() + " answered HTTP " + r.statusCode() + how + (r.title() == null ? "" : " (title '" + r.title() + "')");
    }
    if (f instanceof Fact.HttpFailure r) {
      return "the HTTP request to " + r.url() + " failed (" + FailureText.of(r.failure()) + ")";
    }
    if (f instanceof Fact.Blockpage b) return "the page matched blockpage fingerprint " + b.fingerprint();
    if (f instanceof Fact.Remote r) {
      if (!r.reachable()) {
        return "the remote vantage " + r.helper() + " could not be asked"
            + (r.unreachableReason() == null ? "" : " (" + r.unreachableReason() + ")");
      }
      return switch (r.outcome()) {
        case SUCCEEDED -> "the remote vantage " + r.helper() + " reached the same target at the same time";
        case FAILED -> "the remote vantage " + r.helper() + " failed to reach it too";
        case NOT_MEASURED -> "the remote vantage " + r.helper() + " answered but did not measure this step";
      };
    }
    if (f instanceof Fact.MissingEvidence m) {
      return "missing: " + m.missing().stream().map(FactText::missing).collect(Collectors.joining(", "));
    }
    if (f instanceof Fact.Retried r) {
      return "the first attempt at " + r.steps().stream().map(s -> s.name()).collect(Collectors.joining(", "))
          + " failed and the retry worked";
    }
    if (f instanceof Fact.CrossPlatform c) {
      return c.platforms().size() + " unrelated platforms failed the same way (" + String.join(", ", c.platforms())
          + ")";
    }
    if (f instanceof Fact.Throttle t) return throttle(t);
    if (f instanceof Fact.Replaced r) {
      return "this endpoint itself saw " + r.method().symptom();
    }
    if (f instanceof Fact.Then t) return "those addresses then failed: " + t.method().symptom();
    if (f instanceof Fact.CaptivePortal p) {
      return p.names() + " names led to the same page, " + p.url() + (p.title() == null ? "" : " (title '"
          + p.title() + "')");
    }
    if (f instanceof Fact.UnexpectedContent u) {
      return u.url() + " answered HTTP " + u.statusCode() + (u.title() == null ? "" : " (title '" + u.title() + "')")
          + " instead of " + u.expected();
    }
    if (f instanceof Fact.TamperedNames t) {
      return "it answered " + t.names().stream().map(n -> n.name() + " with " + (n.addresses().isEmpty()
          ? FailureText.of(n.failure()) : addresses(n.addresses())) + " (" + n.method().symptom() + ")")
          .collect(Collectors.joining("; "));
    }
    Fact.Other o = (Fact.Other) f;
    return o.key() + ": " + o.json();
  }

  private static String handshakeOutcome(Fact.Handshake h) {
    if (h.failure() != null) return FailureText.of(h.failure());
    if (h.validationFailure() != null) return "completed, certificate " + FailureText.of(h.validationFailure());
    return "validated";
  }

  public static String missing(Fact.Missing m) {
    return switch (m) {
      case REMOTE_VANTAGE -> "a remote vantage to tell a dead server from blocking";
      case CONTROL_RESOLVER -> "a healthy resolver besides the system one to compare answers with";
      case TLS_PROOF -> "a validated TLS handshake to prove the answer";
      case HEALTHY_CONTROLS -> "a reachable control to rule out the probe's own network";
      case HEALTHY_RESOLVER -> "a system resolver that answers the controls' names";
      case SECOND_RESOLVER -> "a second, independent resolver failing the same way";
    };
  }

  public static String addresses(List<IpAddress> addrs) {
    if (addrs.isEmpty()) return "nothing";
    return addrs.stream().map(IpAddress::toString).collect(Collectors.joining(", "));
  }

  private static String throttle(Fact.Throttle t) {
    List<String> parts = new ArrayList<>();
    if (t.handshakeMs() != null) {
      parts.add("TLS handshakes took " + ms(t.handshakeMs()) + " against the controls' " + ms(t.controlHandshakeMs()));
    }
    if (t.ttfbMs() != null) {
      parts.add("the first byte came after " + ms(t.ttfbMs()) + " against the controls' " + ms(t.controlTtfbMs()));
    }
    if (t.bytesPerSecond() != null) {
      parts.add("transfers ran at " + Math.round(t.bytesPerSecond()) + " B/s against the controls' "
          + Math.round(t.controlBytesPerSecond()) + " B/s");
    }
    String figures = parts.isEmpty() ? "no figures to compare" : String.join(", ", parts);
    return figures + (t.slow().isEmpty() ? "" : "; slow (over " + trim(t.ratio()) + "x the controls' median and over "
        + Math.round(t.floorMs()) + " ms) for " + t.slowRounds() + " consecutive " + (t.slowRounds() == 1 ? "round" : "rounds")
        + ": " + t.slow().stream().map(FactText::slowFigure).collect(Collectors.joining(", ")));
  }

  private static String slowFigure(Fact.SlowFigure f) {
    return switch (f) {
      case HANDSHAKE -> "the TLS handshake";
      case TTFB -> "the time to the first byte";
      case TRANSFER_RATE -> "the transfer rate";
    };
  }

  private static String ms(Double v) {
    return v == null ? "?" : Math.round(v) + " ms";
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
