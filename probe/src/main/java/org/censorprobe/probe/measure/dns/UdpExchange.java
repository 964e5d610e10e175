package org.censorprobe.probe.measure.dns;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.censorprobe.format.observe.DnsReply;
import org.xbill.DNS.Message;

/**
 * Queries to one server over UDP, sent at once and awaited together on the calling thread: A and AAAA cost one
 * round trip and one thread, and each query is timed by its own reply as it arrives.
 *
 * <p>Each query has its own connected socket, so the OS drops datagrams from other sources and a reply can only be
 * read as an answer to the query of its socket. glibc by default sends A and AAAA from one socket; resolv.conf(5)'s
 * {@code single-request-reopen} exists because some equipment then sends back only one of the two replies, and a
 * probe must not record such a loss as a DNS failure of the name.
 *
 * <p>A reply that parses badly or does not match its query (wrong id, wrong question) does NOT settle that query:
 * an on-path injector races the real server, and OONI's lesson is that the first datagram is not the trustworthy
 * one. A query's socket is read until a matching reply or the deadline; if only unusable replies came, the first
 * one's failure (dns_bogus_reply_error or dns_server_misbehaving) is reported instead of a timeout, because it is
 * evidence. After a query's first matching reply, what its socket reads is offered to a {@link LateReplies.Watch}
 * (while the other query is still awaited here, then in {@link LateReplies}'s background listener, or here when it
 * has no room), which records the matching replies that come later within its window.
 */
final class UdpExchange {
  /** The largest UDP payload; we send no EDNS, so honest servers stay within 512 bytes and set TC beyond. */
  static final int MAX_REPLY_BYTES = 65_535;
  /** Datagrams read from one socket before the deadline is looked at again. */
  static final int READS_PER_WAKE_UP = 16;

  private UdpExchange() {}

  /** One outcome per query, in order. Never throws: a failure is the outcome of the queries it ended. */
  static List<Exchanged> exchange(List<Message> queries, InetSocketAddress server, long deadlineNanos,
                                  LateReplies late, BogonRanges bogons) {
    List<Asked> asked = new ArrayList<>(queries.size());
    for (Message q : queries) asked.add(new Asked(q));
    byte[] array = ReceiveBuffers.SHARED.borrow();
    Selector selector = null;
    try {
      selector = Selectors.SHARED.borrow();
      for (Asked a : asked) a.send(server, selector, late);
      ByteBuffer buffer = ByteBuffer.wrap(array);
      while (!allSettled(asked)) {
        int leftMs = Deadlines.remainingMillis(deadlineNanos);
        if (leftMs <= 0) break;
        if (Thread.currentThread().isInterrupted()) throw new InterruptedIOException("interrupted");
        readReady(selector, leftMs, buffer, late, bogons, deadlineNanos);
      }
      long end = System.nanoTime();
      for (Asked a : asked) {
        if (!a.settled()) {
          a.fail(a.firstUnusable != null ? a.firstUnusable
              : new SocketTimeoutException("no reply from " + server + " before the deadline"), end);
        }
      }
      listenOut(asked, selector, buffer, late, bogons, deadlineNanos);
    } catch (IOException | RuntimeException e) {
      // The selector could not be opened or polled (or a bug): every query still open ends here, recorded.
      IOException failure = e instanceof IOException io ? io : new IOException(e);
      long end = System.nanoTime();
      for (Asked a : asked) if (!a.settled()) a.fail(failure, end);
    } finally {
      ReceiveBuffers.SHARED.giveBack(array);
    }
    List<Exchanged> out = new ArrayList<>(asked.size());
    for (Asked a : asked) out.add(a.release(late));
    if (selector != null) Selectors.SHARED.giveBack(selector);
    return out;
  }

  /**
   * The late-reply windows still open: each in the background listener where it has room, else here, together, as
   * the exchange read them so far. Only a burst of queries past the listener's room holds the caller here.
   */
  private static void listenOut(List<Asked> asked, Selector selector, ByteBuffer buffer, LateReplies late,
                                BogonRanges bogons, long deadlineNanos) throws IOException {
    long until = System.nanoTime();
    boolean anyHere = false;
    for (Asked a : asked) {
      if (a.watch == null || a.watch.over(System.nanoTime())) continue;
      if (late.reserve()) {
        SelectionKey key = a.channel.keyFor(selector);
        if (key != null) key.cancel(); // from here only the listener reads the socket
        a.late = late.listen(a.watch);
      } else {
        anyHere = true;
        if (a.watch.untilNanos - until > 0) until = a.watch.untilNanos;
      }
    }
    while (anyHere) {
      int leftMs = Deadlines.remainingMillis(until);
      if (leftMs <= 0 || Thread.currentThread().isInterrupted()) return;
      readReady(selector, leftMs, buffer, late, bogons, deadlineNanos);
    }
  }

  /** Waits up to {@code waitMs} for replies, and reads those of every socket that has some. */
  private static void readReady(Selector selector, int waitMs, ByteBuffer buffer, LateReplies late,
                                BogonRanges bogons, long deadlineNanos) throws IOException {
    selector.select(waitMs);
    // One time for every socket ready at this wake-up: replies read together arrived within one wake-up.
    long at = System.nanoTime();
    for (SelectionKey key : selector.selectedKeys()) {
      ((Asked) key.attachment()).read(key, buffer, at, late, bogons, deadlineNanos);
    }
    selector.selectedKeys().clear();
  }

  private static boolean allSettled(List<Asked> asked) {
    for (Asked a : asked) if (!a.settled()) return false;
    return true;
  }

  /** One query of the exchange, its socket, and what it came to so far. */
  private static final class Asked {
    final Message query;
    DatagramChannel channel;
    DnsReplyException firstUnusable;
    /** The first matching reply, or the failure, and when it was known. */
    Message reply;
    IOException failure;
    long atNanos;
    /** Its late-reply window, from its first matching reply on. */
    LateReplies.Watch watch;
    /** The window's replies, once the background listener has taken it over. */
    CompletableFuture<List<DnsReply>> late;

    Asked(Message query) {
      this.query = query;
    }

    boolean settled() {
      return reply != null || failure != null;
    }

    void fail(IOException e, long at) {
      failure = e;
      atNanos = at;
    }

    /** Opens, connects and sends; a failure here (no route, say) is this query's outcome, not the exchange's. */
    void send(InetSocketAddress server, Selector selector, LateReplies late) {
      try {
        channel = DatagramChannel.open();
        late.sockets().opened();
        channel.connect(server);
        channel.write(ByteBuffer.wrap(query.toWire())); // blocking: a datagram is sent whole or not at all
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ, this);
      } catch (IOException e) {
        fail(e, System.nanoTime());
      }
    }

    /**
     * Reads the datagrams waiting on this socket, at most {@link #READS_PER_WAKE_UP}: a flood cannot keep the
     * exchange from its deadline, which is looked at between wake-ups. They all arrived by {@code at}.
     */
    void read(SelectionKey key, ByteBuffer buffer, long at, LateReplies late, BogonRanges bogons, long deadline) {
      try {
        for (int n = 0; n < READS_PER_WAKE_UP; n++) {
          buffer.clear();
          if (channel.receive(buffer) == null) return;
          byte[] wire = Arrays.copyOf(buffer.array(), buffer.position());
          if (watch != null) {
            watch.offer(wire, at);
          } else if (failure == null) {
            try {
              reply = ReplyCheck.parse(wire, query);
              atNanos = at;
              watch = late.watch(channel, query, bogons, at, deadline);
            } catch (DnsReplyException e) {
              if (firstUnusable == null) firstUnusable = e;
            }
          }
        }
      } catch (IOException e) {
        key.cancel(); // an ICMP error (port unreachable, say): nothing more will come on this socket
        if (!settled()) fail(e, at);
      }
    }

    /**
     * The outcome; the socket is closed (which cancels its key), or with the background listener until its window
     * is over (its key cancelled when it was handed on): the exchange's selector is left with no live key.
     */
    Exchanged release(LateReplies late) {
      if (this.late != null) return Exchanged.replied(reply, atNanos, this.late);
      if (watch != null) {
        watch.finish(); // its window is over, or was listened out here
        return Exchanged.replied(reply, atNanos, watch.done);
      }
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException ignored) {
          // nothing was read from it that counts
        }
        late.sockets().closed();
      }
      return Exchanged.failed(failure, atNanos);
    }
  }
}
