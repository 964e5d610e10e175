package org.censorprobe.probe.measure;

import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Where a round's blocking work runs, and the bound on it.
 *
 * <p>Threading model: every step is blocking I/O with its own deadline (and every endpoint has an overall budget),
 * so the engine uses plain threads and blocking sockets rather than callbacks. Two kinds of work:
 * <ul>
 *   <li>endpoints: at most {@code concurrency} at once (the round's semaphore), each on an endpoint thread;</li>
 *   <li>the fan-out inside one endpoint (resolvers, A and AAAA, one flow per address, the remote vantage): at most
 *       {@code width - 1} more tasks per endpoint at once ({@link Fanout}); a task beyond that runs on the calling
 *       thread instead of waiting, so no endpoint can starve another and no wait can deadlock.</li>
 * </ul>
 * So at most {@code concurrency × width} measuring tasks exist at once. On JDK 17 each is a platform thread from a
 * pool capped at exactly that ({@code concurrency} endpoint threads, {@code concurrency × (width - 1)} worker
 * threads, created on demand and ended after 30 s idle): {@link #peakThreads()} never exceeds
 * {@link #threadBound()}. On JDK 21+ each task is a virtual thread (found at run time: the code is compiled for
 * 17); the same permits bound them. Every measuring task holds at most one socket at a time, which is what bounds
 * the sockets in flight (docs/architecture.md). A worker task only ever waits for tasks it submitted itself, which
 * already hold a thread or run inline, so the bound cannot deadlock.
 */
public final class Tasks implements AutoCloseable {
  private static final long IDLE_SECONDS = 30;

  private final int concurrency;
  private final int width;
  private final boolean virtual;
  private final ExecutorService endpoints;
  private final ExecutorService workers;
  private final ExecutorService servers;
  private final AtomicInteger live = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();

  private Tasks(int concurrency, int width, boolean preferVirtual) {
    if (concurrency < 1 || width < 1) throw new IllegalArgumentException("concurrency and width must be >= 1");
    this.concurrency = concurrency;
    this.width = width;
    ExecutorService v = preferVirtual ? virtualThreadExecutor() : null;
    this.virtual = v != null;
    if (virtual) {
      this.endpoints = v;
      this.workers = v;
      this.servers = v;
    } else {
      ThreadPoolExecutor e = new ThreadPoolExecutor(concurrency, concurrency, IDLE_SECONDS, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(), counted("probe-endpoint"));
      e.allowCoreThreadTimeOut(true);
      this.endpoints = e;
      int extra = concurrency * (width - 1);
      // No queue: a task either finds an idle or new thread (up to the cap) or is refused and run inline.
      this.workers = extra == 0 ? null : new ThreadPoolExecutor(0, extra, IDLE_SECONDS, TimeUnit.SECONDS,
          new SynchronousQueue<>(), counted("probe-worker"), new ThreadPoolExecutor.AbortPolicy());
      this.servers = Executors.newCachedThreadPool(daemon("probe-server"));
    }
  }

  /**
   * @param concurrency endpoints measured at once ({@code limits.concurrency})
   * @param width the most tasks one endpoint runs at once, itself included (see {@code EndpointMeasurer.width})
   */
  public static Tasks create(int concurrency, int width) {
    return new Tasks(concurrency, width, true);
  }

  /** Platform threads whatever the JDK: what JDK 17 runs (tests of the thread bound). */
  public static Tasks platformThreads(int concurrency, int width) {
    return new Tasks(concurrency, width, false);
  }

  private static ExecutorService virtualThreadExecutor() {
    try {
      Method m = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
      return (ExecutorService) m.invoke(null);
    } catch (ReflectiveOperationException | UnsupportedOperationException e) {
      return null; // JDK 17-20: no virtual threads
    }
  }

  public int concurrency() {
    return concurrency;
  }

  public int width() {
    return width;
  }

  /** The most measuring threads (JDK 17) or tasks (JDK 21+) that can exist at once. */
  public int threadBound() {
    return concurrency * width;
  }

  /** Platform measuring threads alive now (0 with virtual threads). */
  public int liveThreads() {
    return live.get();
  }

  /** The most platform measuring threads ever alive at once (0 with virtual threads). */
  public int peakThreads() {
    return peak.get();
  }

  public boolean virtualThreads() {
    return virtual;
  }

  /** For servers that need an executor of their own kind of threads (unbounded: servers bound their requests). */
  public ExecutorService executor() {
    return servers;
  }

  /** Runs one endpoint's work on an endpoint thread; the caller bounds how many are in flight. */
  public <T> CompletableFuture<T> endpoint(Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, endpoints);
  }

  /** A fresh fan-out for one endpoint: {@code width - 1} tasks besides the endpoint's own thread. */
  public Fanout fanout() {
    return new Fanout(workers, width - 1);
  }

  private ThreadFactory counted(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(() -> {
        int now = live.incrementAndGet();
        peak.accumulateAndGet(now, Math::max);
        try {
          r.run();
        } finally {
          live.decrementAndGet();
        }
      }, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    endpoints.shutdownNow();
    if (workers != null && workers != endpoints) workers.shutdownNow();
    if (servers != endpoints) servers.shutdownNow();
  }
}
