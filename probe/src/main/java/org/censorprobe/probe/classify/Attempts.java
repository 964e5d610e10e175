package org.censorprobe.probe.classify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.censorprobe.format.observe.DnsObservation;
import org.censorprobe.format.observe.HttpExchange;
import org.censorprobe.format.observe.TcpObservation;
import org.censorprobe.format.observe.TlsObservation;

/**
 * The retry rule and the canonical order. The engine retries a failed step once and keeps both attempts; the
 * attempt with the highest number decides (its position in a list does not), so a failure counts only when its
 * retry failed too. Results come sorted by a key that no spelling or measuring order can change, which is what
 * makes every rule downstream independent of the order things were measured in.
 */
final class Attempts {
  private Attempts() {}

  static List<DnsObservation> dns(List<DnsObservation> all) {
    return last(all, d -> d.resolver() + "\u0000" + d.query() + "\u0000" + d.queryType(), DnsObservation::attempt);
  }

  static List<TcpObservation> tcp(List<TcpObservation> all) {
    List<TcpObservation> out = new ArrayList<>(last(all, t -> t.target().toString(), TcpObservation::attempt));
    out.sort(Comparator.comparing(TcpObservation::target));
    return out;
  }

  static List<TlsObservation> tls(List<TlsObservation> all) {
    List<TlsObservation> out = new ArrayList<>(last(all, t -> t.target() + "\u0000" + t.serverName(),
        TlsObservation::attempt));
    out.sort(Comparator.comparing(TlsObservation::target)
        .thenComparing(t -> t.serverName() == null ? "" : t.serverName()));
    return out;
  }

  /** The redirect chain of the last attempt, in hop order (a retry repeats the whole chain). */
  static List<HttpExchange> http(List<HttpExchange> all) {
    int max = all.stream().mapToInt(HttpExchange::attempt).max().orElse(1);
    return all.stream().filter(h -> h.attempt() == max).toList();
  }

  private static <T> List<T> last(List<T> all, Function<T, String> key, ToIntFunction<T> attempt) {
    Map<String, T> byKey = new TreeMap<>();
    for (T t : all) {
      String k = key.apply(t);
      T seen = byKey.get(k);
      if (seen == null || attempt.applyAsInt(t) > attempt.applyAsInt(seen)) byKey.put(k, t);
    }
    return List.copyOf(byKey.values());
  }
}
