package org.censorprobe.probe.measure;

import org.censorprobe.probe.measure.bounds.Budget;
import org.censorprobe.probe.measure.failures.ExceptionFailures;
import static org.censorprobe.format.observe.FailureType.SSL_FAILED_HANDSHAKE;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.net.ssl.X509TrustManager;
import org.censorprobe.format.endpoint.Endpoint;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.net.IpPort;
import org.censorprobe.format.observe.DnsAnswer;
import org.censorprobe.format.observe.DnsObservation;
import org.censorprobe.format.observe.EndpointObservations;
import org.censorprobe.format.observe.FailureType;
import org.censorprobe.format.observe.HelperObservation;
import org.censorprobe.format.observe.HttpExchange;
import org.censorprobe.format.observe.Operation;
import org.censorprobe.format.observe.TcpObservation;
import org.censorprobe.format.observe.TlsObservation;
import org.censorprobe.probe.config.Limits;
import org.censorprobe.probe.config.ResolverSpec;
import org.censorprobe.probe.config.Timeouts;
import org.censorprobe.probe.measure.dns.BogonRanges;
import org.censorprobe.probe.measure.dns.DnsProber;
import org.censorprobe.probe.measure.dns.DnsRound;
import org.censorprobe.probe.measure.dns.LateReplies;
import org.censorprobe.probe.measure.dns.PendingDns;
import org.censorprobe.probe.measure.flow.Dialer;
import org.censorprobe.probe.measure.flow.FlowRecorder;
import org.censorprobe.probe.measure.http.HttpChain;
import org.censorprobe.probe.measure.http.HttpProber;
import org.censorprobe.probe.measure.tcp.TcpProber;
import org.censorprobe.probe.measure.tls.TlsProber;

/**
 * Measures one endpoint as one flow per address (OONI's Web Connectivity LTE is the model): DNS through every local
 * resolver and the control resolver; then, for each address to try, concurrently: TCP connect, TLS handshake
 * (chain recorded before validation), and for the first address of the user's path whose connection is usable, the
 * HTTP request over <em>that</em> connection, redirects followed over flows of their own. One ClientHello per
 * address per attempt, and it is the one the HTTP result rode on. It records facts only; deciding what they mean is
 * the classifier's job.
 *
 * <p>Which addresses are dialled: the non-bogon answers of the local resolvers (what a user would reach) and of
 * the control resolver (where the platform really is: an IP block shows there even when DNS is tampered with).
 * Bogon answers are never dialled: the answer itself is the evidence, and dialling 10.0.0.1 or 127.0.0.1 on a
 * user's network could reach an unrelated machine. HTTP only ever goes to the user's path: the system resolver's
 * answers (or the IP literal), over a connection whose chain validated for the host.
 *
 * <p>Retry: a failed connect or handshake is tried once more after {@code retryPause} on a new connection, and a
 * chain whose last hop failed is fetched once more on a new flow; both attempts are recorded. The n-th connection
 * to an address is its attempt n ({@link FlowRecorder}). DNS answers that are deterministic (NXDOMAIN, no answer,
 * REFUSED) are not retried.
 *
 * <p>Time: every step keeps its own deadline, and the whole endpoint has a budget ({@code timeouts.endpoint},
 * {@link Budget}); what the budget cuts is recorded as {@code budget_exhausted}, and nothing of an endpoint
 * outlives it, except the late-reply window of a DNS query, which ends within that query's DNS deadline.
 */
public final class EndpointMeasurer {
  private final DnsProber dns;
  private final Duration tcpTimeout;
  private final Duration tlsTimeout;
  private final Duration httpTimeout;
  private final Dialer dialer;
  private final HttpChain chain;
  private final BogonRanges bogons;
  private final List<ResolverSpec> localResolvers;
  private final ResolverSpec controlResolver;
  private final String neutralSni;
  private final int maxAddresses;
  private final Duration retryPause;
  private final Duration budget;
  private final Clock clock;
  private final RemoteVantage helpers;

  public EndpointMeasurer(Steps steps, Plan plan, Clock clock) {
    this.dns = steps.dns();
    this.tcpTimeout = steps.tcp() == null ? Duration.ZERO : steps.tcp().timeout();
    this.tlsTimeout = steps.tls() == null ? Duration.ZERO : steps.tls().timeout();
    this.httpTimeout = steps.http() == null ? Duration.ZERO : steps.http().timeout();
    this.dialer = new Dialer(steps.tcp(), steps.tls());
    this.chain = new HttpChain(steps.http(), plan.maxAddresses());
    this.bogons = steps.bogons();
    this.localResolvers = plan.localResolvers();
    this.controlResolver = plan.controlResolver();
    this.neutralSni = plan.neutralSni();
    this.maxAddresses = plan.maxAddresses();
    this.retryPause = plan.retryPause();
    this.budget = plan.budget();
    this.helpers = plan.helpers();
    this.clock = clock;
  }

  /**
   * What to ask besides the endpoint itself: the local resolvers (system first), the control resolver (null: none),
   * the neutral server name of the SNI swap (null: no swap), how many addresses to dial at most, the pause before
   * a retry, the remote control vantages (null: none), and the endpoint's overall budget.
   */
  public record Plan(List<ResolverSpec> localResolvers, ResolverSpec controlResolver, String neutralSni,
                     int maxAddresses, Duration retryPause, RemoteVantage helpers, Duration budget) {
    public Plan {
      localResolvers = List.copyOf(localResolvers);
      if (localResolvers.isEmpty()) throw new IllegalArgumentException("the system resolver is always asked");
    }
  }

  /** The step implementations, built once per config. */
  public record Steps(DnsProber dns, TcpProber tcp, TlsProber tls, HttpProber http, BogonRanges bogons) {
    /** @param late where UDP queries listen for late replies; its socket count is the flows' too */
    public static Steps create(Timeouts timeouts, Limits limits, X509TrustManager trust, BogonRanges bogons,
                               List<InetSocketAddress> systemNameservers, LateReplies late) {
      return new Steps(new DnsProber(timeouts.dns(), bogons, systemNameservers, trust, late),
          new TcpProber(timeouts.tcp(), late.sockets()), new TlsProber(timeouts.tls(), trust),
          new HttpProber(timeouts.http(), limits, trust), bogons);
    }
  }

  /**
   * The most tasks one endpoint runs at once, its own thread included ({@link Tasks}), and the most sockets it holds
   * at once outside late-reply windows: A and AAAA through every resolver at once (2 per resolver: two sockets on
   * one thread over UDP, two threads over TCP and DoH), or one flow per address to dial, the remote vantage's tasks
   * and the AAAA query of a redirect host's lookup, whichever is more. The phases follow each other; the HTTP chain
   * and retries run on the flow's own thread.
   */
  public static int width(Plan plan) {
    int resolvers = plan.localResolvers().size() + (plan.controlResolver() == null ? 0 : 1);
    int helperTasks = plan.helpers() == null ? 0 : plan.helpers().tasks();
    return 1 + Math.max(2 * resolvers - 1, plan.maxAddresses() + helperTasks + 1);
  }

  /** A fresh budget of {@code timeouts.endpoint} from now. */
  public Budget newBudget() {
    return Budget.of(budget);
  }

  /**
   * Measures {@code endpoint}. Returns when its flows are done; the future completes once the late-reply windows
   * of its UDP queries have closed too (at once when there are none open), with every observation.
   */
  public CompletableFuture<EndpointObservations> measure(Endpoint endpoint, Fanout fanout, DnsRound round) {
    Instant startedAt = clock.instant();
    long t0 = System.nanoTime();
    Budget b = newBudget();
    List<PendingDns> local = List.of();
    List<PendingDns> control = List.of();
    List<IpAddress> dialSystem;
    List<IpAddress> dialOthers = List.of();
    Optional<IpAddress> literal = IpAddress.tryParse(endpoint.host());
    if (literal.isPresent()) {
      dialSystem = List.of(literal.get());
    } else {
      List<Supplier<List<PendingDns>>> queries = new ArrayList<>();
      for (ResolverSpec r : localResolvers) queries.add(() -> resolvePending(r, endpoint.host(), b, fanout, round));
      if (controlResolver != null) {
        queries.add(() -> resolvePending(controlResolver, endpoint.host(), b, fanout, round));
      }
      List<List<PendingDns>> answers = fanout.all(queries);
      List<PendingDns> flat = new ArrayList<>();
      for (int i = 0; i < localResolvers.size(); i++) flat.addAll(answers.get(i));
      local = flat;
      if (controlResolver != null) control = answers.get(answers.size() - 1);
      // The user's path is the system resolver's answers; the others' are dialled as witnesses (an IP block
      // shows on the control resolver's addresses even where the system resolver's answer is forged).
      dialSystem = dialable(observations(answers.get(0)));
      List<PendingDns> others = new ArrayList<>(flat.subList(answers.get(0).size(), flat.size()));
      others.addAll(control);
      dialOthers = dialable(observations(others));
    }
    if (!endpoint.dials()) {
      Flows none = new Flows(List.of(), List.of(), List.of(), List.of(), List.of());
      return complete(endpoint, startedAt, ms(t0), local, control, none, null);
    }

    // The helper measures from outside at the same moment, with the addresses this probe's resolver gave.
    List<IpAddress> forHelper = dialSystem;
    CompletableFuture<HelperObservation> helperAnswer = helpers == null ? null
        : fanout.submit(() -> helpers.ask(endpoint, forHelper, fanout, b.deadlineNanos()));

    Set<IpAddress> dial = new LinkedHashSet<>(dialSystem);
    dial.addAll(dialOthers);
    Flows flows = flows(endpoint, dial.stream().limit(maxAddresses).toList(), dialSystem, b, fanout, round);
    double ms = ms(t0);
    HelperObservation helper = helperAnswer == null ? null : helperAnswerOf(helperAnswer, startedAt);
    return complete(endpoint, startedAt, ms, local, control, flows, helper);
  }

  /** The record, once every late-reply window of the endpoint's queries has closed. */
  private CompletableFuture<EndpointObservations> complete(Endpoint endpoint, Instant startedAt, double ms,
                                                           List<PendingDns> local, List<PendingDns> control,
                                                           Flows flows, HelperObservation helper) {
    List<PendingDns> all = new ArrayList<>(local);
    all.addAll(control);
    all.addAll(flows.hopDns());
    List<CompletableFuture<Void>> windows = new ArrayList<>();
    for (PendingDns p : all) {
      windows.add(p.settled());
      for (PendingDns l : p.lookups()) windows.add(l.settled());
    }
    return CompletableFuture.allOf(windows.toArray(CompletableFuture[]::new)).thenApply(v -> {
      List<DnsObservation> dnsObs = new ArrayList<>();
      for (PendingDns p : local) addWithLookups(dnsObs, p);
      // The control resolver's DoH host lookup went through the system resolver: it belongs with those queries.
      for (PendingDns p : control) for (PendingDns l : p.lookups()) dnsObs.add(l.complete());
      for (PendingDns p : flows.hopDns()) dnsObs.add(p.complete());
      List<DnsObservation> controlObs = control.stream().map(PendingDns::complete).toList();
      return new EndpointObservations(endpoint, startedAt, ms, dnsObs, controlObs, flows.tcp(), flows.tls(),
          flows.sniSwap(), flows.http(), helper);
    });
  }

  private static void addWithLookups(List<DnsObservation> out, PendingDns p) {
    out.add(p.complete());
    for (PendingDns l : p.lookups()) out.add(l.complete());
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
          ExceptionFailures.of(cause, Operation.HTTP_REQUEST))), null);
    }
  }

  /**
   * Everything the flows of one endpoint did: connects, handshakes, SNI swaps, the HTTP chain of each attempt,
   * and the lookups of redirect hosts (pending their late-reply windows).
   */
  public record Flows(List<TcpObservation> tcp, List<TlsObservation> tls, List<TlsObservation> sniSwap,
                      List<HttpExchange> http, List<PendingDns> hopDns) {
    /** The last attempt's connect to {@code address} succeeded. */
    public boolean connected(IpAddress address) {
      TcpObservation last = null;
      for (TcpObservation t : tcp) if (t.address().equals(address) && (last == null || t.attempt() > last.attempt())) {
        last = t;
      }
      return last != null && last.ok();
    }
  }

  /**
   * One flow per address of {@code dial}, concurrently: connect, handshake where the endpoint needs TLS, the SNI
   * swap after a failed handshake, and the HTTP chain (for URLs) over the first usable connection to an address of
   * {@code path}, fetched once more on a new flow when its last hop failed. Public so that the control-server
   * measures exactly as the probe does.
   */
  public Flows flows(Endpoint endpoint, List<IpAddress> dial, List<IpAddress> path, Budget b, Fanout fanout,
                     DnsRound round) {
    FlowRecorder record = new FlowRecorder();
    boolean fetches = endpoint.kind() == Endpoint.Kind.URL;
    Set<IpAddress> onPath = Set.copyOf(path);
    AtomicBoolean claimed = new AtomicBoolean();
    AtomicReference<List<HttpExchange>> firstChain = new AtomicReference<>(List.of());
    Map<String, List<IpAddress>> known = HttpChain.newKnownHosts();
    HttpChain.HopResolver hopResolver = host -> resolveHop(host, b, fanout, round, record);
    HttpChain.Opener opener = (target, spec) -> dialer.dial(target, spec, Dialer.Kind.MAIN, null, record, b);
    Dialer.TlsSpec spec = tlsSpec(endpoint);
    Set<IpAddress> usable = ConcurrentHashMap.newKeySet();

    List<Supplier<IpAddress>> perAddress = new ArrayList<>();
    for (IpAddress a : dial) {
      perAddress.add(() -> {
        Dialer.Dialed d = addressFlow(endpoint, a, spec, record, b);
        if (d == null || d.connection() == null) return a;
        usable.add(a);
        if (fetches && onPath.contains(a) && claimed.compareAndSet(false, true)) {
          // This flow's connection carries the request: the ClientHello recorded above is the one HTTP rode on.
          firstChain.set(chain.fetch(endpoint.uri(), endpoint.method(), d.connection(), path, opener, hopResolver,
              known, 1, b));
        } else {
          d.connection().close();
        }
        return a;
      });
    }
    fanout.all(perAddress);

    List<HttpExchange> http = new ArrayList<>(firstChain.get());
    if (!http.isEmpty() && !http.get(http.size() - 1).ok() && pause(b, httpTimeout)) {
      // The whole chain once more, on a new flow: the address that carried the first attempt, then the others
      // of the path that were usable.
      List<IpAddress> again = new ArrayList<>();
      IpAddress firstHop = http.get(0).address();
      if (firstHop != null) again.add(firstHop);
      for (IpAddress a : path) if (usable.contains(a) && !again.contains(a)) again.add(a);
      if (!again.isEmpty()) {
        http.addAll(chain.fetch(endpoint.uri(), endpoint.method(), null, again, opener, hopResolver, known, 2, b));
      }
    }
    return new Flows(sorted(record.tcp(), TcpObservation::address, TcpObservation::flow, dial),
        sorted(record.tls(), TlsObservation::address, TlsObservation::flow, dial),
        sorted(record.sniSwap(), TlsObservation::address, TlsObservation::flow, dial), http, record.hopDns());
  }

  /**
   * One address: a connect and handshake, tried once more on a new connection after a failed connect or a failed
   * handshake (a validation failure is deterministic: retrying shows nothing new), then the SNI swap when the last
   * handshake failed the way a middlebox acting on the ClientHello makes it fail. Returns the last attempt.
   */
  private Dialer.Dialed addressFlow(Endpoint endpoint, IpAddress address, Dialer.TlsSpec spec, FlowRecorder record,
                                    Budget b) {
    IpPort target = new IpPort(address, endpoint.port());
    Dialer.Dialed last = null;
    TlsObservation lastHandshake = null;
    Duration oneAttempt = spec == null ? tcpTimeout : tcpTimeout.plus(tlsTimeout);
    for (int attempt = 1; attempt <= 2; attempt++) {
      if (attempt == 2 && !pause(b, oneAttempt)) break;
      last = dialer.dial(target, spec, Dialer.Kind.MAIN, null, record, b);
      if (last.flow() == 0) {
        // The budget was spent before this address's first connect: recorded as such (it shadows nothing), so
        // that an address never tried is not mistaken for one that was not to be tried.
        FlowRecorder.Start start = record.start(address, null);
        TcpObservation none = last.tcp();
        record.tcp(new TcpObservation(none.address(), none.port(), start.attempt(), none.startedAt(), 0,
            none.failure(), start.flow()));
        break;
      }
      if (last.tls() != null) lastHandshake = last.tls();
      if (last.established()) break;
      if (budgetFailure(last)) break;
    }
    if (spec != null && lastHandshake != null && !lastHandshake.handshakeOk() && swapWorthy(lastHandshake)
        && neutralSni != null && b.remainingNanos() >= oneAttempt.toNanos()) {
      // The same address, the same ClientHello but for the name: tells SNI filtering from a dead address.
      dialer.dial(target, new Dialer.TlsSpec(neutralSni, spec.alpn()), Dialer.Kind.SNI_SWAP,
          record.lastAttempt(address), record, b);
    }
    return last;
  }

  private static boolean budgetFailure(Dialer.Dialed d) {
    return d.failure() != null && d.failure().type() == FailureType.BUDGET_EXHAUSTED;
  }

  /** What the endpoint's ClientHello carries: https offers HTTP/1.1 (the request goes over it); tls:// a browser's. */
  private static Dialer.TlsSpec tlsSpec(Endpoint endpoint) {
    if (!endpoint.needsTls()) return null;
    return new Dialer.TlsSpec(endpoint.serverName(),
        endpoint.isHttps() ? TlsProber.ALPN_HTTP1 : TlsProber.ALPN_BROWSER);
  }

  /** ExceptionFailures that a middlebox acting on the ClientHello produces; a certificate problem is not one. */
  private static boolean swapWorthy(TlsObservation t) {
    FailureType f = t.failure().type();
    return f.interferenceShaped() || f == SSL_FAILED_HANDSHAKE;
  }

  /**
   * A and AAAA through one resolver, asked at once (as glibc does), retried once after a transient failure;
   * both attempts kept, complete with their late replies. No budget of an endpoint: a request of its own (the
   * control-server).
   */
  public List<DnsObservation> resolve(ResolverSpec resolver, String host, Budget b, Fanout fanout) {
    try (DnsRound round = new DnsRound()) {
      List<PendingDns> pending = resolvePending(resolver, host, b, fanout, round);
      List<DnsObservation> out = new ArrayList<>();
      for (PendingDns p : pending) addWithLookups(out, p);
      return out;
    }
  }

  private List<PendingDns> resolvePending(ResolverSpec resolver, String host, Budget b, Fanout fanout,
                                          DnsRound round) {
    List<PendingDns> first = bothTypes(resolver, host, 1, b, fanout, round);
    if (first.stream().noneMatch(p -> transientDnsFailure(p.observation())) || !pause(b, dns.timeout())) {
      return first;
    }
    List<PendingDns> out = new ArrayList<>(first);
    out.addAll(bothTypes(resolver, host, 2, b, fanout, round));
    return out;
  }

  private List<PendingDns> bothTypes(ResolverSpec resolver, String host, int attempt, Budget b, Fanout fanout,
                                     DnsRound round) {
    // Over UDP one thread asks both (DnsProber); TCP and DoH exchanges block, so each type gets its own thread.
    if (DnsProber.asksTogether(resolver)) return dns.query(resolver, host, DnsProber.BOTH, attempt, b, round);
    return fanout.all(List.of(() -> dns.query(resolver, host, DnsProber.AddressType.A, attempt, b, round),
        () -> dns.query(resolver, host, DnsProber.AddressType.AAAA, attempt, b, round)));
  }

  private static boolean transientDnsFailure(DnsObservation d) {
    return d.failure() != null && !d.failure().type().deterministicDnsAnswer()
        && d.failure().type() != FailureType.BUDGET_EXHAUSTED;
  }

  /**
   * A redirect to another name is resolved the way a user's browser would: through the system resolver, recorded
   * with the endpoint's queries. Like any answer, a bogon is not followed (and the control-server relies on this
   * against redirects into its network).
   */
  private List<IpAddress> resolveHop(String host, Budget b, Fanout fanout, DnsRound round, FlowRecorder record) {
    Optional<IpAddress> literal = IpAddress.tryParse(host);
    if (literal.isPresent()) return bogons.isBogon(literal.get().bytes()) ? List.of() : List.of(literal.get());
    List<PendingDns> obs = resolvePending(localResolvers.get(0), host, b, fanout, round);
    record.hopDns(obs);
    return dialable(observations(obs));
  }

  private static List<DnsObservation> observations(List<PendingDns> pending) {
    return pending.stream().map(PendingDns::observation).toList();
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

  /**
   * Addresses in dial order, then any other (a redirect's), each in flow order: the record reads the same whatever
   * order the threads ran in, and an address's connects stay in the order they were made.
   */
  private static <T> List<T> sorted(List<T> all, java.util.function.Function<T, IpAddress> address,
                                    java.util.function.ToIntFunction<T> flow, List<IpAddress> dial) {
    Map<IpAddress, Integer> rank = new HashMap<>();
    for (int i = 0; i < dial.size(); i++) rank.putIfAbsent(dial.get(i), i);
    List<T> out = new ArrayList<>(all);
    out.sort(Comparator.<T>comparingInt(t -> rank.getOrDefault(address.apply(t), Integer.MAX_VALUE))
        .thenComparingInt(flow));
    return out;
  }

  /**
   * Waits {@code retryPause} before a retry; false (no wait, no retry) when the budget would not leave the retry
   * {@code attempt}, its full deadline, after the pause: a retry the budget would cut records nothing but the budget,
   * and it would take the place of the first attempt's evidence as the latest attempt.
   */
  private boolean pause(Budget b, Duration attempt) {
    if (b.remainingNanos() < retryPause.plus(attempt).toNanos()) return false;
    if (retryPause.isZero()) return true;
    try {
      Thread.sleep(retryPause.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static double ms(long t0) {
    return (System.nanoTime() - t0) / 1e6;
  }
}
