package org.censorprobe.probe.observe;

import java.time.Instant;
import java.util.List;

/**
 * One query (one name, one type) to one resolver, one attempt. {@code rcode} is the DNS rcode name
 * (NOERROR, NXDOMAIN, ...) or null when no reply came. {@code failure} is null when the reply carried usable
 * answers; an empty NOERROR answer is the failure {@code dns_no_answer}.
 */
public record DnsObservation(
    String resolver,
    String query,
    String queryType,
    int attempt,
    Instant startedAt,
    double durationMs,
    String rcode,
    List<String> cnameChain,
    List<DnsAnswer> answers,
    Failure failure) {

  public DnsObservation {
    cnameChain = cnameChain == null ? List.of() : List.copyOf(cnameChain);
    answers = answers == null ? List.of() : List.copyOf(answers);
  }

  public boolean ok() {
    return failure == null;
  }

  /** The A/AAAA addresses in the answer, in order. */
  public List<String> addresses() {
    return answers.stream().filter(a -> a.type().equals("A") || a.type().equals("AAAA")).map(DnsAnswer::data).toList();
  }
}
