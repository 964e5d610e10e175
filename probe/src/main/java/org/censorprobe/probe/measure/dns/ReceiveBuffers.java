package org.censorprobe.probe.measure.dns;

import java.util.ArrayDeque;

/**
 * The arrays UDP replies are read into. A reply may be up to {@link UdpExchange#MAX_REPLY_BYTES} long and is copied
 * out at its own length as soon as it is read, so an array is only lent for one exchange's receive loop. Allocating
 * one per query was a fifth of a steady daemon's allocation (two queries per endpoint), which a small young
 * generation pays for in collections and in live data promoted early.
 *
 * <p>At most {@code kept} arrays are kept between exchanges ({@link #SHARED}: 32, 2 MiB): an exchange that finds
 * none spare allocates one, and an array given back when {@code kept} are already spare is left to the collector,
 * so a burst of queries costs what it did before and nothing more is held after it. What an array held before is
 * never read: a reply is read only up to the length of the datagram just received.
 */
final class ReceiveBuffers {
  /** The engine's pool: every UDP exchange and late-reply window borrows from it. */
  static final ReceiveBuffers SHARED = new ReceiveBuffers(32);

  private final int kept;
  private final ArrayDeque<byte[]> spare;

  ReceiveBuffers(int kept) {
    this.kept = kept;
    this.spare = new ArrayDeque<>(kept);
  }

  byte[] borrow() {
    synchronized (spare) {
      byte[] b = spare.pollFirst();
      if (b != null) return b;
    }
    return new byte[UdpExchange.MAX_REPLY_BYTES];
  }

  void giveBack(byte[] buffer) {
    if (buffer.length != UdpExchange.MAX_REPLY_BYTES) throw new IllegalArgumentException("not one of ours");
    synchronized (spare) {
      if (spare.size() < kept) spare.addFirst(buffer);
    }
  }

  int spare() {
    synchronized (spare) {
      return spare.size();
    }
  }
}
