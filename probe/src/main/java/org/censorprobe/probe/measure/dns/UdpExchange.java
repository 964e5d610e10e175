package org.censorprobe.probe.measure.dns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.censorprobe.format.observe.DnsReply;
import org.xbill.DNS.Message;

/**
 * One query over UDP. The socket is connected, so the OS drops datagrams from other sources. A reply that
 * parses badly or does not match the query (wrong id, wrong question) does NOT end the exchange: an on-path
 * injector races the real server, and OONI's lesson is that the first datagram is not the trustworthy one. We
 * keep reading until a matching reply or the deadline; if only unusable replies came, the first one's failure
 * (dns_bogus_reply_error or dns_server_misbehaving) is reported instead of a timeout, because it is evidence.
 * After the first matching reply the socket goes to {@link LateReplies}, which records the matching replies that
 * come after it within its window.
 */
final class UdpExchange {
  /** The largest UDP payload; we send no EDNS, so honest servers stay within 512 bytes and set TC beyond. */
  static final int MAX_REPLY_BYTES = 65_535;

  private UdpExchange() {}

  /** The first matching reply, and the later ones as they come. */
  record Answered(Message reply, CompletableFuture<List<DnsReply>> late) {}

  static Answered exchange(Message query, InetSocketAddress server, long deadlineNanos, LateReplies late,
                           BogonRanges bogons) throws IOException {
    byte[] wire = query.toWire();
    DatagramChannel channel = DatagramChannel.open();
    late.sockets().opened();
    boolean handedOver = false;
    byte[] buffer = ReceiveBuffers.SHARED.borrow();
    try {
      channel.connect(server);
      DatagramSocket socket = channel.socket();
      socket.send(new DatagramPacket(wire, wire.length));
      DnsReplyException firstUnusable = null;
      while (true) {
        int leftMs = Deadlines.remainingMillis(deadlineNanos);
        if (leftMs <= 0) {
          if (firstUnusable != null) throw firstUnusable;
          throw new SocketTimeoutException("no reply from " + server + " before the deadline");
        }
        socket.setSoTimeout(leftMs);
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
          socket.receive(packet);
        } catch (SocketTimeoutException e) {
          continue; // the loop head decides between timeout and an earlier unusable reply
        }
        long at = System.nanoTime();
        Message reply;
        try {
          reply = ReplyCheck.parse(Arrays.copyOf(packet.getData(), packet.getLength()), query);
        } catch (DnsReplyException e) {
          if (firstUnusable == null) firstUnusable = e;
          continue;
        }
        handedOver = true;
        return new Answered(reply, late.listen(channel, query, bogons, at, deadlineNanos));
      }
    } finally {
      ReceiveBuffers.SHARED.giveBack(buffer);
      if (!handedOver) {
        channel.close();
        late.sockets().closed();
      }
    }
  }
}
