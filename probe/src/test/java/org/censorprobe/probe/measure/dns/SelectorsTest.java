package org.censorprobe.probe.measure.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import org.junit.jupiter.api.Test;

class SelectorsTest {
  private static DatagramChannel registered(Selector s) throws Exception {
    DatagramChannel c = DatagramChannel.open();
    c.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    c.configureBlocking(false);
    c.register(s, SelectionKey.OP_READ);
    return c;
  }

  @Test
  void aSelectorWhoseChannelsAreClosedIsLentAgainWithNoKeys() throws Exception {
    Selectors pool = new Selectors(2);
    Selector s = pool.borrow();
    DatagramChannel c = registered(s);
    c.close();

    pool.giveBack(s);

    assertEquals(1, pool.spare());
    Selector again = pool.borrow();
    assertSame(s, again);
    assertTrue(again.isOpen());
    assertTrue(again.keys().isEmpty(), "the closed channel's key was deregistered");
    again.close();
  }

  @Test
  void aSelectorWithALiveKeyIsClosedNotKept() throws Exception {
    Selectors pool = new Selectors(2);
    Selector s = pool.borrow();
    try (DatagramChannel c = registered(s)) {
      pool.giveBack(s);

      assertEquals(0, pool.spare());
      assertFalse(s.isOpen(), "a selector still watching a socket is not lent to another exchange");
      assertTrue(c.isOpen());
    }
  }

  @Test
  void noMoreThanKeptAreKept() throws Exception {
    Selectors pool = new Selectors(1);
    Selector a = pool.borrow();
    Selector b = pool.borrow();

    pool.giveBack(a);
    pool.giveBack(b);

    assertEquals(1, pool.spare());
    assertTrue(a.isOpen());
    assertFalse(b.isOpen());
    a.close();
  }
}
