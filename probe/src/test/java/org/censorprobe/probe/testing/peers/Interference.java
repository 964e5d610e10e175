package org.censorprobe.probe.testing.peers;

/** What a censoring middlebox does to a connection once it has seen the ClientHello. */
public enum Interference {
  /** An RST at once: the client sees connection_reset. */
  RESET,
  /** Silent drop: nothing more ever arrives (the dominant Kazakh method); the client times out. */
  STALL,
  /** A clean close (FIN): the client sees eof_error. */
  CLOSE,
  /**
   * A handshake record announcing 16 KiB, then one byte at a time every {@link TlsPeer#DRIP_INTERVAL_MS}:
   * each read succeeds before SO_TIMEOUT, so only a whole-handshake deadline ends it.
   */
  DRIP,
  /** A plain-text HTTP reply (an injected block page) where the ServerHello should be: ssl_failed_handshake. */
  PLAINTEXT_REPLY
}
