package org.censorprobe.probe.demo;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A DNS server of the demo world (UDP and TCP on one loopback port) that answers from its zone and nothing else:
 * it never forwards, so no query the demo makes can leave the machine through it. Every address it would send is
 * checked to be loopback first, at the one place answers are written.
 */
final class DemoResolver implements AutoCloseable {
  /** What the zone says about a name: an rcode, and addresses for NOERROR. */
  record Answer(int rcode, List<InetAddress> addresses) {
    Answer {
      addresses = List.copyOf(addresses);
    }

    static Answer of(List<InetAddress> addresses) {
      return new Answer(Rcode.NOERROR, addresses);
    }

    static Answer nxdomain() {
      return new Answer(Rcode.NXDOMAIN, List.of());
    }

    /** For any name outside the demo's zone: this resolver answers nothing it does not own. */
    static Answer refused() {
      return new Answer(Rcode.REFUSED, List.of());
    }
  }

  private static final long TTL_SECONDS = 5;
  /** Bounds a query's wait on a silent TCP client; the demo's own queries take microseconds. */
  private static final int CLIENT_TIMEOUT_MS = 10_000;

  private final String name;
  private final Function<String, Answer> zone;
  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final AtomicLong queries = new AtomicLong();
  private volatile boolean closed;

  private DemoResolver(String name, Function<String, Answer> zone, DatagramSocket udp, ServerSocket tcp) {
    this.name = name;
    this.zone = zone;
    this.udp = udp;
    this.tcp = tcp;
  }

  /** @param zone answers by lower-case name without the trailing dot */
  static DemoResolver start(String name, InetAddress address, Function<String, Answer> zone) throws IOException {
    Loopback.require(address, name);
    for (int tries = 0; ; tries++) {
      DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, 0));
      try {
        ServerSocket tcp = new ServerSocket(udp.getLocalPort(), 50, address);
        DemoResolver r = new DemoResolver(name, zone, udp, tcp);
        Threads.start(name + "-udp", r::serveUdp);
        Threads.start(name + "-tcp", r::serveTcp);
        return r;
      } catch (IOException portTakenOverTcp) {
        udp.close();
        if (tries >= 20) throw portTakenOverTcp;
      }
    }
  }

  InetSocketAddress socketAddress() {
    return new InetSocketAddress(udp.getLocalAddress(), udp.getLocalPort());
  }

  /** As a resolver URI of targets.yaml. */
  URI udpUri() {
    return URI.create("udp://" + udp.getLocalAddress().getHostAddress() + ":" + udp.getLocalPort());
  }

  /** Queries answered so far (the tests' proof that the engine asked the demo's resolvers). */
  long queries() {
    return queries.get();
  }

  byte[] reply(byte[] wire) {
    Message query;
    try {
      query = new Message(wire);
    } catch (IOException e) {
      return null; // not DNS: ignored, as many real servers do
    }
    Record question = query.getQuestion();
    if (question == null) return null;
    queries.incrementAndGet();
    Message reply = new Message(query.getHeader().getID());
    reply.getHeader().setFlag(Flags.QR);
    reply.getHeader().setFlag(Flags.RA);
    if (query.getHeader().getFlag(Flags.RD)) reply.getHeader().setFlag(Flags.RD);
    reply.addRecord(question, Section.QUESTION);
    String qname = question.getName().toString(true).toLowerCase(Locale.ROOT);
    Answer a = zone.apply(qname);
    reply.getHeader().setRcode(a.rcode());
    if (a.rcode() == Rcode.NOERROR && question.getType() == Type.A) {
      for (InetAddress address : a.addresses()) {
        // The one place an address leaves this resolver: nothing but loopback is ever written.
        Loopback.require(address, name + " answer for " + qname);
        reply.addRecord(new ARecord(question.getName(), DClass.IN, TTL_SECONDS, address), Section.ANSWER);
      }
    }
    return reply.toWire();
  }

  private void serveUdp() {
    byte[] buffer = new byte[65_535];
    while (!closed) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        udp.receive(packet);
        byte[] out = reply(Arrays.copyOf(packet.getData(), packet.getLength()));
        if (out != null) udp.send(new DatagramPacket(out, out.length, packet.getSocketAddress()));
      } catch (IOException | RuntimeException e) {
        if (closed) return;
      }
    }
  }

  private void serveTcp() {
    while (!closed) {
      Socket c;
      try {
        c = tcp.accept();
      } catch (IOException e) {
        return;
      }
      Threads.start(name + "-conn", () -> serveConnection(c));
    }
  }

  private void serveConnection(Socket c) {
    try (c) {
      c.setSoTimeout(CLIENT_TIMEOUT_MS);
      DataInputStream in = new DataInputStream(c.getInputStream());
      OutputStream out = c.getOutputStream();
      while (!closed) {
        byte[] q = in.readNBytes(in.readUnsignedShort());
        byte[] r = reply(q);
        if (r == null) return;
        out.write(new byte[] {(byte) (r.length >>> 8), (byte) r.length});
        out.write(r);
        out.flush();
      }
    } catch (IOException | RuntimeException e) {
      // the client closed, or we are closing
    }
  }

  @Override
  public void close() {
    closed = true;
    udp.close();
    try {
      tcp.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
