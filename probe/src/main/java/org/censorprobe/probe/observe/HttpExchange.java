package org.censorprobe.probe.observe;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request and its response: one hop of a redirect chain. {@code address} is the IP the request went to.
 * {@code statusCode} is 0 when no response head arrived. The body is read up to the cap: {@code bodyLength} is
 * the bytes read, {@code bodyTruncated} whether the cap cut it, {@code bodySample} its first few KiB as text
 * (for blockpage fingerprints and evidence). {@code transferBytesPerSecond} is over the body read only.
 */
public record HttpExchange(
    String url,
    String address,
    int attempt,
    Instant startedAt,
    double durationMs,
    int statusCode,
    Map<String, List<String>> headers,
    long bodyLength,
    boolean bodyTruncated,
    String bodySha256,
    String title,
    String bodySample,
    Double timeToFirstByteMs,
    Double transferBytesPerSecond,
    Failure failure) {

  public HttpExchange {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  public boolean ok() {
    return failure == null;
  }
}
