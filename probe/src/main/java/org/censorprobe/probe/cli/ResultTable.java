package org.censorprobe.probe.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.censorprobe.format.interpret.FailureText;
import org.censorprobe.format.observe.EndpointObservations;
import org.censorprobe.format.observe.Failure;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.format.record.Role;
import org.censorprobe.format.endpoint.Endpoint;

/**
 * The human-readable output of {@code once}: one row per endpoint, a column per step. A cell says {@code ok}, a
 * short label for the failure ({@code timeout}, {@code refused}, {@code NXDOMAIN}, ...), {@code not reached} when
 * an earlier step failed so this one never ran, or {@code -} when the endpoint has no such step.
 */
final class ResultTable {
  static final String NOT_APPLICABLE = "-";
  static final String NOT_REACHED = "not reached";

  private ResultTable() {}

  static void print(PrintWriter out, List<Measurement> measurements) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"PLATFORM", "ENDPOINT", "DNS", "TCP", "TLS", "HTTP", "TIME", "VERDICT", "METHOD"});
    for (Measurement m : measurements) {
      var j = m.judgement();
      String method = j.method() == null ? NOT_APPLICABLE : j.method().wire();
      if (m.role() == Role.RESOLVER) {
        rows.add(new String[] {"resolver", m.endpoint(), NOT_APPLICABLE, NOT_APPLICABLE, NOT_APPLICABLE,
            NOT_APPLICABLE, NOT_APPLICABLE, j.verdict().label(), method});
        continue;
      }
      EndpointObservations o = m.observations();
      rows.add(new String[] {
          m.platform(), o.endpoint().spec(), dns(o), tcp(o), tls(o), http(o),
          String.format("%.0fms", o.durationMs()),
          j.verdict().label(),
          method});
    }
    int[] width = new int[rows.get(0).length];
    for (String[] r : rows) for (int i = 0; i < r.length; i++) width[i] = Math.max(width[i], r[i].length());
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        line.append(r[i]);
        if (i < r.length - 1) line.append(" ".repeat(width[i] - r[i].length() + 2));
      }
      out.println(line.toString().stripTrailing());
    }
  }

  static String dns(EndpointObservations o) {
    if (o.endpoint().isIpLiteral()) return NOT_APPLICABLE;
    // The user's path: what the system resolver said (other resolvers are witnesses, in the verdict's evidence).
    var system = o.dns().stream().filter(d -> "system".equals(d.resolver())).toList();
    if (system.isEmpty()) return NOT_REACHED;
    if (system.stream().anyMatch(d -> d.ok() && !d.addresses().isEmpty())) return "ok";
    return label(system.stream().map(d -> d.failure()), "no address");
  }

  static String tcp(EndpointObservations o) {
    if (!o.endpoint().dials()) return NOT_APPLICABLE;
    if (o.tcp().isEmpty()) return NOT_REACHED;
    if (o.tcp().stream().anyMatch(t -> t.ok())) return "ok";
    return label(o.tcp().stream().map(t -> t.failure()), "failed");
  }

  static String tls(EndpointObservations o) {
    if (!o.endpoint().needsTls()) return NOT_APPLICABLE;
    if (o.tls().isEmpty()) return NOT_REACHED;
    if (o.tls().stream().anyMatch(t -> t.ok())) return "ok";
    return label(o.tls().stream().flatMap(t -> Stream.of(t.failure(), t.validationFailure())), "failed");
  }

  static String http(EndpointObservations o) {
    if (o.endpoint().kind() != Endpoint.Kind.URL) return NOT_APPLICABLE;
    if (o.http().isEmpty()) return NOT_REACHED;
    var last = o.http().get(o.http().size() - 1);
    if (last.failure() != null) return FailureText.of(last.failure().type());
    int hops = o.http().size();
    return last.statusCode() + " " + hops + (hops == 1 ? " hop" : " hops");
  }

  private static String label(Stream<Failure> failures, String otherwise) {
    return failures.filter(Objects::nonNull).map(f -> FailureText.of(f.type())).findFirst().orElse(otherwise);
  }
}
