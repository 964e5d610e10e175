package org.censorprobe.format.helper;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The answer, in OONI's web-connectivity test helper shape ({@code dns}, {@code tcp_connect}, {@code tls_handshake},
 * {@code http_request}, {@code ip_info}); censorprobe's additions sit under {@code x_} keys, which OONI's clients
 * ignore. See docs/control-protocol.md.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ThResponse(
    @JsonProperty("dns") Dns dns,
    @JsonProperty("tcp_connect") Map<String, TcpConnect> tcpConnect,
    @JsonProperty("tls_handshake") Map<String, TlsHandshake> tlsHandshake,
    @JsonProperty("http_request") HttpRequest httpRequest,
    @JsonProperty("ip_info") Map<String, IpInfo> ipInfo,
    @JsonProperty("x_version") String xVersion) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Dns(@JsonProperty("failure") String failure, @JsonProperty("addrs") List<String> addrs) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record TcpConnect(@JsonProperty("status") boolean status, @JsonProperty("failure") String failure) {}

  /**
   * {@code x_chain}: the certificate chain the helper saw (subject, issuer, sha256); {@code x_sni_swap}: the
   * handshake repeated with a neutral server name after a failure (null when not done); {@code x_duration_ms}.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record TlsHandshake(
      @JsonProperty("server_name") String serverName,
      @JsonProperty("status") boolean status,
      @JsonProperty("failure") String failure,
      @JsonProperty("x_validation_failure") String xValidationFailure,
      @JsonProperty("x_chain") List<Map<String, String>> xChain,
      @JsonProperty("x_duration_ms") Double xDurationMs,
      @JsonProperty("x_sni_swap") SniSwap xSniSwap) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record SniSwap(@JsonProperty("server_name") String serverName, @JsonProperty("status") boolean status,
                        @JsonProperty("failure") String failure) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record HttpRequest(
      @JsonProperty("body_length") long bodyLength,
      @JsonProperty("failure") String failure,
      @JsonProperty("title") String title,
      @JsonProperty("headers") Map<String, String> headers,
      @JsonProperty("status_code") int statusCode) {}

  /** {@code flags}: OONI's bits: 1 from the helper's resolver, 2 from the probe, 4 bogon, 8 valid TLS for the domain. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record IpInfo(@JsonProperty("asn") long asn, @JsonProperty("flags") int flags) {
    public static final int FLAG_RESOLVER = 1;
    public static final int FLAG_PROBE = 2;
    public static final int FLAG_BOGON = 4;
    public static final int FLAG_VALID_FOR_DOMAIN = 8;
  }
}
