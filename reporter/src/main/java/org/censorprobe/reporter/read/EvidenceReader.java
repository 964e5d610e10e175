package org.censorprobe.reporter.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns one record into an {@link EvidenceSample}: the sentence, the classifier's {@code facts}, and from
 * {@code steps} the observations a reader checks a verdict against. Every list and string is bounded.
 */
public final class EvidenceReader {
  private static final int MAX_FACTS = 20;
  private static final int MAX_ANSWERS = 8;
  private static final int HELPER_CHARS = 600;

  private EvidenceReader() {}

  public static EvidenceSample read(JsonNode record, long measuredAtMs, String endpoint, Status status,
                                    String method) {
    List<Fact> facts = new ArrayList<>();
    JsonNode f = record.get("facts");
    if (f != null && f.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = f.properties().iterator();
      while (it.hasNext() && facts.size() < MAX_FACTS) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = e.getValue();
        facts.add(new Fact(BoundedText.of(e.getKey(), 80), BoundedText.of(v.isValueNode() ? v.asText() : v.toString())));
      }
    }
    JsonNode steps = record.path("steps");
    List<Fact> observations = new ArrayList<>();
    add(observations, "DNS answers (local resolvers)", dnsAnswers(steps.path("dns")));
    add(observations, "DNS answers (control resolver)", dnsAnswers(steps.path("control_dns")));
    add(observations, "certificate seen", certificates(steps.path("tls")));
    add(observations, "SNI swap (neutral server name)", sniSwap(steps.path("sni_swap")));
    add(observations, "HTTP", http(steps.path("http")));
    add(observations, "blockpage title", titles(steps.path("http")));
    JsonNode helper = steps.get("helper");
    if (helper != null && !helper.isNull()) add(observations, "control helper's view", BoundedText.of(helper.toString(), HELPER_CHARS));
    return new EvidenceSample(Instant.ofEpochMilli(measuredAtMs), endpoint, status, method,
        BoundedText.of(RecordFields.text(record, "confidence"), 20),
        BoundedText.of(RecordFields.text(record, "evidence"), 1000), facts, observations);
  }

  private static void add(List<Fact> into, String name, String value) {
    if (value != null && !value.isBlank()) into.add(new Fact(name, value));
  }

  private static String dnsAnswers(JsonNode queries) {
    if (!queries.isArray()) return null;
    List<String> parts = new ArrayList<>();
    for (JsonNode q : queries) {
      if (parts.size() >= MAX_ANSWERS) break;
      String resolver = RecordFields.text(q, "resolver");
      StringBuilder b = new StringBuilder();
      b.append(resolver == null ? "?" : resolver).append(' ').append(orDash(RecordFields.text(q, "query_type"))).append(": ");
      List<String> data = new ArrayList<>();
      for (JsonNode a : q.path("answers")) {
        if (data.size() >= MAX_ANSWERS) break;
        String d = RecordFields.text(a, "data");
        data.add(d + (a.path("bogon").asBoolean(false) ? " (bogon)" : ""));
      }
      String failure = RecordFields.text(q, "failure");
      if (!data.isEmpty()) b.append(String.join(", ", data));
      else b.append(failure != null ? failure : orDash(RecordFields.text(q, "rcode")));
      parts.add(b.toString());
    }
    return parts.isEmpty() ? null : BoundedText.of(String.join("; ", parts));
  }

  private static String certificates(JsonNode tls) {
    if (!tls.isArray()) return null;
    for (JsonNode t : tls) {
      JsonNode chain = t.path("chain");
      String failure = RecordFields.text(t, "failure");
      String validation = RecordFields.text(t, "validation_failure");
      if (chain.isArray() && chain.size() > 0) {
        JsonNode leaf = chain.get(0);
        return BoundedText.of("issuer " + orDash(RecordFields.text(leaf, "issuer")) + "; subject "
            + orDash(RecordFields.text(leaf, "subject"))
            + (validation != null ? "; validation: " + validation : "; validates"));
      }
      if (failure != null) return BoundedText.of("no certificate: " + failure);
    }
    return null;
  }

  private static String sniSwap(JsonNode swaps) {
    if (!swaps.isArray()) return null;
    for (JsonNode s : swaps) {
      String name = orDash(RecordFields.text(s, "server_name"));
      String failure = RecordFields.text(s, "failure");
      return BoundedText.of("handshake with " + name + ": " + (failure == null ? "succeeded" : failure));
    }
    return null;
  }

  private static String http(JsonNode hops) {
    if (!hops.isArray() || hops.size() == 0) return null;
    List<String> parts = new ArrayList<>();
    for (JsonNode h : hops) {
      if (parts.size() >= MAX_ANSWERS) break;
      String failure = RecordFields.text(h, "failure");
      parts.add(orDash(RecordFields.text(h, "url")) + " -> "
          + (failure != null ? failure : "status " + h.path("status_code").asInt(0)));
    }
    return BoundedText.of(String.join("; ", parts));
  }

  private static String titles(JsonNode hops) {
    if (!hops.isArray()) return null;
    for (JsonNode h : hops) {
      String title = RecordFields.text(h, "title");
      if (title != null && !title.isBlank()) return BoundedText.of(title);
    }
    return null;
  }

  private static String orDash(String s) {
    return s == null ? "-" : s;
  }
}
