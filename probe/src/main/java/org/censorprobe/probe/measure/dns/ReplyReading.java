package org.censorprobe.probe.measure.dns;

import static org.censorprobe.format.observe.FailureType.DNS_NO_ANSWER;
import static org.censorprobe.format.observe.FailureType.DNS_NXDOMAIN;
import static org.censorprobe.format.observe.FailureType.DNS_REFUSED;
import static org.censorprobe.format.observe.FailureType.DNS_SERVER_MISBEHAVING;
import static org.censorprobe.format.observe.FailureType.DNS_SERVFAIL;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.censorprobe.format.observe.DnsAnswer;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.observe.Failure;
import org.censorprobe.format.observe.FailureType;
import org.censorprobe.format.observe.Operation;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * What a matching reply says about one name and type: its rcode, the CNAME chain from the name, and the
 * records of that chain. Records for other names (an injector's extras, glue) are not answers and are left out,
 * so that {@code DnsObservation.addresses()} only holds addresses that belong to the name asked.
 */
record ReplyReading(String rcode, List<String> cnameChain, List<DnsAnswer> answers, Failure failure) {
  /** Longer chains are cut: enough for CDNs (3-4 hops), and a CNAME loop ends here. */
  static final int MAX_CNAME_HOPS = 16;

  static ReplyReading of(Message reply, Name qname, int qtype, BogonRanges bogons) {
    List<Record> section = reply.getSection(Section.ANSWER);
    List<String> chain = new ArrayList<>();
    List<DnsAnswer> answers = new ArrayList<>();
    Set<Name> owners = new HashSet<>();
    owners.add(qname);
    Name current = qname;
    for (int hop = 0; hop < MAX_CNAME_HOPS; hop++) {
      CNAMERecord next = null;
      for (Record r : section) {
        if (r instanceof CNAMERecord c && c.getName().equals(current)) {
          next = c;
          break;
        }
      }
      if (next == null || owners.contains(next.getTarget())) break;
      answers.add(DnsAnswer.cname(text(next.getName()), next.getTTL(), text(next.getTarget())));
      chain.add(text(next.getTarget()));
      current = next.getTarget();
      owners.add(current);
    }
    int addresses = 0;
    for (Record r : section) {
      if (r.getType() != qtype || (qtype != Type.A && qtype != Type.AAAA) || !owners.contains(r.getName())) {
        continue;
      }
      byte[] bytes = r.rdataToWireCanonical(); // raw bytes: the JDK would fold ::ffff:a.b.c.d into IPv4
      answers.add(DnsAnswer.address(text(r.getName()), r.getTTL(), IpAddress.of(bytes), bogons.isBogon(bytes)));
      addresses++;
    }
    int rcode = reply.getRcode();
    FailureType failure = switch (rcode) {
      case Rcode.NOERROR -> addresses == 0 ? DNS_NO_ANSWER : null;
      case Rcode.NXDOMAIN -> DNS_NXDOMAIN;
      case Rcode.SERVFAIL -> DNS_SERVFAIL;
      case Rcode.REFUSED -> DNS_REFUSED;
      default -> DNS_SERVER_MISBEHAVING;
    };
    String rcodeName = Rcode.string(rcode);
    return new ReplyReading(rcodeName, chain, answers,
        failure == null ? null : new Failure(failure, Operation.RESOLVE, "rcode " + rcodeName));
  }

  private static String text(Name name) {
    return name.toString(true);
  }
}
