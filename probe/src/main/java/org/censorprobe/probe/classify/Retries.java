package org.censorprobe.probe.classify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import org.censorprobe.format.interpret.Fact;
import org.censorprobe.format.observe.EndpointObservations;
import org.censorprobe.format.observe.HttpExchange;

/** Steps whose first attempt failed and whose retry worked: a flaky path, shown as such, never a finding. */
final class Retries {
  private Retries() {}

  static List<Fact.Step> of(EndpointObservations o) {
    List<Fact.Step> out = new ArrayList<>();
    if (recovered(o.dns(), d -> d.resolver() + " " + d.query() + " " + d.queryType(), d -> d.attempt(), d -> d.ok())) {
      out.add(Fact.Step.DNS);
    }
    if (recovered(o.tcp(), t -> t.target().toString(), t -> t.attempt(), t -> t.ok())) out.add(Fact.Step.TCP);
    if (recovered(o.tls(), t -> t.target() + " " + t.serverName(), t -> t.attempt(), t -> t.handshakeOk())) {
      out.add(Fact.Step.TLS);
    }
    List<HttpExchange> chain = Attempts.http(o.http());
    boolean httpRetried = o.http().stream().anyMatch(h -> h.attempt() > 1);
    if (httpRetried && !chain.isEmpty() && chain.get(chain.size() - 1).ok()) out.add(Fact.Step.HTTP);
    return out;
  }

  private static <T> boolean recovered(List<T> all, Function<T, String> key, ToIntFunction<T> attempt,
                                       Predicate<T> ok) {
    Map<String, T> last = new HashMap<>();
    Map<String, Boolean> firstFailed = new HashMap<>();
    for (T t : all) {
      String k = key.apply(t);
      if (attempt.applyAsInt(t) == 1 && !ok.test(t)) firstFailed.put(k, true);
      T seen = last.get(k);
      if (seen == null || attempt.applyAsInt(t) > attempt.applyAsInt(seen)) last.put(k, t);
    }
    for (var e : last.entrySet()) {
      if (firstFailed.containsKey(e.getKey()) && attempt.applyAsInt(e.getValue()) > 1 && ok.test(e.getValue())) {
        return true;
      }
    }
    return false;
  }
}
