package org.censorprobe.probe.measure.tls;

import java.io.OutputStream;
import java.net.InetAddress;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * A TLS server in a JVM of its own, run with {@code -Djdk.tls.namedGroups=GROUP}: JDK 17 can restrict a server's
 * groups only for the whole JVM, and the test needs a server that accepts nothing but one group so that the
 * client's key share for that group is the one the handshake's secret comes from. Prints its port, serves one
 * handshake (or as many as its argument says, one after the other), writes one byte on each and exits.
 */
public final class OneGroupServer {
  private OneGroupServer() {}

  public static void main(String[] args) throws Exception {
    HeldCertificate cert = new HeldCertificate.Builder().addSubjectAlternativeName("localhost").build();
    HandshakeCertificates server = new HandshakeCertificates.Builder().heldCertificate(cert).build();
    try (SSLServerSocket listening = (SSLServerSocket) server.sslContext().getServerSocketFactory()
        .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      System.out.println(listening.getLocalPort());
      System.out.flush();
      int handshakes = args.length > 0 ? Integer.parseInt(args[0]) : 1;
      for (int i = 0; i < handshakes; i++) {
        try (SSLSocket s = (SSLSocket) listening.accept()) {
          s.startHandshake();
          OutputStream out = s.getOutputStream();
          out.write('k');
          out.flush();
          s.getInputStream().read(); // until the client closes
        }
      }
    }
  }
}
