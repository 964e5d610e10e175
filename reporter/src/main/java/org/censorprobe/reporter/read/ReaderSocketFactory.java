package org.censorprobe.reporter.read;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.postgresql.ssl.DefaultJavaSSLFactory;
import org.postgresql.ssl.LibPQFactory;
import org.postgresql.util.PSQLException;

/**
 * The TLS sockets of the reporter's connections to the central store: pgjdbc's own factory (LibPQFactory with
 * {@code sslrootcert}, the JDK's trust store without), which does all the verifying, with one change: for TLS 1.3
 * the ClientHello offers ChaCha20-Poly1305 first and AES-128-GCM, not AES-256-GCM.
 *
 * <p>Why: a report reads every row of its window through one TLS stream (112 MB for a million measurements), and
 * the launcher runs the JVM with C1 only (reporter/bin/reporter says why). C1 has none of C2's AES and GHASH
 * intrinsics, so AES-GCM is Java table lookups and a bit-serial GHASH, which made decryption most of a cold report's
 * CPU; ChaCha20-Poly1305 is add-rotate-xor arithmetic that C1 compiles well. Over the bench's 1 M central rows a
 * cold report took 5.5 s with AES-256-GCM and 3.7 s with ChaCha20-Poly1305 (bench/README.md).
 *
 * <p>AES-256-GCM is left out because PostgreSQL chooses by its own order ({@code ssl_prefer_server_ciphers} is on
 * by default) and OpenSSL's puts it first: offered, it would be chosen. Nothing is lost by that: a server that
 * speaks TLS 1.3 but has no ChaCha20 (a FIPS build) must still implement AES-128-GCM (RFC 8446, 9.1), and both
 * are AEADs of the same standing. TLS 1.2's suites stay the JDK's, for servers older than TLS 1.3.
 */
public final class ReaderSocketFactory extends SSLSocketFactory {
  static final String CHACHA20 = "TLS_CHACHA20_POLY1305_SHA256";
  static final String AES_128_GCM = "TLS_AES_128_GCM_SHA256";
  static final String AES_256_GCM = "TLS_AES_256_GCM_SHA384";

  private final SSLSocketFactory pgjdbc;

  /** pgjdbc makes it by reflection, with the connection's properties (the {@code sslfactory} property names it). */
  public ReaderSocketFactory(Properties info) throws PSQLException {
    pgjdbc = info.getProperty("sslrootcert") != null ? new LibPQFactory(info) : new DefaultJavaSSLFactory(info);
  }

  /** The suites to offer, from those the JDK enables: ChaCha20 first, AES-256-GCM left out, the rest in order. */
  static String[] preferred(String[] enabled) {
    List<String> out = new ArrayList<>(enabled.length);
    boolean chacha = false;
    for (String s : enabled) {
      if (s.equals(CHACHA20)) chacha = true;
      else if (!s.equals(AES_256_GCM)) out.add(s);
    }
    if (chacha) out.add(0, CHACHA20);
    if (!out.contains(AES_128_GCM)) return enabled; // a JDK configured without it: keep its choice whole
    return out.toArray(String[]::new);
  }

  private static Socket tuned(Socket socket) {
    if (socket instanceof SSLSocket tls) tls.setEnabledCipherSuites(preferred(tls.getEnabledCipherSuites()));
    return socket;
  }

  @Override
  public Socket createSocket(Socket plain, String host, int port, boolean autoClose) throws IOException {
    return tuned(pgjdbc.createSocket(plain, host, port, autoClose));
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return tuned(pgjdbc.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return tuned(pgjdbc.createSocket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return tuned(pgjdbc.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return tuned(pgjdbc.createSocket(address, port, localAddress, localPort));
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return preferred(pgjdbc.getDefaultCipherSuites());
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return pgjdbc.getSupportedCipherSuites();
  }
}
