package org.censorprobe.probe.measure.http;

import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.Response;

/**
 * What okhttp did during one exchange: when the request went out and whether the response head came, and the bytes
 * received meanwhile. Events arrive on the calling thread for a synchronous call, but volatile keeps a cancel from
 * the timeout thread visible.
 */
final class HopEvents extends EventListener {
  private final long startNanos = System.nanoTime();
  private final java.util.function.LongSupplier received;
  private volatile long receivedBeforeHead = -1;
  private volatile boolean requestSent;
  private volatile long headersNanos = -1;
  private volatile long requestNanos = -1;

  /** Each call's listener is the one its request carries as a tag (one client serves every hop). */
  static final EventListener.Factory FACTORY = call -> {
    HopEvents e = call.request().tag(HopEvents.class);
    return e == null ? EventListener.NONE : e;
  };

  /** @param received bytes the connection has received so far */
  HopEvents(java.util.function.LongSupplier received) {
    this.received = received;
  }

  @Override
  public void requestHeadersStart(Call call) {
    requestNanos = System.nanoTime();
  }

  @Override
  public void requestHeadersEnd(Call call, okhttp3.Request request) {
    requestSent = true;
    receivedBeforeHead = received.getAsLong();
  }

  @Override
  public void responseHeadersEnd(Call call, Response response) {
    headersNanos = System.nanoTime();
  }

  boolean requestSent() {
    return requestSent;
  }

  boolean headArrived() {
    return headersNanos >= 0;
  }

  /** Bytes received since the request went out, i.e. of the response head while no head has arrived. */
  long receivedSinceRequest() {
    return receivedBeforeHead < 0 ? 0 : received.getAsLong() - receivedBeforeHead;
  }

  long startNanos() {
    return startNanos;
  }

  /**
   * From writing the request to the end of the response head, or null when no head arrived. The connection is the
   * flow's, made before (its connect and handshake have their own durations), so this is the server's answer and the
   * path's round trips only, not the client's own setup (which, in a JVM's first request, is mostly class loading).
   */
  Double timeToFirstByteMs() {
    if (headersNanos < 0) return null;
    return (headersNanos - (requestNanos >= 0 ? requestNanos : startNanos)) / 1e6;
  }
}
