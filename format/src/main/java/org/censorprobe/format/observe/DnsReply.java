package org.censorprobe.format.observe;

import java.util.List;

/**
 * A reply to a UDP query that came after the first one (OONI's late/duplicate replies). An injector on the path
 * answers first; the genuine answer may arrive after it. {@code afterFirstMs}: how long after the first reply.
 */
public record DnsReply(double afterFirstMs, String rcode, List<DnsAnswer> answers) {
  public DnsReply {
    answers = answers == null ? List.of() : List.copyOf(answers);
  }

  public List<org.censorprobe.format.net.IpAddress> addresses() {
    return answers.stream().filter(DnsAnswer::isAddress).map(DnsAnswer::address).toList();
  }
}
