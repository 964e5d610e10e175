package org.censorprobe.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.Security;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.censorprobe.probe.measure.bounds.Budget;
import org.censorprobe.probe.measure.tls.AesGcm;
import org.censorprobe.probe.measure.tls.KeyShares;
import org.censorprobe.probe.measure.tls.TlsProber;

/**
 * The client side of one https flow's TLS, alone and in thread CPU time: the probe's handshake (key shares, chain
 * capture, validation), a GET and a 2.3 KB response read, then close, against a JDK TLS server on loopback with
 * an RSA-2048 certificate, as the bench's nginx has. Blocks of flows rotate through three sets of providers: the
 * JDK's alone; with {@link KeyShares} (key shares, the measurement's reused P-256 share, and the X25519 secret);
 * and with {@link AesGcm} too (the probe's set), so a machine that slows down or speeds up moves every column alike.
 * The AES-GCM engine is the one the launcher's flags choose: SunJCE's where C2 may compile it, Bouncy Castle's with
 * {@code -Dcensorprobe.aesgcm=bouncycastle} (the launcher's C1-only verbs).
 *
 * <pre>java [the launcher's flags for run] -cp benchmarks.jar org.censorprobe.bench.HandshakeCpu [blocks]</pre>
 * Run it with the daemon's flags (bench/run does) to see what the daemon's measuring threads pay. Prints one
 * JSON object: the median microseconds of client-thread CPU and KiB allocated by it per flow, under each set.
 */
public final class HandshakeCpu {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final int PER_BLOCK = 100;
  private static final byte[] RESPONSE = response();

  private HandshakeCpu() {}

  public static void main(String[] args) throws Exception {
    int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    HeldCertificate root = new HeldCertificate.Builder().certificateAuthority(0).rsa2048().build();
    HeldCertificate leaf = new HeldCertificate.Builder().rsa2048().addSubjectAlternativeName("bench.test")
        .signedBy(root).build();
    HandshakeCertificates server = new HandshakeCertificates.Builder().heldCertificate(leaf, root.certificate())
        .build();
    HandshakeCertificates client = new HandshakeCertificates.Builder().addTrustedCertificate(root.certificate())
        .build();
    try (SSLServerSocket listener = (SSLServerSocket) server.sslContext().getServerSocketFactory()
        .createServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread serving = new Thread(() -> serve(listener), "tls-server");
      serving.setDaemon(true);
      serving.start();
      TlsProber prober = new TlsProber(Duration.ofSeconds(10), client.trustManager()); // installs the providers
      List<List<Double>> cpu = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      List<List<Double>> allocated = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      for (int b = 0; b < (blocks + 2) * 3; b++) {
        int set = b % 3;
        Security.removeProvider(KeyShares.PROVIDER);
        Security.removeProvider(AesGcm.PROVIDER);
        if (set >= 1) KeyShares.install();
        if (set == 2) AesGcm.install();
        long bytes = THREADS.getCurrentThreadAllocatedBytes();
        double us = block(prober, listener.getLocalPort());
        if (b >= 6) { // the first two rounds warm the JIT
          cpu.get(set).add(us);
          allocated.get(set).add((THREADS.getCurrentThreadAllocatedBytes() - bytes) / 1024.0 / PER_BLOCK);
        }
      }
      System.out.printf("{\"flow_cpu_us_jdk_providers\":%.1f,\"flow_cpu_us_with_key_shares\":%.1f,"
          + "\"flow_cpu_us_with_key_shares_and_aes_gcm\":%.1f,\"flow_kib_allocated_jdk_providers\":%.1f,"
          + "\"flow_kib_allocated_with_key_shares\":%.1f,\"flow_kib_allocated_with_key_shares_and_aes_gcm\":%.1f,"
          + "\"blocks_each\":%d,\"flows_per_block\":%d}%n",
          median(cpu.get(0)), median(cpu.get(1)), median(cpu.get(2)), median(allocated.get(0)),
          median(allocated.get(1)), median(allocated.get(2)), blocks, PER_BLOCK);
    }
  }

  private static double block(TlsProber prober, int port) throws Exception {
    long start = THREADS.getCurrentThreadCpuTime();
    byte[] buf = new byte[8192];
    for (int i = 0; i < PER_BLOCK; i++) {
      Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
      TlsProber.TlsAttempt a = prober.handshake(s, "bench.test", TlsProber.ALPN_HTTP1, 1, 1, Budget.unlimited());
      if (a.socket() == null || a.observation().validationFailure() != null) {
        throw new IllegalStateException("handshake: " + a.observation());
      }
      try (SSLSocket tls = a.socket()) {
        OutputStream out = tls.getOutputStream();
        out.write("GET / HTTP/1.1\r\nHost: bench.test\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = tls.getInputStream();
        int total = 0;
        for (int n; (n = in.read(buf)) > 0; ) total += n;
        if (total != RESPONSE.length) throw new IllegalStateException("response of " + total + " bytes");
      }
    }
    return (THREADS.getCurrentThreadCpuTime() - start) / 1e3 / PER_BLOCK;
  }

  private static void serve(ServerSocket listener) {
    byte[] buf = new byte[4096];
    while (true) {
      try (Socket s = listener.accept()) {
        InputStream in = s.getInputStream();
        int matched = 0;
        while (matched < 4) { // up to the blank line
          int c = in.read();
          if (c < 0) break;
          matched = (c == '\r' || c == '\n') ? matched + 1 : 0;
        }
        s.getOutputStream().write(RESPONSE);
        s.getOutputStream().flush();
      } catch (Exception e) {
        if (listener.isClosed()) return;
      }
    }
  }

  private static byte[] response() {
    StringBuilder body = new StringBuilder("<!doctype html><html><head><title>bench</title></head><body>\n");
    while (body.length() < 2200) body.append("<p>bench page line: lorem ipsum dolor sit amet consectetur</p>\n");
    body.append("</body></html>\n");
    String head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + body.length()
        + "\r\nConnection: close\r\n\r\n";
    return (head + body).getBytes(StandardCharsets.US_ASCII);
  }

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    s.sort(null);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }
}
