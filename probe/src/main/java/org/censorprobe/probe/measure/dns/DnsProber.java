package org.censorprobe.probe.measure.dns;

import static org.censorprobe.format.observe.FailureType.DNS_SERVER_MISBEHAVING;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.X509TrustManager;
import org.censorprobe.probe.config.IpLiterals;
import org.censorprobe.probe.config.ResolverSpec;
import org.censorprobe.probe.measure.ExceptionFailures;
import org.censorprobe.format.observe.DnsAnswer;
import org.censorprobe.format.observe.DnsObservation;
import org.censorprobe.format.observe.QueryType;
import org.censorprobe.format.observe.Failure;
import org.censorprobe.format.observe.FailureType;
import org.censorprobe.format.observe.Operation;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Asks one resolver for a name's A and AAAA records. Stateless between calls; safe for concurrent use.
 *
 * <p>{@link #resolve} runs the A and AAAA queries one after the other, each with its own deadline of
 * {@code timeout}. The measurer asks the two types at once through {@link #query} instead, as glibc's resolver
 * does by default, so a silent resolver costs one timeout per attempt, not two. Worst case per query: timeout
 * (x the number of system nameservers tried, at most {@link #MAX_SYSTEM_NAMESERVERS}, for SYSTEM).
 *
 * <p>Every query has a fresh random id (DoH: id 0, as RFC 8484 asks). No EDNS is sent, like a default glibc
 * resolver: a UDP reply over 512 bytes comes back truncated (TC) and is asked again over TCP within the same
 * deadline.
 */
public final class DnsProber {
  /** glibc's MAXNS: resolv.conf nameservers after the third are ignored by the system resolver too. */
  static final int MAX_SYSTEM_NAMESERVERS = 3;
  static final String NO_SYSTEM_NAMESERVER = "no nameserver in resolv.conf";
  private static final int DETAIL_MAX_CHARS = 300;
  private static final SecureRandom QUERY_IDS = new SecureRandom();

  private final Duration timeout;
  private final BogonRanges bogons;
  private final List<InetSocketAddress> systemNameservers;
  private final DohExchange doh;

  /** @param systemNameservers what /etc/resolv.conf names (see {@link SystemNameservers}) */
  public DnsProber(Duration timeout, BogonRanges bogons, List<InetSocketAddress> systemNameservers) {
    this(timeout, bogons, systemNameservers, null);
  }

  /**
   * @param dohTrust the trust store for DoH servers (the probe's); null for the JDK's default trust store
   */
  public DnsProber(Duration timeout, BogonRanges bogons, List<InetSocketAddress> systemNameservers,
      X509TrustManager dohTrust) {
    this.timeout = timeout;
    this.bogons = bogons;
    this.systemNameservers = List.copyOf(systemNameservers);
    this.doh = new DohExchange(timeout, dohTrust);
  }

  /** The address record types asked for every name. */
  public enum AddressType {
    A(Type.A), AAAA(Type.AAAA);

    final int code;

    AddressType(int code) {
      this.code = code;
    }
  }

  /** Two observations, A then AAAA. Never throws: every failure is recorded in the observation. */
  public List<DnsObservation> resolve(ResolverSpec resolver, String name, int attempt) {
    return List.of(query(resolver, name, AddressType.A, attempt), query(resolver, name, AddressType.AAAA, attempt));
  }

  /** One query of one type. Never throws. Safe to call concurrently. */
  public DnsObservation query(ResolverSpec resolver, String name, AddressType type, int attempt) {
    return query(resolver, name, type.code, attempt);
  }

  private DnsObservation query(ResolverSpec resolver, String name, int type, int attempt) {
    Instant startedAt = Instant.now();
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    ReplyReading reading;
    try {
      Name qname = Name.fromString(name, Name.root);
      Message reply = exchange(resolver, newQuery(qname, type, resolver.transport()), deadline);
      reading = ReplyReading.of(reply, qname, type, bogons);
    } catch (DnsReplyException e) {
      reading = failed(new Failure(e.failure(), Operation.RESOLVE, bounded(e.getMessage())));
    } catch (TextParseException e) {
      reading = failed(new Failure(FailureType.UNKNOWN, Operation.RESOLVE, bounded("bad name: " + e)));
    } catch (IOException | RuntimeException e) {
      reading = failed(ExceptionFailures.of(e, Operation.RESOLVE));
    }
    double durationMs = (System.nanoTime() - start) / 1e6;
    return new DnsObservation(resolver.label(), name, QueryType.fromWire(Type.string(type)), attempt, startedAt,
        durationMs, reading.rcode(), reading.cnameChain(), reading.answers(), reading.failure(), List.of());
  }

  private static ReplyReading failed(Failure failure) {
    return new ReplyReading(null, List.of(), List.of(), failure);
  }

  private static Message newQuery(Name qname, int type, ResolverSpec.Transport transport) {
    Message query = Message.newQuery(Record.newRecord(qname, type, DClass.IN));
    query.getHeader().setID(transport == ResolverSpec.Transport.DOH ? 0 : QUERY_IDS.nextInt(0x10000));
    query.getHeader().setFlag(Flags.RD);
    return query;
  }

  private Message exchange(ResolverSpec resolver, Message query, long deadline) throws IOException {
    return switch (resolver.transport()) {
      case SYSTEM -> viaSystemNameservers(query, deadline);
      case UDP -> udpThenTcp(query, serverAddress(resolver.uri(), deadline), deadline);
      case TCP -> TcpExchange.exchange(query, serverAddress(resolver.uri(), deadline), deadline);
      case DOH -> doh.exchange(query, resolver.uri(), hostAddresses(resolver.uri().getHost(), deadline),
          deadline);
    };
  }

  /**
   * The first nameserver; the next only when one gave no reply at all (timeout, unreachable), as glibc does.
   * Each gets a full timeout. A failure detail names the nameserver that produced it.
   */
  private Message viaSystemNameservers(Message query, long firstDeadline) throws IOException {
    if (systemNameservers.isEmpty()) throw new DnsReplyException(DNS_SERVER_MISBEHAVING, NO_SYSTEM_NAMESERVER);
    int count = Math.min(MAX_SYSTEM_NAMESERVERS, systemNameservers.size());
    long deadline = firstDeadline;
    for (int i = 0; ; i++) {
      InetSocketAddress server = systemNameservers.get(i);
      try {
        return udpThenTcp(query, server, deadline);
      } catch (DnsReplyException e) {
        throw new DnsReplyException(e.failure(), "nameserver " + server + ": " + e.getMessage());
      } catch (IOException e) {
        // ExceptionFailures walks the cause chain, so the wrapper keeps the timeout/refused classification.
        if (i + 1 >= count) throw new IOException("nameserver " + server + ": " + e.getMessage(), e);
        deadline = System.nanoTime() + timeout.toNanos();
      }
    }
  }

  private static Message udpThenTcp(Message query, InetSocketAddress server, long deadline) throws IOException {
    Message reply = UdpExchange.exchange(query, server, deadline);
    if (!reply.getHeader().getFlag(Flags.TC)) return reply;
    return TcpExchange.exchange(query, server, deadline);
  }

  private InetSocketAddress serverAddress(URI uri, long deadline) throws IOException {
    if (uri.getHost() == null) throw new DnsReplyException(DNS_SERVER_MISBEHAVING, "resolver URI without host");
    int port = uri.getPort() < 0 ? SystemNameservers.DNS_PORT : uri.getPort();
    return new InetSocketAddress(hostAddresses(uri.getHost(), deadline).get(0), port);
  }

  /**
   * An IP literal as is. A resolver given by name (typical for DoH, e.g. dns.google) is resolved with our own A
   * query through the system nameservers, within the same deadline: never through the JDK resolver, whose
   * caches and nsswitch sources we do not control or record. If that lookup fails, its failure is recorded.
   */
  private List<InetAddress> hostAddresses(String host, long deadline) throws IOException {
    if (host == null) throw new DnsReplyException(DNS_SERVER_MISBEHAVING, "resolver URI without host");
    InetAddress literal = IpLiterals.parse(host);
    if (literal != null) return List.of(literal);
    Name qname = Name.fromString(host, Name.root);
    Message reply;
    try {
      reply = viaSystemNameservers(newQuery(qname, Type.A, ResolverSpec.Transport.SYSTEM), deadline);
    } catch (DnsReplyException e) {
      throw new DnsReplyException(e.failure(), "resolving resolver host " + host + ": " + e.getMessage());
    }
    ReplyReading reading = ReplyReading.of(reply, qname, Type.A, bogons);
    if (reading.failure() != null) {
      throw new DnsReplyException(reading.failure().type(),
          "resolving resolver host " + host + ": " + reading.failure().detail());
    }
    List<InetAddress> out = new ArrayList<>();
    for (DnsAnswer a : reading.answers()) if (a.type() == QueryType.A) out.add(a.address().toInetAddress());
    return out;
  }

  private static String bounded(String s) {
    if (s == null) return null;
    return s.length() > DETAIL_MAX_CHARS ? s.substring(0, DETAIL_MAX_CHARS) : s;
  }
}
