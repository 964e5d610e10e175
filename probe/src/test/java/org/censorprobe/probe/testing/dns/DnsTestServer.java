package org.censorprobe.probe.testing.dns;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.censorprobe.probe.config.IpLiterals;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * An in-process authoritative-looking DNS server on 127.0.0.1, UDP and TCP on the same ephemeral port, for
 * tests. Configure names, then point a resolver at {@link #udpUri()}, {@link #tcpUri()} or, as a system
 * nameserver, {@link #socketAddress()} (resolv.conf cannot carry a port):
 *
 * <pre>{@code
 * try (DnsTestServer dns = DnsTestServer.start()) {
 *   dns.address("www.example.com", "192.0.2.1", "2001:db8::1")
 *      .cname("cdn.example.com", "edge.example.net")
 *      .rcode("gone.example.com", Rcode.NXDOMAIN)
 *      .misbehave("slow.example.com", Misbehaviour.SILENT);
 *   ...
 *   assertEquals(List.of(new Query("www.example.com", "A", Transport.UDP)), dns.queries());
 * }
 * }</pre>
 *
 * Names not configured get NXDOMAIN. A configured name without a record of the asked type gets an empty
 * NOERROR answer. CNAMEs are followed inside this server, like a recursive resolver would, so the answer
 * carries the chain and the target's records.
 */
public final class DnsTestServer implements AutoCloseable {
  public enum Transport { UDP, TCP, DOH }

  /** Ways to misbehave for one name, on every transport unless said otherwise. */
  public enum Misbehaviour {
    /** Never reply (TCP: accept, read the query, keep the connection open without a reply). */
    SILENT,
    /** Reply with the query id + 1 and nothing else. */
    WRONG_ID,
    /** Reply with the right id but another name in the question. */
    WRONG_QUESTION,
    /** UDP only: first a reply with a wrong id (an injector's race), then the real answer. */
    WRONG_ID_THEN_ANSWER,
    /** Reply with the right id followed by bytes that do not parse as a DNS message. */
    MALFORMED,
    /** Over UDP an empty reply with the TC bit; over TCP the real answer. */
    TRUNCATE_OVER_UDP,
    /**
     * UDP only, A queries: first a forged reply that matches the query (same id and question) and points at
     * {@link #FORGED_ADDRESS}, then the real answer: an on-path injector that wins the race.
     */
    FORGED_THEN_ANSWER,
    /**
     * UDP only: the A query's reply is held until the AAAA query for the same name has been answered, and sent
     * {@link #HELD_A_MS} after it. A client that waits for A before it asks AAAA gets no A reply.
     */
    A_AFTER_AAAA,
    /** A queries answered; AAAA queries never (over any transport). */
    AAAA_SILENT,
    /** UDP only: replies with a wrong id to the query's sender, as fast as it can, until the server is closed. */
    FLOOD_WRONG_ID
  }

  /** How long after the AAAA reply an {@link Misbehaviour#A_AFTER_AAAA} server sends the A reply. */
  public static final long HELD_A_MS = 200;

  /** The address a {@link Misbehaviour#FORGED_THEN_ANSWER} injector answers with (Kazakhtelecom's blockpage). */
  public static final String FORGED_ADDRESS = "10.10.34.36";

  /** One query as the server saw it: name without trailing dot, type name (A, AAAA, ...), transport. */
  public record Query(String name, String type, Transport transport) {}

  public static final long DEFAULT_TTL = 300;
  private static final int MAX_CNAME_HOPS = 16;

  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "dns-test-server");
    t.setDaemon(true);
    return t;
  });
  private final Map<Name, List<Record>> records = new ConcurrentHashMap<>();
  private final Map<Name, Integer> rcodes = new ConcurrentHashMap<>();
  private final Map<Name, Misbehaviour> misbehaviours = new ConcurrentHashMap<>();
  private final List<Query> queries = new CopyOnWriteArrayList<>();
  private final List<Integer> udpSourcePorts = new CopyOnWriteArrayList<>();
  /** {@link Misbehaviour#A_AFTER_AAAA}: A replies waiting for their AAAA, and the names whose AAAA was answered. */
  private final Map<Name, DatagramPacket> heldA = new ConcurrentHashMap<>();
  private final Set<Name> aaaaAnswered = ConcurrentHashMap.newKeySet();
  private final List<Socket> openConnections = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  private DnsTestServer(DatagramSocket udp, ServerSocket tcp) {
    this.udp = udp;
    this.tcp = tcp;
  }

  /** Binds UDP and TCP to the same free port on 127.0.0.1 and starts serving. */
  public static DnsTestServer start() throws IOException {
    InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1}); // the URIs say 127.0.0.1
    for (int tries = 0; ; tries++) {
      DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
      try {
        ServerSocket tcp = new ServerSocket(udp.getLocalPort(), 50, loopback);
        DnsTestServer server = new DnsTestServer(udp, tcp);
        server.threads.execute(server::serveUdp);
        server.threads.execute(server::serveTcp);
        return server;
      } catch (IOException portTakenOverTcp) {
        udp.close();
        if (tries >= 20) throw portTakenOverTcp;
      }
    }
  }

  /** A and AAAA records (by the literal's family) for {@code name}, TTL {@link #DEFAULT_TTL}. */
  public DnsTestServer address(String name, String... addresses) {
    return address(name, DEFAULT_TTL, addresses);
  }

  public DnsTestServer address(String name, long ttl, String... addresses) {
    Name n = name(name);
    for (String a : addresses) {
      InetAddress ip = IpLiterals.parse(a);
      if (ip == null) throw new IllegalArgumentException("not an IP literal: " + a);
      Record r = a.indexOf(':') >= 0 ? new AAAARecord(n, DClass.IN, ttl, aaaaBytes(a, ip))
          : new ARecord(n, DClass.IN, ttl, ip);
      records.computeIfAbsent(n, k -> new CopyOnWriteArrayList<>()).add(r);
    }
    return this;
  }

  /** {@code name} is an alias of {@code target}; chains are built by calling this per hop. */
  public DnsTestServer cname(String name, String target) {
    Name n = name(name);
    records.computeIfAbsent(n, k -> new CopyOnWriteArrayList<>())
        .add(new CNAMERecord(n, DClass.IN, DEFAULT_TTL, name(target)));
    return this;
  }

  /** A name that exists but has no records: every query gets NOERROR with an empty answer. */
  public DnsTestServer empty(String name) {
    records.computeIfAbsent(name(name), k -> new CopyOnWriteArrayList<>());
    return this;
  }

  /** Answer with this rcode (org.xbill.DNS.Rcode, e.g. NXDOMAIN, SERVFAIL, REFUSED, NOTIMP) and no records. */
  public DnsTestServer rcode(String name, int rcode) {
    rcodes.put(name(name), rcode);
    return this;
  }

  public DnsTestServer misbehave(String name, Misbehaviour misbehaviour) {
    misbehaviours.put(name(name), misbehaviour);
    return this;
  }

  public InetSocketAddress socketAddress() {
    return new InetSocketAddress(udp.getLocalAddress(), udp.getLocalPort());
  }

  public int port() {
    return udp.getLocalPort();
  }

  public URI udpUri() {
    return URI.create("udp://127.0.0.1:" + port());
  }

  public URI tcpUri() {
    return URI.create("tcp://127.0.0.1:" + port());
  }

  /** Every query received so far, in arrival order (also the ones it stayed silent to). */
  public List<Query> queries() {
    return List.copyOf(queries);
  }

  /** The source port of every UDP query received so far, in arrival order. */
  public List<Integer> udpSourcePorts() {
    return List.copyOf(udpSourcePorts);
  }

  /**
   * The reply to one query as wire bytes, or null for silence; logs the query. Public so that a DoH front end
   * ({@link DohTestServer}) serves the same names. For {@link Misbehaviour#WRONG_ID_THEN_ANSWER} this is the
   * real answer (only UDP sends the decoy).
   */
  public byte[] reply(byte[] queryWire, Transport transport) {
    Message query;
    try {
      query = new Message(queryWire);
    } catch (IOException e) {
      return null; // a test server ignores garbage, like many real ones
    }
    Record question = query.getQuestion();
    if (question == null) return null;
    Name qname = question.getName();
    queries.add(new Query(qname.toString(true), Type.string(question.getType()), transport));
    Misbehaviour m = misbehaviours.get(qname);
    if (m == Misbehaviour.SILENT) return null;
    if (m == Misbehaviour.AAAA_SILENT && question.getType() == Type.AAAA) return null;
    if (m == Misbehaviour.MALFORMED) {
      byte[] id = Arrays.copyOf(queryWire, 2);
      byte[] junk = {id[0], id[1], (byte) 0x81, (byte) 0x80, 0, 1, 0, 1, 0, 0, 0, 0, 7, 'b', 'r', 'o'};
      return junk; // promises a question and an answer, then ends mid-name
    }
    Message reply = answer(query, qname, question.getType());
    if (m == Misbehaviour.WRONG_ID) reply.getHeader().setID((query.getHeader().getID() + 1) & 0xffff);
    if (m == Misbehaviour.WRONG_QUESTION) {
      reply.removeAllRecords(Section.QUESTION);
      reply.addRecord(Record.newRecord(name("not-" + qname.toString(true)), question.getType(), DClass.IN),
          Section.QUESTION);
    }
    if (m == Misbehaviour.TRUNCATE_OVER_UDP && transport == Transport.UDP) {
      reply.removeAllRecords(Section.ANSWER);
      reply.getHeader().setFlag(Flags.TC);
    }
    return reply.toWire();
  }

  private Message answer(Message query, Name qname, int qtype) {
    Message reply = new Message(query.getHeader().getID());
    reply.getHeader().setFlag(Flags.QR);
    reply.getHeader().setFlag(Flags.RA);
    if (query.getHeader().getFlag(Flags.RD)) reply.getHeader().setFlag(Flags.RD);
    reply.addRecord(query.getQuestion(), Section.QUESTION);
    Name current = qname;
    for (int hop = 0; hop < MAX_CNAME_HOPS; hop++) {
      Integer rcode = rcodes.get(current);
      if (rcode != null) {
        reply.getHeader().setRcode(rcode);
        return reply;
      }
      List<Record> rs = records.get(current);
      if (rs == null) {
        reply.getHeader().setRcode(Rcode.NXDOMAIN);
        return reply;
      }
      Name alias = null;
      for (Record r : rs) {
        if (r.getType() == Type.CNAME && qtype != Type.CNAME) {
          reply.addRecord(r, Section.ANSWER);
          alias = ((CNAMERecord) r).getTarget();
        } else if (r.getType() == qtype) {
          reply.addRecord(r, Section.ANSWER);
        }
      }
      if (alias == null) return reply;
      current = alias;
    }
    return reply;
  }

  private void serveUdp() {
    byte[] buffer = new byte[65_535];
    while (!closed) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        udp.receive(packet);
        byte[] query = Arrays.copyOf(packet.getData(), packet.getLength());
        Message parsed = parseOrNull(query);
        if (parsed != null && parsed.getQuestion() != null && parsed.getQuestion().getType() == Type.A
            && misbehaviours.get(parsed.getQuestion().getName()) == Misbehaviour.FORGED_THEN_ANSWER) {
          Message forged = new Message(parsed.getHeader().getID());
          forged.getHeader().setFlag(Flags.QR);
          forged.getHeader().setFlag(Flags.RD);
          forged.getHeader().setFlag(Flags.RA);
          forged.addRecord(parsed.getQuestion(), Section.QUESTION);
          forged.addRecord(new ARecord(parsed.getQuestion().getName(), DClass.IN, 60,
              InetAddress.getByAddress(new byte[] {10, 10, 34, 36})), Section.ANSWER);
          send(forged.toWire(), packet);
        }
        if (parsed != null && parsed.getQuestion() != null
            && misbehaviours.get(parsed.getQuestion().getName()) == Misbehaviour.WRONG_ID_THEN_ANSWER) {
          Message decoy = answer(parsed, parsed.getQuestion().getName(), parsed.getQuestion().getType());
          decoy.getHeader().setID((parsed.getHeader().getID() + 1) & 0xffff);
          send(decoy.toWire(), packet);
        }
        if (parsed != null && parsed.getQuestion() != null
            && misbehaviours.get(parsed.getQuestion().getName()) == Misbehaviour.FLOOD_WRONG_ID) {
          Message decoy = answer(parsed, parsed.getQuestion().getName(), parsed.getQuestion().getType());
          decoy.getHeader().setID((parsed.getHeader().getID() + 1) & 0xffff);
          flood(decoy.toWire(), packet.getSocketAddress());
          continue;
        }
        if (parsed != null && parsed.getQuestion() != null) udpSourcePorts.add(packet.getPort());
        byte[] reply = reply(query, Transport.UDP);
        if (parsed != null && parsed.getQuestion() != null && reply != null
            && misbehaviours.get(parsed.getQuestion().getName()) == Misbehaviour.A_AFTER_AAAA) {
          holdAUntilAaaa(parsed.getQuestion(), new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
          continue;
        }
        if (reply != null) send(reply, packet);
      } catch (IOException e) {
        if (closed) return;
      }
    }
  }

  private void holdAUntilAaaa(Record question, DatagramPacket reply) throws IOException {
    Name name = question.getName();
    if (question.getType() == Type.A) {
      if (aaaaAnswered.contains(name)) sendLater(reply);
      else heldA.put(name, reply);
      return;
    }
    udp.send(reply);
    if (question.getType() != Type.AAAA) return;
    aaaaAnswered.add(name);
    DatagramPacket a = heldA.remove(name);
    if (a != null) sendLater(a);
  }

  private void flood(byte[] wire, SocketAddress to) {
    threads.execute(() -> {
      DatagramPacket p = new DatagramPacket(wire, wire.length, to);
      while (!closed) {
        try {
          udp.send(p);
        } catch (IOException e) {
          // the client's socket may be gone; the flood goes on until the server closes
        }
      }
    });
  }

  private void sendLater(DatagramPacket reply) {
    threads.execute(() -> {
      try {
        Thread.sleep(HELD_A_MS); // the server's behaviour: the A reply trails the AAAA reply
        udp.send(reply);
      } catch (IOException | InterruptedException e) {
        // closing
      }
    });
  }

  private void send(byte[] wire, DatagramPacket to) throws IOException {
    udp.send(new DatagramPacket(wire, wire.length, to.getSocketAddress()));
  }

  private void serveTcp() {
    while (!closed) {
      try {
        Socket connection = tcp.accept();
        openConnections.add(connection);
        threads.execute(() -> serveConnection(connection));
      } catch (IOException e) {
        if (closed) return;
      }
    }
  }

  private void serveConnection(Socket connection) {
    try (connection) {
      DataInputStream in = new DataInputStream(connection.getInputStream());
      OutputStream out = connection.getOutputStream();
      while (!closed) {
        int length = in.readUnsignedShort();
        byte[] query = in.readNBytes(length);
        byte[] reply = reply(query, Transport.TCP);
        if (reply == null) continue; // silent: keep the connection open, never answer
        byte[] framed = new byte[reply.length + 2];
        framed[0] = (byte) (reply.length >>> 8);
        framed[1] = (byte) reply.length;
        System.arraycopy(reply, 0, framed, 2, reply.length);
        out.write(framed);
        out.flush();
      }
    } catch (IOException e) {
      // the client closed the connection, or we are closing
    } finally {
      openConnections.remove(connection);
    }
  }

  private static Message parseOrNull(byte[] wire) {
    try {
      return new Message(wire);
    } catch (IOException e) {
      return null;
    }
  }

  private static Name name(String text) {
    try {
      return Name.fromString(text, Name.root);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("bad DNS name: " + text, e);
    }
  }

  /** The 16 bytes of an IPv6 literal, also for ::ffff:a.b.c.d, which the JDK folds into IPv4. */
  private static byte[] aaaaBytes(String literal, InetAddress parsed) {
    byte[] b = parsed.getAddress();
    if (b.length == 16) return b;
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    System.arraycopy(b, 0, mapped, 12, 4);
    return mapped;
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
    for (Socket s : new ArrayList<>(openConnections)) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    threads.shutdownNow();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
