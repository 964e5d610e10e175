package org.censorprobe.probe.ooni;

import org.censorprobe.format.endpoint.Endpoint;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.format.record.Role;

/**
 * The {@code test_name} of an exported record: censorprobe's own experiments, named for what they measure, never an
 * OONI experiment's name. A URL measured with DNS, TCP, TLS and HTTP and a remote vantage resembles
 * {@code web_connectivity}, but it is not that algorithm (ts-017: it retries failed steps and keeps both attempts,
 * repeats a failed handshake with another server name, asks several resolvers, judges with its own rules), and OONI's
 * pipeline would run Web Connectivity's analysis on anything named so. The test keys use OONI's shapes wherever
 * OONI has one, so OONI's tooling still loads them (docs/measurement-format.md, "OONI export").
 */
enum OoniTestName {
  /** An http:// or https:// endpoint of a platform: DNS, TCP, TLS, HTTP. */
  WEB("censorprobe_web"),
  /** A tls://host:port endpoint of a platform: DNS, TCP, TLS. */
  TLS("censorprobe_tls"),
  /** A tcp://host:port endpoint of a platform: DNS, TCP. */
  TCP("censorprobe_tcp"),
  /** A dns://host endpoint of a platform: DNS only. */
  DNS("censorprobe_dns"),
  /** A neutral control target, measured in every round as the witness the verdicts lean on. */
  CONTROL("censorprobe_control"),
  /** A resolver's own record: its queries of the round and what they show about it. */
  RESOLVER("censorprobe_resolver");

  private final String wire;

  OoniTestName(String wire) {
    this.wire = wire;
  }

  String wire() {
    return wire;
  }

  static OoniTestName of(Measurement m) {
    if (m.role() == Role.RESOLVER) return RESOLVER;
    if (m.role() == Role.CONTROL) return CONTROL;
    Endpoint.Kind kind = m.observations().endpoint().kind();
    return switch (kind) {
      case URL -> WEB;
      case TLS -> TLS;
      case TCP -> TCP;
      case DNS -> DNS;
    };
  }
}
