package org.censorprobe.reporter.histories;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes synthetic histories in the probe's JSON-lines format from a compact script: per platform one
 * character per round. {@code o} ok, {@code B} blocked (method set per platform), {@code T} technical
 * (tcp.connect_timeout), {@code I} inconclusive, {@code N} the network down (controls too), {@code _} no round.
 * Controls follow the network: down in rounds where any platform has {@code N}.
 */
public final class HistoryWriter {
  public static final Instant T0 = Instant.parse("2026-11-20T06:00:00Z");
  public static final Duration INTERVAL = Duration.ofMinutes(5);
  static final ObjectMapper JSON = new ObjectMapper();

  private final String probe;
  private final String network;
  private final long asn;
  private final Map<String, String> scripts = new LinkedHashMap<>();
  private final Map<String, String> blockMethods = new LinkedHashMap<>();
  private int ids;

  public HistoryWriter(String probe, String network, long asn) {
    this.probe = probe;
    this.network = network;
    this.asn = asn;
  }

  /** A platform with one endpoint {@code www.<id>.com:443} and a second {@code m.<id>.com:443}. */
  public HistoryWriter platform(String id, String script, String blockMethod) {
    scripts.put(id, script);
    blockMethods.put(id, blockMethod);
    return this;
  }

  public static Instant round(int n) {
    return T0.plus(INTERVAL.multipliedBy(n));
  }

  public List<String> lines() {
    int rounds = scripts.values().stream().mapToInt(String::length).max().orElse(0);
    List<String> out = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      boolean networkDown = false;
      boolean anyData = false;
      for (String s : scripts.values()) {
        if (r < s.length() && s.charAt(r) == 'N') networkDown = true;
        if (r < s.length() && s.charAt(r) != '_') anyData = true;
      }
      if (!anyData) continue;
      String roundId = probe + "-r" + r;
      Instant at = round(r);
      for (var e : scripts.entrySet()) {
        String script = e.getValue();
        if (r >= script.length() || script.charAt(r) == '_') continue;
        char c = script.charAt(r);
        String platform = e.getKey();
        for (String host : List.of("www." + platform + ".com", "m." + platform + ".com")) {
          out.add(record(roundId, at, platform, host + ":443", c, blockMethods.get(platform), networkDown).toString());
        }
      }
      for (String control : List.of("example.org:443", "kz-control.kz:443")) {
        out.add(control(roundId, at.plusMillis(500), control, networkDown).toString());
      }
    }
    return out;
  }

  private ObjectNode base(String roundId, Instant at, String role, String platform, String endpoint) {
    ObjectNode n = JSON.createObjectNode();
    n.put("schema", 1);
    n.put("id", probe + "-m" + (++ids));
    n.put("round_id", roundId);
    n.put("measured_at", at.toString());
    n.put("probe", probe);
    ObjectNode info = n.putObject("probe_info");
    info.put("country", "KZ");
    info.put("network", network);
    info.put("asn", asn);
    n.put("role", role);
    n.put("platform", platform);
    n.put("platform_name", Character.toUpperCase(platform.charAt(0)) + platform.substring(1));
    n.put("endpoint", endpoint);
    return n;
  }

  private ObjectNode record(String roundId, Instant at, String platform, String endpoint, char c, String blockMethod,
                            boolean networkDown) {
    ObjectNode n = base(roundId, at, "platform", platform, endpoint);
    String host = endpoint.substring(0, endpoint.indexOf(':'));
    String verdict;
    String method;
    String evidence;
    switch (c) {
      case 'B' -> {
        verdict = "blocked";
        method = blockMethod;
        evidence = "The connection to " + host + " was reset right after the ClientHello named it, while the same "
            + "address answered a handshake for example.org.";
      }
      case 'T' -> {
        verdict = "technical";
        method = "tcp.connect_timeout";
        evidence = "Connecting to " + host + " timed out on every address while the controls were reachable.";
      }
      case 'I' -> {
        verdict = "inconclusive";
        method = "tls.handshake_failed";
        evidence = "The handshake with " + host + " failed in a way that does not tell blocking from failure.";
      }
      case 'N' -> {
        verdict = "technical";
        method = "network.down";
        evidence = "Nothing was reachable, the controls included: the probe's own network was down.";
      }
      default -> {
        verdict = "ok";
        method = null;
        evidence = host + " answered normally.";
      }
    }
    n.put("verdict", verdict);
    n.put("method", method);
    n.put("confidence", "high");
    n.put("evidence", evidence);
    ObjectNode facts = n.putObject("facts");
    if (c == 'B') {
      facts.put("server_name", host);
      facts.put("reset_after", "client_hello");
    }
    ObjectNode pv = n.putObject("platform_verdict");
    pv.put("verdict", verdict);
    pv.put("method", method);
    pv.put("confidence", "high");
    pv.put("evidence", evidence);
    pv.putObject("facts");
    pv.putArray("driven_by").add(endpoint);
    round(n, networkDown);
    n.put("duration_ms", 120.5);
    ObjectNode steps = n.putObject("steps");
    boolean dnsBlock = c == 'B' && blockMethod.startsWith("dns.");
    dns(steps.putArray("dns"), "system", host, dnsBlock ? "10.10.34.35" : "157.240.1.35", dnsBlock);
    dns(steps.putArray("control_dns"), "https://dns.control/dns-query", host, "157.240.1.35", false);
    ObjectNode tcp = steps.putArray("tcp").addObject();
    tcp.put("address", "157.240.1.35");
    tcp.put("port", 443);
    tcp.put("attempt", 1);
    tcp.put("started_at", at.toString());
    tcp.put("duration_ms", 20.0);
    tcp.put("failure", c == 'T' ? "generic_timeout_error" : null);
    ObjectNode tls = steps.putArray("tls").addObject();
    tls.put("address", "157.240.1.35");
    tls.put("port", 443);
    tls.put("server_name", host);
    ArrayNode chain = tls.putArray("chain");
    if (c == 'o') {
      ObjectNode leaf = chain.addObject();
      leaf.put("subject", "CN=*." + platform + ".com");
      leaf.put("issuer", "CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1,O=DigiCert Inc,C=US");
    }
    tls.put("failure", c == 'B' && !dnsBlock ? "connection_reset" : null);
    ArrayNode swap = steps.putArray("sni_swap");
    if (c == 'B' && !dnsBlock) {
      ObjectNode s = swap.addObject();
      s.put("server_name", "example.org");
      s.putNull("failure");
    }
    ArrayNode http = steps.putArray("http");
    if (c == 'B' && blockMethod.contains("blockpage")) {
      ObjectNode h = http.addObject();
      h.put("url", "http://" + host + "/");
      h.put("status_code", 200);
      h.put("title", "</title><script>alert('x')</script><img src=x onerror=alert(1)> Доступ ограничен");
      h.putNull("failure");
    }
    return n;
  }

  private static void dns(ArrayNode into, String resolver, String host, String address, boolean bogon) {
    ObjectNode q = into.addObject();
    q.put("resolver", resolver);
    q.put("query", host);
    q.put("query_type", "A");
    q.put("rcode", "NOERROR");
    q.putArray("cname_chain");
    ObjectNode a = q.putArray("answers").addObject();
    a.put("name", host);
    a.put("type", "A");
    a.put("ttl", 300);
    a.put("data", address);
    a.put("bogon", bogon);
    q.putNull("failure");
  }

  private ObjectNode control(String roundId, Instant at, String endpoint, boolean networkDown) {
    ObjectNode n = base(roundId, at, "control", "control", endpoint);
    n.put("domestic", endpoint.endsWith(".kz:443"));
    n.put("verdict", networkDown ? "technical" : "ok");
    n.put("method", networkDown ? "network.down" : null);
    n.put("confidence", "high");
    n.put("evidence", networkDown ? "Control unreachable." : "Control reachable.");
    n.putObject("facts");
    round(n, networkDown);
    n.putObject("steps");
    return n;
  }

  private static void round(ObjectNode n, boolean networkDown) {
    ObjectNode round = n.putObject("round");
    round.put("controls_total", 2);
    round.put("controls_ok", networkDown ? 0 : 2);
    round.put("domestic_total", 1);
    round.put("domestic_ok", networkDown ? 0 : 1);
    round.put("local_network", networkDown ? "down" : "up");
  }
}
