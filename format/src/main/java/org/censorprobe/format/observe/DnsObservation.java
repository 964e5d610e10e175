package org.censorprobe.format.observe;

import java.time.Instant;
import java.util.List;
import org.censorprobe.format.net.IpAddress;

/**
 * One query (one name, one type) to one resolver, one attempt. {@code resolver} is {@code system} or the resolver
 * as configured ({@code udp://1.1.1.1:53}). {@code rcode} is the DNS rcode name (NOERROR, NXDOMAIN, ...) or null
 * when no reply came. {@code failure} is null when the reply carried usable answers; an empty NOERROR answer is
 * the failure {@code dns_no_answer}. {@code lateReplies}: replies to the same query after the first (UDP only).
 */
public record DnsObservation(
    String resolver,
    String query,
    QueryType queryType,
    int attempt,
    Instant startedAt,
    double durationMs,
    String rcode,
    List<String> cnameChain,
    List<DnsAnswer> answers,
    Failure failure,
    List<DnsReply> lateReplies) {

  public DnsObservation {
    cnameChain = cnameChain == null ? List.of() : List.copyOf(cnameChain);
    answers = answers == null ? List.of() : List.copyOf(answers);
    lateReplies = lateReplies == null ? List.of() : List.copyOf(lateReplies);
  }

  public boolean ok() {
    return failure == null;
  }

  /** The A/AAAA addresses of the (first) reply, in answer order. */
  public List<IpAddress> addresses() {
    return answers.stream().filter(DnsAnswer::isAddress).map(DnsAnswer::address).toList();
  }

  public DnsObservation withResolver(String r) {
    return new DnsObservation(r, query, queryType, attempt, startedAt, durationMs, rcode, cnameChain, answers,
        failure, lateReplies);
  }
}
