package org.censorprobe.probe.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.censorprobe.format.interpret.FailureText;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.format.record.Role;
import org.censorprobe.format.observe.EndpointObservations;
import org.censorprobe.format.observe.Failure;
import org.censorprobe.probe.round.StepOutcomes;

/** The human-readable output of {@code once}: one row per endpoint, a column per step. */
final class ResultTable {
  private ResultTable() {}

  static void print(PrintWriter out, List<Measurement> measurements) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"PLATFORM", "ENDPOINT", "DNS", "TCP", "TLS", "HTTP", "TIME", "VERDICT", "METHOD"});
    for (Measurement m : measurements) {
      var j = m.judgement();
      String method = j.method() == null ? "-" : j.method().wire();
      if (m.role() == Role.RESOLVER) {
        rows.add(new String[] {"resolver", m.endpoint(), "-", "-", "-", "-", "-", j.verdict().label(), method});
        continue;
      }
      EndpointObservations o = m.observations();
      StepOutcomes s = StepOutcomes.of(o);
      rows.add(new String[] {
          m.platform(), o.endpoint().spec(),
          cell(s.dns(), firstFailure(o.dns().stream().map(d -> d.failure()).toList())),
          cell(s.tcp(), firstFailure(o.tcp().stream().map(t -> t.failure()).toList())),
          cell(s.tls(), tlsFailure(o)),
          o.http().isEmpty() ? cell(s.http(), null) : httpCell(o),
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

  private static String cell(Boolean ok, String failure) {
    if (ok == null) return "-";
    if (ok) return "ok";
    return failure == null ? "failed" : failure;
  }

  private static String tlsFailure(EndpointObservations o) {
    for (var t : o.tls()) {
      if (t.failure() != null) return FailureText.of(t.failure().type());
      if (t.validationFailure() != null) return FailureText.of(t.validationFailure().type());
    }
    return null;
  }

  private static String httpCell(EndpointObservations o) {
    var last = o.http().get(o.http().size() - 1);
    return last.failure() != null ? FailureText.of(last.failure().type()) : String.valueOf(last.statusCode()) + " " + o.http().size() + (o.http().size() == 1 ? " hop" : " hops");
  }

  private static String firstFailure(List<Failure> failures) {
    return failures.stream().filter(f -> f != null).map(f -> FailureText.of(f.type())).findFirst().orElse(null);
  }
}
