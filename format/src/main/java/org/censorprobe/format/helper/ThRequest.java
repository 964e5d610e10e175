package org.censorprobe.format.helper;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A request in the shape of OONI's web-connectivity test helper: measure this URL and these addresses.
 * {@code x_endpoint} is censorprobe's own addition (OONI's helpers ignore it): a {@code tls://} or {@code tcp://}
 * endpoint for which no HTTP request is wanted.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ThRequest(
    @JsonProperty("http_request") String httpRequest,
    @JsonProperty("http_request_headers") Map<String, List<String>> httpRequestHeaders,
    @JsonProperty("tcp_connect") List<String> tcpConnect,
    @JsonProperty("x_endpoint") String xEndpoint) {

  public ThRequest {
    httpRequestHeaders = httpRequestHeaders == null ? Map.of() : Map.copyOf(httpRequestHeaders);
    tcpConnect = tcpConnect == null ? List.of() : List.copyOf(tcpConnect);
  }
}
