package org.censorprobe.probe.measure.dns;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import org.censorprobe.format.observe.DnsReply;
import org.censorprobe.probe.measure.bounds.Sockets;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/**
 * Listens on UDP queries after their first matching reply, for a short window, and records the replies that come
 * later (OONI's late/duplicate replies): an on-path injector answers first, and the genuine answer, when it is let
 * through, arrives after it. The window ({@link #WINDOW}) starts at the first reply and never outlasts the query's
 * own DNS deadline (nor the endpoint's budget): it is part of the DNS step's time, and it runs in the background
 * (one selector thread for the whole engine), so the measurement goes on with the first reply at once and only the
 * record waits for the window to close.
 *
 * <p>A later reply's {@code afterFirstMs} is when the listener read it: exact to within {@link #PICKUP_NANOS} for
 * the replies that arrive before it picked the query up, to within a millisecond after that.
 *
 * <p>Bounds: at most {@link #MAX_LATE_REPLIES} replies are kept per query (a flood costs nothing more), and at
 * most {@code maxListening} sockets are held here at once; a query that finds no room listens out its window on its
 * own thread instead, so the sockets held here never exceed that number.
 */
public final class LateReplies implements AutoCloseable {
  /**
   * How long after the first reply later ones are still recorded. An injector sits near the probe and answers at
   * once; the genuine reply trails it by about the resolver's own round trip, which for a resolver abroad is
   * 100-300 ms (the lab's injector scenario lets it through 300 ms later, and 250 ms missed it). 500 ms covers an
   * intercontinental round trip with room; it costs the record, not the measurement, that long at most.
   */
  public static final Duration WINDOW = Duration.ofMillis(500);
  static final int MAX_LATE_REPLIES = 8;

  private final Duration window;
  private final Sockets sockets;
  private final Semaphore room;
  private final Queue<Listening> incoming = new ConcurrentLinkedQueue<>();
  private final Selector selector;
  private final Thread thread;
  private volatile boolean closed;
  /** The listener sleeps with nothing to listen to: a new entry must wake it. */
  private volatile boolean idle;
  /** How soon a new entry is picked up when the listener is not woken for it. */
  static final long PICKUP_NANOS = 10_000_000;

  /**
   * @param window zero: no listening at all (lookups whose late replies nobody records)
   * @param sockets the engine's count of open measuring sockets (the DNS step's sockets count there too)
   */
  public LateReplies(Duration window, int maxListening, Sockets sockets) {
    this.window = window;
    this.sockets = sockets;
    this.room = new Semaphore(Math.max(0, maxListening));
    Selector s = null;
    Thread t = null;
    if (!window.isZero() && maxListening > 0) {
      try {
        s = Selector.open();
      } catch (IOException e) {
        throw new IllegalStateException("no NIO selector", e);
      }
      t = new Thread(this::loop, "dns-late-replies");
      t.setDaemon(true);
    }
    this.selector = s;
    this.thread = t;
    if (t != null) t.start();
  }

  /** No listening: late replies are not looked for. */
  public static LateReplies none() {
    return new LateReplies(Duration.ZERO, 0, new Sockets());
  }

  public Sockets sockets() {
    return sockets;
  }

  public Duration window() {
    return window;
  }

  /** One query's socket and what matches it. */
  private static final class Listening {
    final DatagramChannel channel;
    final Message query;
    final BogonRanges bogons;
    final long firstNanos;
    final long untilNanos;
    final List<DnsReply> replies = new ArrayList<>();
    final CompletableFuture<List<DnsReply>> done = new CompletableFuture<>();
    final Sockets sockets;

    Listening(DatagramChannel channel, Message query, BogonRanges bogons, long firstNanos, long untilNanos,
              Sockets sockets) {
      this.sockets = sockets;
      this.channel = channel;
      this.query = query;
      this.bogons = bogons;
      this.firstNanos = firstNanos;
      this.untilNanos = untilNanos;
    }

    void offer(byte[] wire, long atNanos) {
      if (replies.size() >= MAX_LATE_REPLIES) return;
      Message reply;
      try {
        reply = ReplyCheck.parse(wire, query);
      } catch (DnsReplyException e) {
        return; // not a reply to this query: a stray or a decoy with a wrong id, no evidence about this answer
      }
      ReplyReading r = ReplyReading.of(reply, query.getQuestion().getName(), query.getQuestion().getType(), bogons);
      replies.add(new DnsReply((atNanos - firstNanos) / 1e6, Rcode.string(reply.getRcode()), r.answers()));
    }

    void finish() {
      if (done.isDone()) return;
      try {
        channel.close();
      } catch (IOException ignored) {
        // the window is over either way
      }
      sockets.closed();
      done.complete(List.copyOf(replies));
    }
  }

  /**
   * Takes over {@code channel} (connected, blocking, the first reply already read) until {@code untilNanos} at the
   * latest; the returned future has the later replies and the channel is closed by then. Never throws.
   */
  CompletableFuture<List<DnsReply>> listen(DatagramChannel channel, Message query, BogonRanges bogons,
                                           long firstNanos, long deadlineNanos) {
    long until = Math.min(deadlineNanos, firstNanos + window.toNanos());
    Listening l = new Listening(channel, query, bogons, firstNanos, until, sockets);
    if (window.isZero() || until - System.nanoTime() <= 0 || closed) {
      l.finish();
      return l.done;
    }
    if (selector != null && room.tryAcquire()) {
      try {
        channel.configureBlocking(false);
        l.done.whenComplete((r, e) -> room.release());
        incoming.add(l);
        if (idle) selector.wakeup(); // otherwise it looks again within PICKUP_NANOS
        return l.done;
      } catch (IOException e) {
        room.release();
        // fall through to listening here
      }
    }
    listenHere(l);
    return l.done;
  }

  /** The window on the calling thread (no room in the background listener). */
  private static void listenHere(Listening l) {
    ByteBuffer buffer = ByteBuffer.wrap(ReceiveBuffers.SHARED.borrow());
    try {
      l.channel.configureBlocking(true);
      java.net.DatagramSocket socket = l.channel.socket();
      while (true) {
        long left = l.untilNanos - System.nanoTime();
        if (left <= 0) break;
        socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
        java.net.DatagramPacket p = new java.net.DatagramPacket(buffer.array(), buffer.capacity());
        try {
          socket.receive(p);
        } catch (SocketTimeoutException e) {
          break;
        }
        l.offer(java.util.Arrays.copyOf(p.getData(), p.getLength()), System.nanoTime());
      }
    } catch (IOException | RuntimeException e) {
      // an ICMP error or a closed socket ends the window early; what came before is kept
    } finally {
      ReceiveBuffers.SHARED.giveBack(buffer.array());
    }
    l.finish();
  }

  private void loop() {
    // Ordered by the end of their window; a new entry never needs the thread woken: it is picked up within
    // PICKUP_NANOS, and a reply that came in the meantime waits in its socket (its arrival time is then read up to
    // that late, which is why PICKUP_NANOS is small against the window).
    java.util.PriorityQueue<Listening> open =
        new java.util.PriorityQueue<>(java.util.Comparator.comparingLong((Listening l) -> l.untilNanos));
    ByteBuffer buffer = ByteBuffer.allocate(UdpExchange.MAX_REPLY_BYTES);
    try {
      while (!closed) {
        for (Listening l; (l = incoming.poll()) != null; ) {
          try {
            l.channel.register(selector, SelectionKey.OP_READ, l);
            open.add(l);
          } catch (IOException | RuntimeException e) {
            l.finish();
          }
        }
        long now = System.nanoTime();
        while (!open.isEmpty() && open.peek().untilNanos - now <= 0) {
          Listening l = open.poll();
          SelectionKey key = l.channel.keyFor(selector);
          if (key != null) key.cancel();
          l.finish();
        }
        long wait;
        if (open.isEmpty()) {
          idle = true;
          if (!incoming.isEmpty()) idle = false; // raced with a listen(): do not sleep on it
          wait = idle ? 0 : 1; // 0: until woken by the next listen()
        } else {
          wait = Math.max(1, Math.min(PICKUP_NANOS, open.peek().untilNanos - now) / 1_000_000);
        }
        selector.select(wait);
        idle = false;
        long at = System.nanoTime();
        for (SelectionKey k : selector.selectedKeys()) {
          Listening l = (Listening) k.attachment();
          try {
            while (true) {
              buffer.clear();
              if (l.channel.receive(buffer) == null) break;
              buffer.flip();
              byte[] wire = new byte[buffer.remaining()];
              buffer.get(wire);
              l.offer(wire, at);
            }
          } catch (IOException e) {
            k.cancel(); // an ICMP error: nothing more will come; finished at its deadline
          }
        }
        selector.selectedKeys().clear();
      }
    } catch (IOException | ClosedSelectorException e) {
      // closing
    } finally {
      for (Listening l : open) l.finish();
      for (Listening l; (l = incoming.poll()) != null; ) l.finish();
    }
  }

  @Override
  public void close() {
    closed = true;
    if (selector != null) {
      selector.wakeup();
      try {
        thread.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      try {
        selector.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }
}
