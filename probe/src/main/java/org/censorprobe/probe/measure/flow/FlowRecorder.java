package org.censorprobe.probe.measure.flow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.observe.TcpObservation;
import org.censorprobe.format.observe.TlsObservation;
import org.censorprobe.probe.measure.dns.PendingDns;

/**
 * Everything one endpoint's flows did, as they did it, from any of the endpoint's threads: every connect
 * (including to addresses tried and abandoned, and the SNI swap's), every handshake, and the lookups made for
 * redirect hosts. Hands out the flow ids (1, 2, ... per endpoint: OONI's transaction ids) and the attempt numbers:
 * the n-th connection made to an address is its attempt n, so the highest attempt of an address is its latest
 * state, whichever step made it (a retry, the HTTP retry's new connection, a redirect back to it).
 */
public final class FlowRecorder {
  private final AtomicInteger flows = new AtomicInteger();
  private final Map<IpAddress, Integer> attempts = new HashMap<>();
  private final List<TcpObservation> tcp = new ArrayList<>();
  private final List<TlsObservation> tls = new ArrayList<>();
  private final List<TlsObservation> sniSwap = new ArrayList<>();
  private final List<PendingDns> hopDns = new ArrayList<>();

  /** A new connection's id and attempt number. */
  public record Start(int flow, int attempt) {}

  /**
   * A new connection to {@code address}: the next flow id and, unless {@code attempt} is given (the SNI swap
   * shares the attempt it follows), the next attempt number for the address, taken together so that a later flow
   * never carries an earlier attempt.
   */
  public synchronized Start start(IpAddress address, Integer attempt) {
    int a = attempt != null ? attempt : attempts.merge(address, 1, Integer::sum);
    return new Start(flows.incrementAndGet(), a);
  }

  /** The attempt number of the last connection made to {@code address} (0: none yet). */
  public synchronized int lastAttempt(IpAddress address) {
    return attempts.getOrDefault(address, 0);
  }

  public synchronized void tcp(TcpObservation o) {
    tcp.add(o);
  }

  public synchronized void tls(TlsObservation o) {
    tls.add(o);
  }

  public synchronized void sniSwap(TlsObservation o) {
    sniSwap.add(o);
  }

  public synchronized void hopDns(List<PendingDns> o) {
    hopDns.addAll(o);
  }

  public synchronized List<TcpObservation> tcp() {
    return List.copyOf(tcp);
  }

  public synchronized List<TlsObservation> tls() {
    return List.copyOf(tls);
  }

  public synchronized List<TlsObservation> sniSwap() {
    return List.copyOf(sniSwap);
  }

  public synchronized List<PendingDns> hopDns() {
    return List.copyOf(hopDns);
  }
}
