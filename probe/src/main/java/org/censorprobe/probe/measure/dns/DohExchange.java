package org.censorprobe.probe.measure.dns;

import static org.censorprobe.format.observe.FailureType.DNS_SERVER_MISBEHAVING;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;
import org.xbill.DNS.Message;

/**
 * One query over DNS-over-HTTPS (RFC 8484, POST application/dns-message). The reply body is read up to
 * {@link UdpExchange#MAX_REPLY_BYTES}; more is a misbehaving server, not a memory problem.
 */
final class DohExchange {
  private static final MediaType DNS_MESSAGE = MediaType.get("application/dns-message");

  private final OkHttpClient client;

  /** @param trustManager null: the JDK's default trust store */
  DohExchange(Duration timeout, X509TrustManager trustManager) {
    OkHttpClient.Builder b = new OkHttpClient.Builder()
        .proxy(Proxy.NO_PROXY) // a measurement goes direct; a system proxy would measure the proxy
        .followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false)
        .callTimeout(timeout)
        // No idle connections kept: each query measures its own connection, and nothing lingers between rounds.
        .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
        // Never the JDK resolver: names are resolved by the prober and pinned per call (see exchange()).
        .dns(hostname -> {
          throw new java.net.UnknownHostException("DoH host " + hostname + " was not resolved by the prober");
        });
    if (trustManager != null) {
      try {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {trustManager}, null);
        b.sslSocketFactory(tls.getSocketFactory(), trustManager);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("TLS is not available: " + e, e);
      }
    }
    this.client = b.build();
  }

  /**
   * @param hostAddresses where the URI's host name points, as resolved by the prober; unused (okhttp parses the
   *     literal itself) when the host is an IP literal
   */
  Message exchange(Message query, URI uri, List<InetAddress> hostAddresses, long deadlineNanos)
      throws IOException {
    long leftNanos = deadlineNanos - System.nanoTime();
    if (leftNanos <= 0) throw new SocketTimeoutException("deadline passed before the DoH request");
    OkHttpClient pinned = client.newBuilder().dns(hostname -> hostAddresses).build();
    Request request = new Request.Builder()
        .url(uri.toString())
        .header("Accept", DNS_MESSAGE.toString())
        .post(RequestBody.create(query.toWire(), DNS_MESSAGE))
        .build();
    Call call = pinned.newCall(request);
    call.timeout().timeout(leftNanos, TimeUnit.NANOSECONDS);
    try (Response response = call.execute()) {
      if (response.code() != 200) {
        throw new DnsReplyException(DNS_SERVER_MISBEHAVING, "DoH HTTP status " + response.code());
      }
      String type = response.header("Content-Type", "");
      if (!type.toLowerCase(java.util.Locale.ROOT).startsWith(DNS_MESSAGE.toString())) {
        throw new DnsReplyException(DNS_SERVER_MISBEHAVING, "DoH content type '" + bounded(type) + "'");
      }
      BufferedSource body = response.body().source();
      if (body.request(UdpExchange.MAX_REPLY_BYTES + 1L)) {
        throw new DnsReplyException(DNS_SERVER_MISBEHAVING,
            "DoH reply larger than " + UdpExchange.MAX_REPLY_BYTES + " bytes");
      }
      return ReplyCheck.parse(body.getBuffer().readByteArray(), query);
    }
  }

  private static String bounded(String s) {
    return s.length() > 100 ? s.substring(0, 100) : s;
  }
}
