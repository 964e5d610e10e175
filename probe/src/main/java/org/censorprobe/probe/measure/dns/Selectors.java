package org.censorprobe.probe.measure.dns;

import java.io.IOException;
import java.nio.channels.Selector;
import java.util.ArrayDeque;

/**
 * The selectors UDP exchanges wait on. Opening one and closing it again (an epoll instance and its wake-up pipe)
 * was 1.6% of the measuring threads' samples, near the exchange's own sends (2.1%); a selector is therefore lent
 * for one exchange and given back empty. At most {@code kept} are kept between exchanges ({@link #SHARED}: 32, one
 * per endpoint measured at once by default); one given back beyond that, or not empty, is closed.
 */
final class Selectors {
  static final Selectors SHARED = new Selectors(32);

  private final int kept;
  private final ArrayDeque<Selector> spare;

  Selectors(int kept) {
    this.kept = kept;
    this.spare = new ArrayDeque<>(kept);
  }

  Selector borrow() throws IOException {
    synchronized (spare) {
      Selector s = spare.pollFirst();
      if (s != null) return s;
    }
    return Selector.open();
  }

  /**
   * Takes {@code selector} back once every key of it is cancelled (its channels closed or handed on): the select
   * here deregisters them, which is also when the OS closes a closed channel's socket.
   */
  void giveBack(Selector selector) {
    boolean keep;
    try {
      selector.selectNow();
      selector.selectedKeys().clear();
      keep = selector.keys().isEmpty();
    } catch (IOException | RuntimeException e) {
      keep = false;
    }
    if (keep) {
      synchronized (spare) {
        if (spare.size() < kept) {
          spare.addFirst(selector);
          return;
        }
      }
    }
    try {
      selector.close();
    } catch (IOException ignored) {
      // its channels are closed or handed on either way
    }
  }

  int spare() {
    synchronized (spare) {
      return spare.size();
    }
  }
}
