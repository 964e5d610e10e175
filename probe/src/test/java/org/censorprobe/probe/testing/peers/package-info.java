/**
 * Misbehaving network peers for tests, all on 127.0.0.1 with an ephemeral port, all {@code AutoCloseable}.
 *
 * <ul>
 *   <li>{@link org.censorprobe.probe.testing.peers.TcpPeer}: {@code refusing()}, {@code resetting()},
 *       {@code silent()}.
 *   <li>{@link org.censorprobe.probe.testing.peers.TlsPeer}: {@code serving(chain)},
 *       {@code interfering(Interference)}, {@code filteringSni(chain, names, Interference)};
 *       {@code serverNamesSeen()} lists the SNI of each ClientHello.
 *   <li>{@link org.censorprobe.probe.testing.peers.Interference}: what happens after the ClientHello
 *       (RESET, STALL, CLOSE, DRIP, PLAINTEXT_REPLY).
 *   <li>{@link org.censorprobe.probe.testing.peers.TestCertificates}: a test root and the chains to serve
 *       (valid, expired, unknown authority, interception) plus a trust manager or PEM that trusts the root.
 * </ul>
 */
package org.censorprobe.probe.testing.peers;
