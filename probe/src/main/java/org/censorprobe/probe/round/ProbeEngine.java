package org.censorprobe.probe.round;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.X509TrustManager;
import org.censorprobe.probe.config.ProbeConfig;
import org.censorprobe.probe.control.HelperClients;
import org.censorprobe.probe.measure.EndpointMeasurer;
import org.censorprobe.probe.measure.Round;
import org.censorprobe.probe.measure.bounds.Sockets;
import org.censorprobe.probe.measure.Tasks;
import org.censorprobe.probe.measure.dns.BogonRanges;
import org.censorprobe.probe.measure.dns.LateReplies;
import org.censorprobe.probe.measure.dns.SystemNameservers;
import org.censorprobe.probe.measure.tls.TrustAnchors;

/**
 * The measuring machinery for one config: steps, measurer and round, built once and reused by every round
 * until the config is reloaded. Holds no per-round state.
 */
public final class ProbeEngine implements AutoCloseable {
  /** Long enough to outlast one lost packet's effect, short enough not to stretch a round. */
  public static final Duration DEFAULT_RETRY_PAUSE = Duration.ofMillis(500);

  /** Late-reply windows the background listener holds per measuring task, and at most (see {@link #lateRoom}). */
  static final int LATE_WINDOWS_PER_TASK = 8;
  static final int MAX_LATE_WINDOWS = 4096;

  private final ProbeConfig config;
  private final Tasks tasks;
  private final LateReplies late;
  private final Sockets sockets = new Sockets();
  private final Round round;

  public ProbeEngine(ProbeConfig config, Path resolvConf, Duration retryPause, Clock clock) {
    this(config, SystemNameservers.fromResolvConf(resolvConf), retryPause, clock);
  }

  /** @param systemNameservers the system resolver's servers (tests give a port, which resolv.conf cannot) */
  public ProbeEngine(ProbeConfig config, List<InetSocketAddress> systemNameservers, Duration retryPause,
                     Clock clock) {
    this(config, systemNameservers, retryPause, clock, false);
  }

  /** @param platformThreads platform threads even where virtual ones exist (what JDK 17 runs; tests) */
  public ProbeEngine(ProbeConfig config, List<InetSocketAddress> systemNameservers, Duration retryPause,
                     Clock clock, boolean platformThreads) {
    this.config = config;
    X509TrustManager trust = TrustAnchors.load(config.tlsTrust());
    int concurrency = config.limits().concurrency();
    var helpers = HelperClients.create(config.control().helpers(), config.timeouts(), trust,
        new org.censorprobe.probe.measure.dns.DnsProber(config.timeouts().dns(),
            BogonRanges.excluding(config.notBogons()), systemNameservers), clock);
    var plan = new EndpointMeasurer.Plan(config.localResolvers(), config.control().resolver(), config.control().sni(),
        config.limits().addressesPerEndpoint(), retryPause, helpers, config.timeouts().endpoint());
    int width = EndpointMeasurer.width(plan);
    this.late = new LateReplies(LateReplies.WINDOW, lateRoom(concurrency * width), sockets);
    var steps = EndpointMeasurer.Steps.create(config.timeouts(), config.limits(), trust,
        BogonRanges.excluding(config.notBogons()), systemNameservers, late);
    var measurer = new EndpointMeasurer(steps, plan, clock);
    this.tasks = platformThreads ? Tasks.platformThreads(concurrency, width) : Tasks.create(concurrency, width);
    this.round = new Round(measurer, tasks);
  }

  public ProbeConfig config() {
    return config;
  }

  public Round round() {
    return round;
  }

  public boolean virtualThreads() {
    return tasks.virtualThreads();
  }

  /** The measuring threads and their bound (docs/architecture.md). */
  public Tasks tasks() {
    return tasks;
  }

  /** The measuring sockets open now and at most (docs/architecture.md). */
  public Sockets sockets() {
    return sockets;
  }

  /**
   * The most measuring sockets open at once: one per measuring task, plus the late-reply windows held in the
   * background (docs/architecture.md). DoH sessions' and helpers' pooled connections are okhttp's, apart.
   */
  public int socketBound() {
    return tasks.threadBound() + lateRoom(tasks.threadBound());
  }

  /**
   * How many late-reply windows the background listener holds at once (docs/architecture.md, "Threads and
   * sockets"). A query that finds no room listens out its window on its own thread and holds its endpoint up to
   * {@link LateReplies#WINDOW}: with a resolver that answers in a millisecond, each measuring task can start a
   * query every few milliseconds while each window lasts 500 ms, and with one socket per task more than a tenth of
   * the bench's queries waited. Eight per task, with a ceiling so that a large {@code concurrency} cannot ask for
   * more descriptors than a small machine allows.
   */
  static int lateRoom(int measuringThreads) {
    return Math.min(LATE_WINDOWS_PER_TASK * measuringThreads, MAX_LATE_WINDOWS);
  }


  @Override
  public void close() {
    tasks.close();
    late.close();
  }
}
