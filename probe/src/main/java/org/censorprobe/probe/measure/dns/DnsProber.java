package org.censorprobe.probe.measure.dns;

import static org.censorprobe.format.observe.FailureType.DNS_SERVER_MISBEHAVING;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.X509TrustManager;
import org.censorprobe.format.observe.DnsAnswer;
import org.censorprobe.format.observe.DnsObservation;
import org.censorprobe.format.observe.DnsReply;
import org.censorprobe.format.observe.Failure;
import org.censorprobe.format.observe.FailureType;
import org.censorprobe.format.observe.Operation;
import org.censorprobe.format.observe.QueryType;
import org.censorprobe.probe.config.IpLiterals;
import org.censorprobe.probe.config.ResolverSpec;
import org.censorprobe.probe.measure.bounds.Budget;
import org.censorprobe.probe.measure.failures.ExceptionFailures;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Asks one resolver for a name's A or AAAA records. Stateless between rounds; safe for concurrent use.
 *
 * <p>A and AAAA are asked at once, as glibc's resolver does by default, so a silent resolver costs one timeout per
 * attempt, not two. Over UDP both are sent and awaited on the calling thread, each on its own socket and timed by its
 * own reply ({@link UdpExchange}): a second thread per name costs a thread hand-off for every name. Worst case per
 * query: {@code timeout} (x the number of system nameservers tried, at most {@link #MAX_SYSTEM_NAMESERVERS}, for
 * SYSTEM), and never past the endpoint's budget.
 *
 * <p>Every query has a fresh random id (DoH: id 0, as RFC 8484 asks). No EDNS is sent, like a default glibc
 * resolver: a UDP reply over 512 bytes comes back truncated (TC) and is asked again over TCP within the same
 * deadline. Over UDP, replies that come after the first matching one are recorded ({@link LateReplies}).
 *
 * <p>DoH: a server given by name is resolved once per round through the system resolver (A, and AAAA when A gave
 * nothing), within the deadline of the query that needed it first; those lookups are recorded in that query's
 * {@link PendingDns#lookups()}, and the round's queries to the server share one session ({@link DnsRound}).
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
  private final LateReplies late;

  /** @param systemNameservers what /etc/resolv.conf names (see {@link SystemNameservers}); no late replies */
  public DnsProber(Duration timeout, BogonRanges bogons, List<InetSocketAddress> systemNameservers) {
    this(timeout, bogons, systemNameservers, null, LateReplies.none());
  }

  /** @param dohTrust the trust store for DoH servers; no late replies */
  public DnsProber(Duration timeout, BogonRanges bogons, List<InetSocketAddress> systemNameservers,
                   X509TrustManager dohTrust) {
    this(timeout, bogons, systemNameservers, dohTrust, LateReplies.none());
  }

  /**
   * @param dohTrust the trust store for DoH servers (the probe's); null for the JDK's default trust store
   * @param late where UDP queries listen for late replies (its window; {@link LateReplies#none()} for none)
   */
  public DnsProber(Duration timeout, BogonRanges bogons, List<InetSocketAddress> systemNameservers,
                   X509TrustManager dohTrust, LateReplies late) {
    this.timeout = timeout;
    this.bogons = bogons;
    this.systemNameservers = List.copyOf(systemNameservers);
    this.doh = new DohExchange(timeout, dohTrust);
    this.late = late;
  }

  public Duration timeout() {
    return timeout;
  }

  /** The address record types asked for every name. */
  public enum AddressType {
    A(Type.A), AAAA(Type.AAAA);

    final int code;

    AddressType(int code) {
      this.code = code;
    }
  }

  /** A then AAAA, the two types every name is asked for. */
  public static final List<AddressType> BOTH = List.of(AddressType.A, AddressType.AAAA);

  /**
   * Whether {@link #query(ResolverSpec, String, List, int, Budget, DnsRound)} asks its types at once on the calling
   * thread: over UDP (a resolver's or the system's nameservers) it does; over TCP and DoH it asks them one after the
   * other, and a caller that wants them in parallel runs one query per type on threads of its own.
   */
  public static boolean asksTogether(ResolverSpec resolver) {
    return resolver.transport() == ResolverSpec.Transport.UDP || resolver.transport() == ResolverSpec.Transport.SYSTEM;
  }

  /**
   * Two observations, A then AAAA, asked together where {@link #asksTogether} says so, each complete with its late
   * replies; no budget, a round of its own. For lookups outside a measurement (a helper's host name) and tests.
   */
  public List<DnsObservation> resolve(ResolverSpec resolver, String name, int attempt) {
    try (DnsRound round = new DnsRound()) {
      return query(resolver, name, BOTH, attempt, Budget.unlimited(), round).stream().map(PendingDns::complete)
          .toList();
    }
  }

  /** One query, complete with its late replies; no budget, a round of its own. */
  public DnsObservation query(ResolverSpec resolver, String name, AddressType type, int attempt) {
    try (DnsRound round = new DnsRound()) {
      return query(resolver, name, type, attempt, Budget.unlimited(), round).complete();
    }
  }

  /** One query of one type. Never throws. Safe to call concurrently. */
  public PendingDns query(ResolverSpec resolver, String name, AddressType type, int attempt, Budget budget,
                          DnsRound round) {
    return query(resolver, name, List.of(type), attempt, budget, round).get(0);
  }

  /**
   * One query per type, in order, all under one deadline: over UDP sent at once and awaited together on this thread
   * ({@link UdpExchange}), each observation timed by its own reply; over TCP and DoH one after the other. Never
   * throws. Safe to call concurrently.
   */
  public List<PendingDns> query(ResolverSpec resolver, String name, List<AddressType> types, int attempt,
                                Budget budget, DnsRound round) {
    if (!asksTogether(resolver) && types.size() > 1) {
      List<PendingDns> out = new ArrayList<>(types.size());
      for (AddressType t : types) out.add(query(resolver, name, t, attempt, budget, round));
      return out;
    }
    Instant startedAt = Instant.now();
    long start = System.nanoTime();
    Budget.Deadline deadline = budget.stepUntil(start + timeout.toNanos());
    List<PendingDns> lookups = new ArrayList<>();
    List<Exchanged> exchanged;
    Name qname = null;
    Failure before = null;
    try {
      qname = Name.fromString(name, Name.root);
      if (deadline.passed()) {
        before = budget.exhaustedFailure(Operation.RESOLVE);
        exchanged = List.of();
      } else {
        List<Message> queries = new ArrayList<>(types.size());
        for (AddressType t : types) queries.add(newQuery(qname, t.code, resolver.transport()));
        exchanged = exchange(resolver, queries, deadline, budget, round, lookups);
      }
    } catch (TextParseException e) {
      before = new Failure(FailureType.UNKNOWN, Operation.RESOLVE, bounded("bad name: " + e));
      exchanged = List.of();
    } catch (RuntimeException e) {
      before = deadline.failure(ExceptionFailures.of(e, Operation.RESOLVE));
      exchanged = List.of();
    }
    List<PendingDns> out = new ArrayList<>(types.size());
    for (int i = 0; i < types.size(); i++) {
      int type = types.get(i).code;
      Exchanged x = before == null ? exchanged.get(i) : null;
      ReplyReading reading = x == null ? failed(before) : reading(x, qname, type, deadline);
      long at = x == null ? System.nanoTime() : x.atNanos();
      DnsObservation o = new DnsObservation(resolver.label(), name, QueryType.fromWire(Type.string(type)), attempt,
          startedAt, (at - start) / 1e6, reading.rcode(), reading.cnameChain(), reading.answers(),
          reading.failure(), List.of());
      out.add(new PendingDns(o, x == null ? Exchanged.NO_LATE : x.late(), i == 0 ? lookups : List.of()));
    }
    return out;
  }

  private ReplyReading reading(Exchanged x, Name qname, int type, Budget.Deadline deadline) {
    if (x.reply() != null) return ReplyReading.of(x.reply(), qname, type, bogons);
    if (x.failure() instanceof DnsReplyException e) {
      return failed(new Failure(e.failure(), e.operation(), bounded(e.getMessage())));
    }
    return failed(deadline.failure(ExceptionFailures.of(x.failure(), Operation.RESOLVE)));
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

  /** One outcome per query; several only over UDP (the system's nameservers or a resolver's). */
  private List<Exchanged> exchange(ResolverSpec resolver, List<Message> queries, Budget.Deadline deadline,
                                   Budget budget, DnsRound round, List<PendingDns> lookups) {
    try {
      return switch (resolver.transport()) {
        case SYSTEM -> viaSystemNameservers(queries, deadline.nanos(), budget);
        case UDP -> udpThenTcp(queries, serverAddress(resolver.uri()), deadline.nanos());
        case TCP -> List.of(Exchanged.replied(TcpExchange.exchange(queries.get(0), serverAddress(resolver.uri()),
            deadline.nanos(), late.sockets()), System.nanoTime(), Exchanged.NO_LATE));
        case DOH -> List.of(Exchanged.replied(viaDoh(queries.get(0), resolver.uri(), deadline.nanos(), budget,
            round, lookups), System.nanoTime(), Exchanged.NO_LATE));
      };
    } catch (IOException e) {
      long at = System.nanoTime();
      return queries.stream().map(q -> Exchanged.failed(e, at)).toList();
    }
  }

  /**
   * The first nameserver; the next, for the queries that got no reply at all from it (timeout, unreachable), as
   * glibc does. Each nameserver gets a full timeout (within the budget). A failure detail names the nameserver that
   * produced it.
   */
  private List<Exchanged> viaSystemNameservers(List<Message> queries, long firstDeadline, Budget budget)
      throws DnsReplyException {
    if (systemNameservers.isEmpty()) throw new DnsReplyException(DNS_SERVER_MISBEHAVING, NO_SYSTEM_NAMESERVER);
    int count = Math.min(MAX_SYSTEM_NAMESERVERS, systemNameservers.size());
    Exchanged[] out = new Exchanged[queries.size()];
    List<Integer> open = new ArrayList<>();
    for (int q = 0; q < queries.size(); q++) open.add(q);
    long deadline = firstDeadline;
    for (int i = 0; ; i++) {
      InetSocketAddress server = systemNameservers.get(i);
      List<Message> asked = open.stream().map(queries::get).toList();
      List<Exchanged> got = udpThenTcp(asked, server, deadline);
      boolean last = i + 1 >= count || budget.exhausted();
      List<Integer> unanswered = new ArrayList<>();
      for (int k = 0; k < got.size(); k++) {
        Exchanged x = got.get(k);
        int q = open.get(k);
        if (x.failure() instanceof DnsReplyException e) {
          out[q] = x.withFailure(new DnsReplyException(e.failure(), "nameserver " + server + ": " + e.getMessage()));
        } else if (x.failure() != null && !last) {
          unanswered.add(q);
        } else if (x.failure() != null) {
          // ExceptionFailures walks the cause chain, so the wrapper keeps the timeout/refused classification.
          out[q] = x.withFailure(new IOException("nameserver " + server + ": " + x.failure().getMessage(),
              x.failure()));
        } else {
          out[q] = x;
        }
      }
      if (unanswered.isEmpty()) return List.of(out);
      open = unanswered;
      deadline = budget.step(timeout).nanos();
    }
  }

  /** Over UDP together; a query whose reply came truncated (TC) is asked again over TCP, within the deadline. */
  private List<Exchanged> udpThenTcp(List<Message> queries, InetSocketAddress server, long deadline) {
    List<Exchanged> udp = UdpExchange.exchange(queries, server, deadline, late, bogons);
    List<Exchanged> out = new ArrayList<>(udp.size());
    for (int i = 0; i < udp.size(); i++) {
      Exchanged x = udp.get(i);
      if (x.reply() != null && x.reply().getHeader().getFlag(Flags.TC)) {
        try {
          x = Exchanged.replied(TcpExchange.exchange(queries.get(i), server, deadline, late.sockets()),
              System.nanoTime(), x.late());
        } catch (IOException e) {
          x = new Exchanged(null, e, System.nanoTime(), x.late());
        }
      }
      out.add(x);
    }
    return out;
  }

  private static InetSocketAddress serverAddress(URI uri) throws IOException {
    if (uri.getHost() == null) throw new DnsReplyException(DNS_SERVER_MISBEHAVING, "resolver URI without host");
    InetAddress literal = IpLiterals.parse(uri.getHost());
    if (literal == null) throw new DnsReplyException(DNS_SERVER_MISBEHAVING, "resolver host is not an address");
    int port = uri.getPort() < 0 ? SystemNameservers.DNS_PORT : uri.getPort();
    return new InetSocketAddress(literal, port);
  }

  /** A DoH query over the round's session with this server, resolving its name first if this round has not. */
  private Message viaDoh(Message query, URI uri, long deadline, Budget budget, DnsRound round,
                         List<PendingDns> lookups) throws IOException {
    if (uri.getHost() == null) throw new DnsReplyException(DNS_SERVER_MISBEHAVING, "resolver URI without host");
    DnsRound.Claim claim = round.claim(uri);
    DnsRound.DohServer server;
    if (claim.mine()) {
      server = resolveServer(uri, deadline, budget);
      claim.future().complete(server);
      lookups.addAll(server.lookups());
    } else {
      try {
        server = claim.future().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        throw new DnsReplyException(FailureType.TIMEOUT, Operation.RESOLVE_SERVER,
            "DoH host " + uri.getHost() + " still being resolved at the deadline");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted");
      } catch (ExecutionException e) {
        throw new DnsReplyException(FailureType.UNKNOWN, Operation.RESOLVE_SERVER,
            "DoH host lookup failed: " + e.getCause());
      }
    }
    if (server.failure() != null) throw server.failure();
    return server.session().exchange(query, uri, deadline);
  }

  /**
   * An IP literal as is. A server given by name (typical for DoH, e.g. dns.google) is resolved with our own query
   * through the system nameservers, within this query's deadline, retried once after a transient failure: never
   * through the JDK resolver, whose caches and nsswitch sources we do not control or record.
   */
  private DnsRound.DohServer resolveServer(URI uri, long deadline, Budget budget) {
    String host = uri.getHost();
    InetAddress literal = IpLiterals.parse(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
    if (literal != null) return new DnsRound.DohServer(List.of(literal), List.of(), null, doh.session(List.of()));
    List<PendingDns> asked = new ArrayList<>();
    List<InetAddress> addresses = new ArrayList<>();
    Failure last = null;
    for (AddressType type : AddressType.values()) {
      for (int attempt = 1; attempt <= 2 && addresses.isEmpty(); attempt++) {
        PendingDns p = lookupUntil(host, type, attempt, deadline, budget);
        asked.add(p);
        DnsObservation o = p.observation();
        // As configured by the user, the server may sit in a private range (a lab, a resolver on the LAN).
        for (DnsAnswer a : o.answers()) if (a.isAddress()) addresses.add(a.address().toInetAddress());
        last = o.failure();
        if (o.ok() || o.failure().type().deterministicDnsAnswer()) break;
      }
      if (!addresses.isEmpty()) break;
    }
    if (addresses.isEmpty()) {
      FailureType type = last == null ? FailureType.DNS_NO_ANSWER : last.type();
      String detail = last == null || last.detail() == null ? "no address" : last.detail();
      return new DnsRound.DohServer(List.of(), asked,
          new DnsReplyException(type, Operation.RESOLVE_SERVER, "resolving resolver host " + host + ": " + detail),
          null);
    }
    return new DnsRound.DohServer(List.copyOf(addresses), asked, null, doh.session(addresses));
  }

  /** A system-resolver query that ends by {@code deadline} (the DoH query's), recorded like any other. */
  private PendingDns lookupUntil(String host, AddressType type, int attempt, long deadline, Budget budget) {
    Instant startedAt = Instant.now();
    long start = System.nanoTime();
    ReplyReading reading;
    CompletableFuture<List<DnsReply>> later = Exchanged.NO_LATE;
    Budget.Deadline d = budget.stepUntil(deadline);
    try {
      Name qname = Name.fromString(host, Name.root);
      if (d.passed()) throw new SocketTimeoutException("no time left for the DoH host lookup");
      Exchanged x = viaSystemNameservers(List.of(newQuery(qname, type.code, ResolverSpec.Transport.SYSTEM)),
          d.nanos(), budget).get(0);
      later = x.late();
      if (x.failure() != null) throw x.failure();
      reading = ReplyReading.of(x.reply(), qname, type.code, bogons);
    } catch (DnsReplyException e) {
      reading = failed(new Failure(e.failure(), Operation.RESOLVE, bounded(e.getMessage())));
    } catch (TextParseException e) {
      reading = failed(new Failure(FailureType.UNKNOWN, Operation.RESOLVE, bounded("bad name: " + e)));
    } catch (IOException | RuntimeException e) {
      reading = failed(d.failure(ExceptionFailures.of(e, Operation.RESOLVE)));
    }
    DnsObservation o = new DnsObservation(ResolverSpec.SYSTEM.label(), host,
        QueryType.fromWire(Type.string(type.code)), attempt, startedAt, (System.nanoTime() - start) / 1e6,
        reading.rcode(), reading.cnameChain(), reading.answers(), reading.failure(), List.of());
    return new PendingDns(o, later, List.of());
  }

  private static String bounded(String s) {
    if (s == null) return null;
    return s.length() > DETAIL_MAX_CHARS ? s.substring(0, DETAIL_MAX_CHARS) : s;
  }
}
