package org.censorprobe.probe.measure;

import static org.censorprobe.format.observe.FailureType.CONNECTION_RESET;
import static org.censorprobe.format.observe.FailureType.EOF;
import static org.censorprobe.format.observe.FailureType.SSL_FAILED_HANDSHAKE;
import static org.censorprobe.format.observe.FailureType.TIMEOUT;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javax.net.ssl.X509TrustManager;
import org.censorprobe.format.endpoint.Endpoint;
import org.censorprobe.probe.config.IpLiterals;
import org.censorprobe.probe.config.Limits;
import org.censorprobe.probe.config.ResolverSpec;
import org.censorprobe.probe.config.Timeouts;
import org.censorprobe.probe.measure.dns.BogonRanges;
import org.censorprobe.probe.measure.dns.DnsProber;
import org.censorprobe.probe.measure.http.HttpProber;
import org.censorprobe.probe.measure.tcp.TcpAttempt;
import org.censorprobe.probe.measure.tcp.TcpProber;
import org.censorprobe.probe.measure.tls.TlsProber;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.net.IpPort;
import org.censorprobe.format.observe.DnsAnswer;
import org.censorprobe.format.observe.DnsObservation;
import org.censorprobe.format.observe.EndpointObservations;
import org.censorprobe.format.observe.FailureType;
import org.censorprobe.format.observe.HelperObservation;
import org.censorprobe.format.observe.HttpExchange;
import org.censorprobe.format.observe.TcpObservation;
import org.censorprobe.format.observe.TlsObservation;

/**
 * Measures one endpoint: DNS through every local resolver and the control resolver, TCP to every address found,
 * TLS on each connected address, the SNI swap where a handshake failed, and HTTP over the local answers; a
 * DNS-only endpoint ({@code dns://}) stops after DNS. It records facts only; deciding what they mean is the
 * classifier's job.
 *
 * <p>Which addresses are dialled: the non-bogon answers of the local resolvers (what a user would reach) and of
 * the control resolver (where the platform really is: an IP block shows there even when DNS is tampered with).
 * Bogon answers are never dialled: the answer itself is the evidence, and dialling 10.0.0.1 or 127.0.0.1 on a
 * user's network could reach an unrelated machine.
 *
 * <p>Retry: a failed step is tried once more after {@code retryPause}, so that one lost packet is not an event;
 * both attempts are recorded. DNS answers that are deterministic (NXDOMAIN, no answer, REFUSED) are not retried.
 */
public final class EndpointMeasurer {
  private final DnsProber dns;
  private final TcpProber tcp;
  private final TlsProber tls;
  private final HttpProber http;
  private final BogonRanges bogons;
  private final List<ResolverSpec> localResolvers;
  private final ResolverSpec controlResolver;
  private final String neutralSni;
  private final int maxAddresses;
  private final Duration retryPause;
  private final Tasks tasks;
  private final Clock clock;
  private final RemoteVantage helpers;

  public EndpointMeasurer(Steps steps, Plan plan, Tasks tasks, Clock clock) {
    this.dns = steps.dns();
    this.tcp = steps.tcp();
    this.tls = steps.tls();
    this.http = steps.http();
    this.bogons = steps.bogons();
    this.localResolvers = plan.localResolvers();
    this.controlResolver = plan.controlResolver();
    this.neutralSni = plan.neutralSni();
    this.maxAddresses = plan.maxAddresses();
    this.retryPause = plan.retryPause();
    this.helpers = plan.helpers();
    this.tasks = tasks;
    this.clock = clock;
  }

  /**
   * What to ask besides the endpoint itself: the local resolvers (system first), the control resolver (null: none),
   * the neutral server name of the SNI swap (null: no swap), how many addresses to dial at most, the pause before
   * a retry, and the remote control vantages (null: none).
   */
  public record Plan(List<ResolverSpec> localResolvers, ResolverSpec controlResolver, String neutralSni,
                     int maxAddresses, Duration retryPause, RemoteVantage helpers) {
    public Plan {
      localResolvers = List.copyOf(localResolvers);
    }
  }

  /** The four step implementations, built once per config. */
  public record Steps(DnsProber dns, TcpProber tcp, TlsProber tls, HttpProber http, BogonRanges bogons) {
    public static Steps create(Timeouts timeouts, Limits limits, X509TrustManager trust, BogonRanges bogons,
                               List<InetSocketAddress> systemNameservers) {
      return new Steps(new DnsProber(timeouts.dns(), bogons, systemNameservers, trust), new TcpProber(timeouts.tcp()),
          new TlsProber(timeouts.tls(), trust), new HttpProber(timeouts.http(), limits, trust), bogons);
    }
  }

  public EndpointObservations measure(Endpoint endpoint) {
    Instant startedAt = clock.instant();
    long t0 = System.nanoTime();
    List<DnsObservation> local = List.of();
    List<DnsObservation> control = List.of();
    List<IpAddress> dialSystem;
    List<IpAddress> dialOthers = List.of();
    Optional<IpAddress> literal = IpAddress.tryParse(endpoint.host());
    if (literal.isPresent()) {
      dialSystem = List.of(literal.get());
    } else {
      List<Supplier<List<DnsObservation>>> queries = new ArrayList<>();
      for (ResolverSpec r : localResolvers) queries.add(() -> resolve(r, endpoint.host()));
      if (controlResolver != null) queries.add(() -> resolve(controlResolver, endpoint.host()));
      List<List<DnsObservation>> answers = tasks.all(queries);
      List<DnsObservation> flat = new ArrayList<>();
      for (int i = 0; i < localResolvers.size(); i++) flat.addAll(answers.get(i));
      local = flat;
      if (controlResolver != null) control = answers.get(answers.size() - 1);
      // The user's path is the system resolver's answers; the others' are dialled as witnesses (an IP block
      // shows on the control resolver's addresses even where the system resolver's answer is forged).
      dialSystem = dialable(answers.get(0));
      List<DnsObservation> others = new ArrayList<>(flat.subList(answers.get(0).size(), flat.size()));
      others.addAll(control);
      dialOthers = dialable(others);
    }
    if (!endpoint.dials()) {
      return new EndpointObservations(endpoint, startedAt, (System.nanoTime() - t0) / 1e6, local, control,
          List.of(), List.of(), List.of(), List.of(), null);
    }

    if (!endpoint.dials()) {
      // DNS only (dns://): the answers are the measurement. Nothing is dialled, and the helper, whose protocol
      // measures connections, is not asked.
      return new EndpointObservations(endpoint, startedAt, (System.nanoTime() - t0) / 1e6, local, control, List.of(),
          List.of(), List.of(), List.of(), null);
    }

    // The helper measures from outside at the same moment, with the addresses this probe's resolver gave.
    List<IpAddress> forHelper = dialSystem;
    CompletableFuture<HelperObservation> helperAnswer =
        helpers == null ? null : tasks.submit(() -> helpers.ask(endpoint, forHelper));

    Set<IpAddress> dial = new LinkedHashSet<>(dialSystem);
    dial.addAll(dialOthers);
    Dialled dialled = dial(endpoint, dial.stream().limit(maxAddresses).toList());

    List<HttpExchange> httpObs = List.of();
    if (endpoint.kind() == Endpoint.Kind.URL) {
      List<InetAddress> httpAddresses = httpAddresses(dialSystem, dialled);
      if (!httpAddresses.isEmpty()) httpObs = fetch(endpoint, httpAddresses);
    }
    double ms = (System.nanoTime() - t0) / 1e6;
    HelperObservation helper = helperAnswer == null ? null : helperAnswerOf(helperAnswer, startedAt);
    return new EndpointObservations(endpoint, startedAt, ms, local, control, dialled.tcp(), dialled.tls(),
        dialled.sniSwap(), httpObs, helper);
  }

  /**
   * The helper's answer; a bug in asking it costs the helper's evidence, recorded as a failure, never the
   * endpoint's own measurement (and with it the round).
   */
  private static HelperObservation helperAnswerOf(CompletableFuture<HelperObservation> answer, Instant startedAt) {
    try {
      return answer.join();
    } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return new HelperObservation(null, startedAt, 0, List.of(new HelperObservation.Attempt("(helper client)", 0, 0,
          ExceptionFailures.of(cause, org.censorprobe.format.observe.Operation.HTTP_REQUEST))), null);
    }
  }

  /** TCP, TLS and SNI-swap observations of a set of addresses, in address order. */
  public record Dialled(List<TcpObservation> tcp, List<TlsObservation> tls, List<TlsObservation> sniSwap) {
    public boolean connected(IpAddress address) {
      TcpObservation last = null;
      for (TcpObservation t : tcp) if (t.address().equals(address)) last = t;
      return last != null && last.ok();
    }
  }

  /**
   * Connects to every address concurrently (TLS too where the endpoint needs it, with the SNI swap after a failed
   * handshake). Public so that the control-server measures exactly as the probe does.
   */
  public Dialled dial(Endpoint endpoint, List<IpAddress> addresses) {
    List<Supplier<AddressResult>> perAddress = new ArrayList<>();
    for (IpAddress a : addresses) perAddress.add(() -> measureAddress(endpoint, a));
    List<AddressResult> results = addresses.isEmpty() ? List.of() : tasks.all(perAddress);
    List<TcpObservation> tcpObs = new ArrayList<>();
    List<TlsObservation> tlsObs = new ArrayList<>();
    List<TlsObservation> swapObs = new ArrayList<>();
    for (AddressResult r : results) {
      tcpObs.addAll(r.tcp());
      tlsObs.addAll(r.tls());
      swapObs.addAll(r.sniSwap());
    }
    return new Dialled(tcpObs, tlsObs, swapObs);
  }

  private record AddressResult(List<TcpObservation> tcp, List<TlsObservation> tls, List<TlsObservation> sniSwap) {}

  private AddressResult measureAddress(Endpoint endpoint, IpAddress address) {
    IpPort target = new IpPort(address, endpoint.port());
    List<TcpObservation> tcpObs = new ArrayList<>(2);
    List<TlsObservation> tlsObs = new ArrayList<>(2);
    List<TlsObservation> swap = new ArrayList<>(1);
    for (int attempt = 1; attempt <= 2; attempt++) {
      if (attempt == 2) pause();
      TcpAttempt c = tcp.connect(target, attempt);
      tcpObs.add(c.observation());
      if (c.socket() == null) continue;
      if (!endpoint.needsTls()) {
        closeQuietly(c.socket());
        break;
      }
      String sni = endpoint.serverName();
      TlsObservation t = tls.handshake(c.socket(), sni, attempt);
      tlsObs.add(t);
      if (t.handshakeOk()) break; // a validation failure is deterministic: retrying shows nothing new
    }
    TlsObservation lastTls = tlsObs.isEmpty() ? null : tlsObs.get(tlsObs.size() - 1);
    if (lastTls != null && !lastTls.handshakeOk() && swapWorthy(lastTls) && neutralSni != null) {
      TcpAttempt c = tcp.connect(target, 1);
      if (c.socket() != null) swap.add(tls.handshake(c.socket(), neutralSni, 1));
      else swap.add(swapConnectFailed(c.observation(), address, endpoint.port()));
    }
    return new AddressResult(tcpObs, tlsObs, swap);
  }

  /** ExceptionFailures that a middlebox acting on the ClientHello produces; a certificate problem is not one. */
  private static boolean swapWorthy(TlsObservation t) {
    FailureType f = t.failure().type();
    return f.interferenceShaped() || f == SSL_FAILED_HANDSHAKE;
  }

  /** The swap's own connect failed: recorded as a swap handshake that never started. */
  private static TlsObservation swapConnectFailed(TcpObservation c, IpAddress address, int port) {
    return new TlsObservation(address, port, null, c.attempt(), c.startedAt(), c.durationMs(), null, null, null,
        List.of(), c.failure(), null, 0);
  }

  /**
   * A and AAAA through one resolver, asked at once (as glibc does), retried once after a transient failure;
   * both attempts kept.
   */
  public List<DnsObservation> resolve(ResolverSpec resolver, String host) {
    List<DnsObservation> first = bothTypes(resolver, host, 1);
    if (first.stream().noneMatch(EndpointMeasurer::transientDnsFailure)) return first;
    pause();
    List<DnsObservation> out = new ArrayList<>(first);
    out.addAll(bothTypes(resolver, host, 2));
    return out;
  }

  private List<DnsObservation> bothTypes(ResolverSpec resolver, String host, int attempt) {
    return tasks.all(List.of(() -> dns.query(resolver, host, DnsProber.AddressType.A, attempt),
        () -> dns.query(resolver, host, DnsProber.AddressType.AAAA, attempt)));
  }

  private static boolean transientDnsFailure(DnsObservation d) {
    return d.failure() != null && !d.failure().type().deterministicDnsAnswer();
  }

  /** HTTP (the endpoint's method) over the given addresses, retried once on failure; both attempts kept. */
  public List<HttpExchange> fetch(Endpoint endpoint, List<InetAddress> addresses) {
    List<HttpExchange> first = http.fetch(endpoint.uri(), endpoint.method(), addresses, this::resolveHop, 1);
    if (first.isEmpty() || first.get(first.size() - 1).ok()) return first;
    pause();
    List<HttpExchange> out = new ArrayList<>(first);
    out.addAll(http.fetch(endpoint.uri(), endpoint.method(), addresses, this::resolveHop, 2));
    return out;
  }

  /**
   * A redirect to another name is resolved the way a user's browser would: through the system resolver. Like any
   * answer, a bogon is not followed (and the control-server relies on this against redirects into its network).
   */
  private List<InetAddress> resolveHop(String host) {
    InetAddress literal = IpLiterals.parse(host);
    if (literal != null) return bogons.isBogon(literal) ? List.of() : List.of(literal);
    List<DnsObservation> obs = dns.resolve(localResolvers.get(0), host, 1);
    return dialable(obs).stream().map(IpAddress::toInetAddress).toList();
  }

  /**
   * HTTP goes where the user's resolver points: the local answers that accepted a connection first, then the rest
   * of the local answers (okhttp tries them in order), so a dead first address does not hide a working one.
   */
  private static List<InetAddress> httpAddresses(List<IpAddress> dialLocal, Dialled dialled) {
    List<IpAddress> connected = new ArrayList<>();
    List<IpAddress> other = new ArrayList<>();
    for (IpAddress a : dialLocal) {
      (dialled.connected(a) ? connected : other).add(a);
    }
    connected.addAll(other);
    return connected.stream().map(IpAddress::toInetAddress).toList();
  }

  /** Addresses worth dialling: A/AAAA answers that are not bogons, in answer order, without repeats. */
  public static List<IpAddress> dialable(List<DnsObservation> observations) {
    Set<IpAddress> out = new LinkedHashSet<>();
    for (DnsObservation d : observations) {
      for (DnsAnswer a : d.answers()) {
        if (a.isAddress() && !a.bogon()) out.add(a.address());
      }
    }
    return List.copyOf(out);
  }

  private void pause() {
    if (retryPause.isZero()) return;
    try {
      Thread.sleep(retryPause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(java.net.Socket s) {
    try {
      s.close();
    } catch (java.io.IOException ignored) {
      // nothing to record: the connect already succeeded
    }
  }
}
