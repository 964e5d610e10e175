package org.censorprobe.probe.round;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.X509TrustManager;
import org.censorprobe.probe.config.ProbeConfig;
import org.censorprobe.probe.control.HelperClients;
import org.censorprobe.probe.measure.EndpointMeasurer;
import org.censorprobe.probe.measure.Round;
import org.censorprobe.probe.measure.Tasks;
import org.censorprobe.probe.measure.dns.BogonRanges;
import org.censorprobe.probe.measure.dns.SystemNameservers;
import org.censorprobe.probe.measure.tls.TrustAnchors;

/**
 * The measuring machinery for one config: steps, measurer and round, built once and reused by every round
 * until the config is reloaded. Holds no per-round state.
 */
public final class ProbeEngine implements AutoCloseable {
  /** Long enough to outlast one lost packet's effect, short enough not to stretch a round. */
  public static final Duration DEFAULT_RETRY_PAUSE = Duration.ofMillis(500);

  private final ProbeConfig config;
  private final Tasks tasks;
  private final Round round;

  public ProbeEngine(ProbeConfig config, Path resolvConf, Duration retryPause, Clock clock) {
    this(config, SystemNameservers.fromResolvConf(resolvConf), retryPause, clock);
  }

  /** @param systemNameservers the system resolver's servers (tests give a port, which resolv.conf cannot) */
  public ProbeEngine(ProbeConfig config, List<InetSocketAddress> systemNameservers, Duration retryPause,
                     Clock clock) {
    this.config = config;
    this.tasks = Tasks.create();
    X509TrustManager trust = TrustAnchors.load(config.tlsTrust());
    var steps = EndpointMeasurer.Steps.create(config.timeouts(), config.limits(), trust,
        BogonRanges.excluding(config.notBogons()), systemNameservers);
    var helpers = HelperClients.create(config.control().helpers(), config.timeouts(), trust, steps.dns(), tasks,
        clock);
    var plan = new EndpointMeasurer.Plan(config.localResolvers(), config.control().resolver(), config.control().sni(),
        config.limits().addressesPerEndpoint(), retryPause, helpers);
    var measurer = new EndpointMeasurer(steps, plan, tasks, clock);
    this.round = new Round(measurer, tasks, config.limits().concurrency());
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

  @Override
  public void close() {
    tasks.close();
  }
}
