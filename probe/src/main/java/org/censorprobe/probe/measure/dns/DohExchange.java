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
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;
import org.xbill.DNS.Message;

/**
 * Queries over DNS-over-HTTPS (RFC 8484, POST application/dns-message). The reply body is read up to
 * {@link UdpExchange#MAX_REPLY_BYTES}; more is a misbehaving server, not a memory problem.
 *
 * <p>One {@link Session} per DoH server per round: its connections are kept and reused by the round's queries (a
 * browser keeps its DoH connection too, and a handshake per query was most of a DoH query's cost), and closed when
 * the round ends, so nothing rides from one round into the next. HTTP/1.1 only, as the HTTP step: HTTP/2 would let
 * a server push up to its flow-control window into memory before anything is read.
 */
final class DohExchange {
  private static final MediaType DNS_MESSAGE = MediaType.get("application/dns-message");
  /** Idle connections a session keeps: enough for the queries a round has in flight at once to a server. */
  static final int IDLE_CONNECTIONS = 4;

  private final OkHttpClient base;

  /** @param trustManager null: the JDK's default trust store */
  DohExchange(Duration timeout, X509TrustManager trustManager) {
    OkHttpClient.Builder b = new OkHttpClient.Builder()
        .proxy(Proxy.NO_PROXY) // a measurement goes direct; a system proxy would measure the proxy
        .followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false)
        .protocols(List.of(Protocol.HTTP_1_1))
        .callTimeout(timeout)
        // No read timeout on the sockets: each call's deadline bounds its reads, and JSSE's close waits for the
        // server's close_notify only on a socket that has one (okhttp's default, 10 s). With it, a server that
        // answered and then fell silent held the round's end 10 s per idle connection (DohExchangeCloseTest).
        .readTimeout(Duration.ZERO)
        .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
        // Never the JDK resolver: the session pins the addresses the prober resolved.
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
    this.base = b.build();
  }

  /**
   * A client for one server in one round, connecting to {@code hostAddresses} (where the URI's host points, as
   * resolved by the prober; unused for an IP-literal host, which okhttp parses itself).
   */
  Session session(List<InetAddress> hostAddresses) {
    ConnectionPool pool = new ConnectionPool(IDLE_CONNECTIONS, 5, TimeUnit.MINUTES);
    return new Session(base.newBuilder().dns(hostname -> hostAddresses).connectionPool(pool).build(), pool);
  }

  /** One server's client for one round; {@link #close} drops its connections. */
  static final class Session implements AutoCloseable {
    private final OkHttpClient client;
    private final ConnectionPool pool;

    private Session(OkHttpClient client, ConnectionPool pool) {
      this.client = client;
      this.pool = pool;
    }

    Message exchange(Message query, URI uri, long deadlineNanos) throws IOException {
      long leftNanos = deadlineNanos - System.nanoTime();
      if (leftNanos <= 0) throw new SocketTimeoutException("deadline passed before the DoH request");
      Request request = new Request.Builder()
          .url(uri.toString())
          .header("Accept", DNS_MESSAGE.toString())
          .post(RequestBody.create(query.toWire(), DNS_MESSAGE))
          .build();
      Call call = client.newCall(request);
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

    @Override
    public void close() {
      pool.evictAll();
    }
  }

  private static String bounded(String s) {
    return s.length() > 100 ? s.substring(0, 100) : s;
  }
}
