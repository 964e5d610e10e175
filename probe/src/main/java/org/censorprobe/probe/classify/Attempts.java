package org.censorprobe.probe.classify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.censorprobe.probe.observe.DnsObservation;
import org.censorprobe.probe.observe.HttpExchange;
import org.censorprobe.probe.observe.TcpObservation;
import org.censorprobe.probe.observe.TlsObservation;

/**
 * The retry rule: the engine retries a failed step once and keeps both attempts; the LAST attempt of each step
 * decides. A failure counts only when its retry failed too; a failure whose retry succeeded is a flake
 * (reported as the fact {@code retried}), never a finding.
 */
final class Attempts {
  private Attempts() {}

  static List<DnsObservation> dns(List<DnsObservation> all) {
    return last(all, d -> d.resolver() + " " + d.query() + " " + d.queryType(), DnsObservation::attempt);
  }

  static List<TcpObservation> tcp(List<TcpObservation> all) {
    return last(all, t -> t.address() + " " + t.port(), TcpObservation::attempt);
  }

  static List<TlsObservation> tls(List<TlsObservation> all) {
    return last(all, t -> t.address() + " " + t.port() + " " + t.serverName(), TlsObservation::attempt);
  }

  /** The redirect chain of the last attempt (a retry repeats the whole chain). */
  static List<HttpExchange> http(List<HttpExchange> all) {
    int max = all.stream().mapToInt(HttpExchange::attempt).max().orElse(1);
    return all.stream().filter(h -> h.attempt() == max).toList();
  }

  private static <T> List<T> last(List<T> all, Function<T, String> key, ToIntFunction<T> attempt) {
    Map<String, T> out = new LinkedHashMap<>();
    for (T t : all) {
      T prev = out.get(key.apply(t));
      if (prev == null || attempt.applyAsInt(t) >= attempt.applyAsInt(prev)) out.put(key.apply(t), t);
    }
    return new ArrayList<>(out.values());
  }
}
