package org.censorprobe.probe.measure.dns;

import static org.censorprobe.format.observe.FailureType.DNS_BOGUS_REPLY;
import static org.censorprobe.format.observe.FailureType.DNS_SERVER_MISBEHAVING;

import java.io.IOException;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;

/** Parses a reply and checks that it answers the query asked: same id, QR set, same single question. */
final class ReplyCheck {
  private ReplyCheck() {}

  static Message parse(byte[] wire, Message query) throws DnsReplyException {
    Message reply;
    try {
      reply = new Message(wire);
    } catch (IOException | RuntimeException e) {
      throw new DnsReplyException(DNS_SERVER_MISBEHAVING, "malformed reply (" + wire.length + " bytes): " + e);
    }
    int expectedId = query.getHeader().getID();
    if (reply.getHeader().getID() != expectedId) {
      throw new DnsReplyException(DNS_BOGUS_REPLY,
          "reply id " + reply.getHeader().getID() + " does not match query id " + expectedId);
    }
    if (!reply.getHeader().getFlag(Flags.QR)) {
      throw new DnsReplyException(DNS_BOGUS_REPLY, "reply without the QR flag");
    }
    Record asked = query.getQuestion();
    Record answered = reply.getQuestion();
    // dnsjava compares names case-insensitively; 0x20-randomised servers echo our case anyway.
    boolean sameQuestion = answered != null && reply.getHeader().getCount(0) == 1
        && answered.getName().equals(asked.getName()) && answered.getType() == asked.getType()
        && answered.getDClass() == asked.getDClass();
    if (!sameQuestion) {
      throw new DnsReplyException(DNS_BOGUS_REPLY, "reply question " + answered + " does not match " + asked);
    }
    return reply;
  }
}
