package org.censorprobe.probe.measure.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.util.List;
import org.censorprobe.format.observe.FailureType;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class ReplyReadingTest {
  private static final BogonRanges IANA = BogonRanges.excluding(List.of());

  private static Message reply(Name qname, Record... answers) {
    Message m = new Message(7);
    m.getHeader().setFlag(Flags.QR);
    m.addRecord(Record.newRecord(qname, Type.A, DClass.IN), Section.QUESTION);
    for (Record r : answers) m.addRecord(r, Section.ANSWER);
    return m;
  }

  @Test
  void recordsForOtherNamesAreNotAnswers() throws Exception {
    Name q = Name.fromString("www.example.com.");
    Name other = Name.fromString("ads.example.org.");
    Message m = reply(q, new ARecord(other, DClass.IN, 60, InetAddress.getByAddress(new byte[] {1, 2, 3, 4})));
    ReplyReading r = ReplyReading.of(m, q, Type.A, IANA);
    assertEquals(FailureType.DNS_NO_ANSWER, r.failure().type());
    assertEquals(List.of(), r.answers());
  }

  @Test
  void aCnameLoopEndsAndYieldsNoAnswer() throws Exception {
    Name a = Name.fromString("a.example.");
    Name b = Name.fromString("b.example.");
    Message m = reply(a, new CNAMERecord(a, DClass.IN, 60, b), new CNAMERecord(b, DClass.IN, 60, a));
    ReplyReading r = ReplyReading.of(m, a, Type.A, IANA);
    assertEquals(List.of("b.example"), r.cnameChain());
    assertEquals(FailureType.DNS_NO_ANSWER, r.failure().type());
  }

  @Test
  void namesMatchCaseInsensitively() throws Exception {
    Name asked = Name.fromString("WWW.Example.COM.");
    Message m = reply(asked, new ARecord(Name.fromString("www.example.com."), DClass.IN, 60,
        InetAddress.getByAddress(new byte[] {93, (byte) 184, (byte) 215, 14})));
    ReplyReading r = ReplyReading.of(m, asked, Type.A, IANA);
    assertNull(r.failure());
    assertEquals("NOERROR", r.rcode());
  }
}
