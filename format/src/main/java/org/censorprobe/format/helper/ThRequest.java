package org.censorprobe.format.helper;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A request in the shape of OONI's web-connectivity test helper: measure this URL and these addresses.
 * {@code x_endpoint} is censorprobe's own addition (OONI's helpers ignore it): a {@code tls://} or {@code tcp://}
 * endpoint for which no HTTP request is wanted; {@code x_http_method} (censorprobe's too) is {@code POST} when the
 * probe's own request is an empty-body POST (OONI's telegram test), so that both vantages send the same request.
 * Absent, the request is a GET, as OONI's helpers assume.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ThRequest(
    @JsonProperty("http_request") String httpRequest,
    @JsonProperty("http_request_headers") Map<String, List<String>> httpRequestHeaders,
    @JsonProperty("tcp_connect") List<String> tcpConnect,
    @JsonProperty("x_endpoint") String xEndpoint,
    @JsonProperty("x_http_method") String xHttpMethod) {

  /** A request without {@code x_http_method}: a GET. */
  public ThRequest(String httpRequest, Map<String, List<String>> httpRequestHeaders, List<String> tcpConnect,
                   String xEndpoint) {
    this(httpRequest, httpRequestHeaders, tcpConnect, xEndpoint, null);
  }

  public ThRequest {
    httpRequestHeaders = httpRequestHeaders == null ? Map.of() : Map.copyOf(httpRequestHeaders);
    tcpConnect = tcpConnect == null ? List.of() : List.copyOf(tcpConnect);
  }
}
