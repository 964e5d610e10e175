package org.censorprobe.format.observe;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.censorprobe.format.net.IpAddress;

/**
 * One HTTP request and its response: one hop of a redirect chain. {@code address} is the IP the request went to
 * (null when no connection was made). {@code statusCode} is 0 when no response head arrived. The body is read up
 * to the cap: {@code bodyLength} the bytes read, {@code bodyTruncated} whether the cap cut it, {@code bodySample}
 * its first few KiB as text (for blockpage fingerprints and evidence). {@code transferBytesPerSecond} is over the
 * body read only. {@code flow}: the connection it ran on.
 */
public record HttpExchange(
    String method,
    String url,
    IpAddress address,
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
    Failure failure,
    int flow) {

  public HttpExchange {
    method = method == null ? "GET" : method;
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  public boolean ok() {
    return failure == null;
  }

  public boolean isHttps() {
    return url != null && url.regionMatches(true, 0, "https:", 0, 6);
  }
}
