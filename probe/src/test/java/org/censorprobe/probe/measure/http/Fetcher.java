package org.censorprobe.probe.measure.http;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import javax.net.ssl.X509TrustManager;
import org.censorprobe.format.endpoint.Endpoint;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.observe.HttpExchange;
import org.censorprobe.probe.config.Limits;
import org.censorprobe.probe.measure.bounds.Budget;
import org.censorprobe.probe.measure.flow.Dialer;
import org.censorprobe.probe.measure.flow.FlowRecorder;
import org.censorprobe.probe.measure.tcp.TcpProber;
import org.censorprobe.probe.measure.tls.TlsProber;

/** The HTTP step as the measurer runs it for a chain without a connection given: flows opened per hop. */
final class Fetcher {
  final FlowRecorder record = new FlowRecorder();
  private final HttpChain chain;
  private final Dialer dialer;

  Fetcher(Duration timeout, Limits limits, X509TrustManager trust) {
    this.chain = new HttpChain(new HttpProber(timeout, limits, trust), limits.addressesPerEndpoint());
    this.dialer = new Dialer(new TcpProber(timeout), new TlsProber(timeout, trust));
  }

  List<HttpExchange> fetch(URI url, List<InetAddress> addresses, Function<String, List<InetAddress>> resolveHop,
                           int attempt) {
    return fetch(url, Endpoint.HttpMethod.GET, addresses, resolveHop, attempt);
  }

  List<HttpExchange> fetch(URI url, Endpoint.HttpMethod method, List<InetAddress> addresses,
                           Function<String, List<InetAddress>> resolveHop, int attempt) {
    return fetch(url, method, addresses, resolveHop, attempt, Budget.unlimited());
  }

  /** As the measurer runs it within an endpoint's {@code budget}. */
  List<HttpExchange> fetch(URI url, Endpoint.HttpMethod method, List<InetAddress> addresses,
                           Function<String, List<InetAddress>> resolveHop, int attempt, Budget budget) {
    return chain.fetch(url, method, null, addresses.stream().map(IpAddress::of).toList(),
        (target, spec) -> dialer.dial(target, spec, Dialer.Kind.MAIN, null, record, budget),
        host -> resolveHop.apply(host).stream().map(IpAddress::of).toList(), HttpChain.newKnownHosts(), attempt,
        budget);
  }
}
