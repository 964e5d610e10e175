/**
 * The HTTP step: {@link org.censorprobe.probe.measure.http.HttpProber#fetch} GETs a URL over addresses the
 * DNS step already found and records every redirect hop as its own exchange.
 *
 * <p>Decisions that the classifier relies on:
 * <ul>
 *   <li>No lookups: the first hop uses the given addresses, a redirect to another name asks {@code resolveHop};
 *       an empty answer ends the chain with {@code dns_no_answer} (operation {@code resolve}), since the prober
 *       cannot tell NXDOMAIN from an empty or filtered answer. IP-literal hosts need no addresses.
 *   <li>Operations say how far the hop got: {@code connect}, {@code tls_handshake}, {@code tls_validation}
 *       (unknown authority, wrong name), {@code http_request} (request sent, no head yet; also the redirect
 *       failures and {@code http_headers_too_large}), {@code http_body}.
 *   <li>End of stream: a peer that closes before a head, or inside the head or the body, gives {@code eof_error}
 *       (okhttp's "unexpected end of stream"), as OONI does: an injected FIN looks exactly like this. Bytes
 *       that are not HTTP (a bad status line, another protocol's banner, a bad chunk size, corrupt gzip) give
 *       {@code http_protocol_error}.
 *   <li>Deadline: one call timeout per hop covers connect, head and body; when it fires the failure is
 *       {@code generic_timeout_error} in the operation under way. A body longer than {@code limits.bodyBytes}
 *       is cut there and marked truncated, without failure.
 *   <li>Compression: only gzip is asked for and it is inflated here, within {@code limits.decompressedBytes}
 *       ({@code http_body_too_large} past it). A server sending another encoding anyway is recorded raw.
 * </ul>
 */
package org.censorprobe.probe.measure.http;
