package org.censorprobe.probe.measure.tcp;

import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.net.IpPort;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.censorprobe.format.observe.FailureType;
import org.censorprobe.format.observe.Operation;
import org.censorprobe.probe.testing.peers.TcpPeer;
import org.junit.jupiter.api.Test;

class TcpProberTest {
  private final TcpProber prober = new TcpProber(Duration.ofSeconds(5));

  @Test
  void connectToListeningPeerReturnsOpenSocketAndObservation() throws IOException {
    try (TcpPeer peer = TcpPeer.silent()) {
      TcpAttempt a = prober.connect(target(peer.address()), 2);
      try (Socket s = a.socket()) {
        assertTrue(a.observation().ok());
        assertNotNull(s);
        assertTrue(s.isConnected());
        assertEquals(IpAddress.parse("127.0.0.1"), a.observation().address());
        assertEquals(peer.address().getPort(), a.observation().port());
        assertEquals(2, a.observation().attempt());
        assertNotNull(a.observation().startedAt());
      }
    }
  }

  @Test
  void theFlowSocketSendsWithoutNagle() throws IOException {
    // With Nagle on, a request written right after the TLS Finished waits for the server's delayed ACK (40 ms).
    try (TcpPeer peer = TcpPeer.silent()) {
      TcpAttempt a = prober.connect(target(peer.address()), 1);
      try (Socket s = a.socket()) {
        assertTrue(s.getTcpNoDelay(), "the kernel reports TCP_NODELAY off on the flow's socket");
      }
    }
  }

  @Test
  void closedPortIsConnectionRefused() {
    try (TcpPeer peer = TcpPeer.refusing()) {
      TcpAttempt a = prober.connect(target(peer.address()), 1);
      assertNull(a.socket());
      assertEquals(FailureType.CONNECTION_REFUSED, a.observation().failure().type());
      assertEquals(Operation.CONNECT, a.observation().failure().operation());
      assertNotNull(a.observation().failure().detail());
    }
  }

  @Test
  void ipv6LoopbackConnects() throws IOException {
    InetAddress v6 = InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
    ServerSocket server;
    try {
      server = new ServerSocket(0, 1, v6);
    } catch (IOException e) {
      assumeTrue(false, "no IPv6 loopback here: " + e);
      return;
    }
    try (server) {
      TcpAttempt a = prober.connect(new IpPort(IpAddress.of(v6), server.getLocalPort()), 1);
      try (Socket s = a.socket()) {
        assertTrue(a.observation().ok(), () -> String.valueOf(a.observation().failure()));
        assertNotNull(s);
        assertEquals(IpAddress.parse("::1"), a.observation().address());
      }
    }
  }

  @Test
  void ipv6ClosedPortIsConnectionRefused() throws IOException {
    InetAddress v6 = InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
    TcpPeer refusing;
    try {
      refusing = TcpPeer.refusing(v6);
    } catch (IllegalStateException e) {
      assumeTrue(false, "no IPv6 loopback here: " + e);
      return;
    }
    try (refusing) {
      TcpAttempt a = prober.connect(new IpPort(IpAddress.of(v6), refusing.address().getPort()), 1);
      assertNull(a.socket());
      assertEquals(FailureType.CONNECTION_REFUSED, a.observation().failure().type());
    }
  }

  /**
   * A listener that never accepts, with its accept queue full: Linux drops further SYNs, which is what a
   * silent-drop firewall does to a connect. Fills the queue with our own connects until one times out.
   */
  @Test
  void droppedSynIsTimeout() throws IOException {
    TcpProber quick = new TcpProber(Duration.ofMillis(300));
    List<Socket> held = new ArrayList<>();
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
      InetSocketAddress address = new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
      TcpAttempt a = null;
      for (int i = 0; i < 16; i++) {
        a = quick.connect(target(address), i);
        if (a.socket() == null) break;
        held.add(a.socket());
      }
      assertNull(a.socket(), "the accept queue never filled");
      assertEquals(FailureType.TIMEOUT, a.observation().failure().type());
      assertEquals(Operation.CONNECT, a.observation().failure().operation());
    } finally {
      for (Socket s : held) s.close();
    }
  }

  private static IpPort target(InetSocketAddress a) {
    return new IpPort(IpAddress.of(a.getAddress()), a.getPort());
  }
}
