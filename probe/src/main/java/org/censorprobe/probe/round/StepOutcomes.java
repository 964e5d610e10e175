package org.censorprobe.probe.round;

import org.censorprobe.format.observe.EndpointObservations;
import org.censorprobe.format.observe.HttpExchange;
import org.censorprobe.format.endpoint.Endpoint;

/**
 * Per-step success of an endpoint's observations, as the table output and the step metrics show it. Null for a
 * step the endpoint does not have (no DNS for an IP literal, no TLS for tcp://) or that was never reached (no TLS
 * where no connect worked).
 */
public record StepOutcomes(Boolean dns, Boolean tcp, Boolean tls, Boolean http) {

  public static StepOutcomes of(EndpointObservations o) {
    Endpoint e = o.endpoint();
    Boolean dns = e.isIpLiteral() ? null
        : o.dns().stream().anyMatch(d -> "system".equals(d.resolver()) && d.ok() && !d.addresses().isEmpty());
    if (!e.dials()) return new StepOutcomes(dns, null, null, null);
    boolean connected = o.tcp().stream().anyMatch(t -> t.ok());
    Boolean tcp = connected;
    Boolean tls = !e.needsTls() || !connected ? null : o.tls().stream().anyMatch(t -> t.ok());
    HttpExchange last = o.http().isEmpty() ? null : o.http().get(o.http().size() - 1);
    Boolean http = e.kind() != Endpoint.Kind.URL || last == null ? null : last.ok();
    return new StepOutcomes(dns, tcp, tls, http);
  }
}
