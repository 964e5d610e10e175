package org.censorprobe.probe.measure.dns;

import java.io.IOException;
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
 * most {@code maxListening} sockets are held here at once; an exchange that finds no room listens out its windows on
 * its own thread instead ({@link UdpExchange}), so the sockets held here never exceed that number.
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
  private final Queue<Watch> incoming = new ConcurrentLinkedQueue<>();
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

  /**
   * One query's socket after its first matching reply, and the later replies that match it. The exchange that got
   * the first reply offers it what that socket reads next (the other query of its pair may not be answered yet);
   * then the background listener takes it over for the rest of the window ({@link #reserve}, {@link #listen}), or,
   * when it has no room, the exchange listens out the window itself and {@link #finish finishes} it.
   */
  static final class Watch {
    final DatagramChannel channel;
    final Message query;
    final BogonRanges bogons;
    final long firstNanos;
    final long untilNanos;
    final List<DnsReply> replies = new ArrayList<>();
    final CompletableFuture<List<DnsReply>> done = new CompletableFuture<>();
    final Sockets sockets;

    private Watch(DatagramChannel channel, Message query, BogonRanges bogons, long firstNanos, long untilNanos,
                  Sockets sockets) {
      this.sockets = sockets;
      this.channel = channel;
      this.query = query;
      this.bogons = bogons;
      this.firstNanos = firstNanos;
      this.untilNanos = untilNanos;
    }

    boolean over(long nowNanos) {
      return nowNanos - untilNanos >= 0;
    }

    /** Records {@code wire} if it matches the query and came within the window. */
    void offer(byte[] wire, long atNanos) {
      if (replies.size() >= MAX_LATE_REPLIES || atNanos - untilNanos > 0) return;
      Message reply;
      try {
        reply = ReplyCheck.parse(wire, query);
      } catch (DnsReplyException e) {
        return; // not a reply to this query: a stray or a decoy with a wrong id, no evidence about this answer
      }
      ReplyReading r = ReplyReading.of(reply, query.getQuestion().getName(), query.getQuestion().getType(), bogons);
      replies.add(new DnsReply((atNanos - firstNanos) / 1e6, Rcode.string(reply.getRcode()), r.answers()));
    }

    /** Closes the socket and completes {@link #done} with what was recorded; the window is over. */
    synchronized void finish() {
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
   * The window of a query whose first matching reply was read at {@code firstNanos} on {@code channel}
   * (connected, non-blocking): it ends {@link #window()} later, and never after the query's deadline. The watch owns
   * the channel from here, and closes it when it finishes.
   */
  Watch watch(DatagramChannel channel, Message query, BogonRanges bogons, long firstNanos, long deadlineNanos) {
    long until = Math.min(deadlineNanos, firstNanos + window.toNanos());
    return new Watch(channel, query, bogons, firstNanos, until, sockets);
  }

  /** Takes a place in the background listener for one watch, if one is free: then {@link #listen} must follow. */
  boolean reserve() {
    return selector != null && !closed && room.tryAcquire();
  }

  /**
   * Hands a watch over to the background listener, in a place taken by {@link #reserve}; from here nobody else
   * reads its socket. The returned future has the later replies, and the socket is closed by then. Never throws.
   */
  CompletableFuture<List<DnsReply>> listen(Watch l) {
    l.done.whenComplete((r, e) -> room.release());
    incoming.add(l);
    if (closed) {
      for (Watch w; (w = incoming.poll()) != null; ) w.finish(); // the listener may have gone before the add
    } else if (idle) {
      selector.wakeup(); // otherwise it looks again within PICKUP_NANOS
    }
    return l.done;
  }

  private void loop() {
    // Ordered by the end of their window; a new entry never needs the thread woken: it is picked up within
    // PICKUP_NANOS, and a reply that came in the meantime waits in its socket (its arrival time is then read up to
    // that late, which is why PICKUP_NANOS is small against the window).
    java.util.PriorityQueue<Watch> open =
        new java.util.PriorityQueue<>(java.util.Comparator.comparingLong((Watch l) -> l.untilNanos));
    ByteBuffer buffer = ByteBuffer.allocate(UdpExchange.MAX_REPLY_BYTES);
    try {
      while (!closed) {
        for (Watch l; (l = incoming.poll()) != null; ) {
          try {
            l.channel.register(selector, SelectionKey.OP_READ, l);
            open.add(l);
          } catch (IOException | RuntimeException e) {
            l.finish();
          }
        }
        long now = System.nanoTime();
        while (!open.isEmpty() && open.peek().untilNanos - now <= 0) {
          Watch l = open.poll();
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
          Watch l = (Watch) k.attachment();
          try {
            // Bounded per wake-up, so that a flood on one socket cannot keep the others' windows from closing.
            for (int n = 0; n < UdpExchange.READS_PER_WAKE_UP; n++) {
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
      for (Watch l : open) l.finish();
      for (Watch l; (l = incoming.poll()) != null; ) l.finish();
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
