package org.censorprobe.probe.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.censorprobe.format.endpoint.Endpoint;
import org.censorprobe.format.observe.EndpointObservations;
import org.censorprobe.format.observe.TlsObservation;
import org.censorprobe.probe.config.ConfigLoader;
import org.censorprobe.probe.config.Platform;
import org.censorprobe.probe.config.ProbeConfig;
import org.censorprobe.probe.testing.dns.DnsTestServer;
import org.censorprobe.probe.testing.peers.TestCertificates;
import org.censorprobe.probe.testing.peers.TlsPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bound on threads and sockets, counted under load on the JDK 17 threading (platform threads): more endpoints
 * than the concurrency, each with several addresses, against a TLS server that holds every handshake until the
 * probe has as many connections open as its fan-out allows. The counts come from the engine's own counters (every
 * measuring thread and socket counts itself in and out) and from the server, never from timing.
 */
@Timeout(120)
class BoundsIntegrationTest {
  private static final TestCertificates PKI = TestCertificates.create();
  private static final int CONCURRENCY = 2;
  private static final int ADDRESSES = 3;
  private static final int ENDPOINTS = 6;

  @TempDir Path dir;

  @Test
  void threadsAndSocketsStayWithinTheDocumentedBoundUnderLoad() throws Exception {
    List<InetAddress> addresses = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= ADDRESSES; i++) addresses.add(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) i}));
    for (int i = 0; i < ENDPOINTS; i++) names.add("n" + i + ".test");
    // Released once CONCURRENCY endpoints hold a connection to each of their addresses at once.
    try (TlsPeer peer = TlsPeer.gated(PKI.validForAll(names), CONCURRENCY * ADDRESSES, addresses);
         DnsTestServer dns = DnsTestServer.start()) {
      StringBuilder endpoints = new StringBuilder();
      for (String n : names) {
        dns.address(n, "127.0.0.1", "127.0.0.2", "127.0.0.3");
        endpoints.append("      - tls://").append(n).append(':').append(peer.address().getPort()).append('\n');
      }
      Files.writeString(dir.resolve("root.pem"), PKI.rootPem());
      Path config = dir.resolve("targets.yaml");
      Files.writeString(config, """
          probe: {id: bounds}
          timeouts: {dns: 5s, tcp: 5s, tls: 20s, http: 5s}
          tls: {trust: [ root.pem ]}
          dns: {not_bogons: [ 127.0.0.0/8 ]}
          limits: {concurrency: %d, addresses_per_endpoint: %d}
          platforms:
            many:
              endpoints:
          %s""".formatted(CONCURRENCY, ADDRESSES, endpoints));
      ProbeConfig cfg = ConfigLoader.load(config);
      List<Endpoint> all = new ArrayList<>();
      for (Platform p : cfg.platforms()) all.addAll(p.endpoints());

      List<EndpointObservations> observed;
      int threadBound;
      int peakThreads;
      int socketBound;
      int peakSockets;
      int openAfter;
      try (ProbeEngine engine = new ProbeEngine(cfg, List.of(dns.socketAddress()), Duration.ZERO,
          Clock.systemUTC(), true)) {
        observed = engine.round().measure(all, n -> { });
        threadBound = engine.tasks().threadBound();
        peakThreads = engine.tasks().peakThreads();
        socketBound = engine.socketBound();
        peakSockets = engine.sockets().peak();
        openAfter = engine.sockets().open();
      }

      // width = 1 + max(2 x 1 resolver - 1, 3 addresses + 0 helpers + 1 redirect lookup) = 5
      assertEquals(CONCURRENCY * 5, threadBound);
      assertTrue(peer.released(), "the probe never had " + CONCURRENCY * ADDRESSES
          + " connections open at once: its fan-out is smaller than documented (" + peer.mostHeld() + ")");
      assertTrue(peakThreads >= CONCURRENCY * ADDRESSES, "peak threads " + peakThreads);
      assertTrue(peakThreads <= threadBound, "peak threads " + peakThreads + " > bound " + threadBound);
      assertTrue(peakSockets >= CONCURRENCY * ADDRESSES, "peak sockets " + peakSockets);
      assertTrue(peakSockets <= socketBound, "peak sockets " + peakSockets + " > bound " + socketBound);
      assertEquals(0, openAfter, "every measuring socket is closed when the round is over");
      // And the round measured everything: every address of every endpoint handshook.
      for (EndpointObservations o : observed) {
        assertEquals(ADDRESSES, o.tls().stream().filter(TlsObservation::ok).count(), o::toString);
      }
    }
  }
}
