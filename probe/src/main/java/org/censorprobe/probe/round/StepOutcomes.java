package org.censorprobe.probe.round;

import org.censorprobe.probe.config.Endpoint;
import org.censorprobe.probe.observe.EndpointObservations;

/** Per-step success of an endpoint's observations, as the table output and the step metrics show it. */
public record StepOutcomes(Boolean dns, Boolean tcp, Boolean tls, Boolean http) {

  /** Null for a step the endpoint does not have (no DNS for an IP literal, no TLS for tcp://, only DNS for dns://). */
  public static StepOutcomes of(EndpointObservations o) {
    Endpoint e = o.endpoint();
    Boolean dns = e.isIpLiteral() ? null : o.dns().stream().anyMatch(d -> d.ok() && !d.addresses().isEmpty());
    Boolean tcp = !e.dials() ? null : o.tcp().isEmpty() ? Boolean.FALSE : o.tcp().stream().anyMatch(t -> t.ok());
    Boolean tls = e.needsTls() ? o.tls().stream().anyMatch(t -> t.ok()) : null;
    Boolean http = e.kind() == Endpoint.Kind.URL ? !o.http().isEmpty() && o.http().get(o.http().size() - 1).ok() : null;
    return new StepOutcomes(dns, tcp, tls, http);
  }
}
