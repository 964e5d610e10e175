package org.censorprobe.probe.measure.dns;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.censorprobe.probe.measure.bounds.Sockets;
import org.xbill.DNS.Message;

/**
 * One query over TCP (RFC 7766 two-byte length framing), one connection per query. Unlike UDP, a reply that does
 * not match ends the exchange: on a TCP stream nobody but the peer (or a middlebox that owns the connection)
 * can put it there. Every read gets only what is left of the deadline, so a peer that drips bytes cannot hold us.
 */
final class TcpExchange {
  private TcpExchange() {}

  static Message exchange(Message query, InetSocketAddress server, long deadlineNanos, Sockets sockets)
      throws IOException {
    byte[] wire = query.toWire();
    sockets.opened();
    try (Socket socket = new Socket()) {
      int connectMs = Deadlines.remainingMillis(deadlineNanos);
      if (connectMs <= 0) throw new SocketTimeoutException("deadline passed before connecting to " + server);
      socket.connect(server, connectMs);
      OutputStream out = socket.getOutputStream();
      byte[] framed = new byte[wire.length + 2];
      framed[0] = (byte) (wire.length >>> 8);
      framed[1] = (byte) wire.length;
      System.arraycopy(wire, 0, framed, 2, wire.length);
      out.write(framed);
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] lengthBytes = readFully(socket, in, 2, deadlineNanos);
      int length = ((lengthBytes[0] & 0xff) << 8) | (lengthBytes[1] & 0xff); // at most 65535: bounded memory
      return ReplyCheck.parse(readFully(socket, in, length, deadlineNanos), query);
    } finally {
      sockets.closed();
    }
  }

  private static byte[] readFully(Socket socket, InputStream in, int n, long deadlineNanos) throws IOException {
    byte[] out = new byte[n];
    int off = 0;
    while (off < n) {
      int leftMs = Deadlines.remainingMillis(deadlineNanos);
      if (leftMs <= 0) throw new SocketTimeoutException("reply incomplete at the deadline");
      socket.setSoTimeout(leftMs);
      int r = in.read(out, off, n - off);
      if (r < 0) throw new EOFException("connection closed after " + off + " of " + n + " bytes");
      off += r;
    }
    return out;
  }
}
