package org.censorprobe.probe.measure;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Where a round's blocking work runs.
 *
 * <p>Threading model: every step is blocking I/O with its own deadline, so the engine uses plain threads and
 * blocking sockets rather than callbacks. On JDK 21+ each task gets a virtual thread (found at run time, since the
 * code is compiled for 17): thousands of endpoints waiting on timeouts then cost almost nothing. On JDK 17 a cached
 * pool of daemon platform threads stands in. Either way the executor itself is unbounded: the number of endpoints
 * in flight is bounded by the round's semaphore ({@code limits.concurrency}), and the fan-out inside one endpoint
 * (resolvers, addresses) is bounded by the config, so the thread count is too. A bounded pool here would deadlock,
 * because an endpoint's task waits for its own sub-tasks.
 */
public final class Tasks implements AutoCloseable {
  private final ExecutorService executor;
  private final boolean virtual;

  private Tasks(ExecutorService executor, boolean virtual) {
    this.executor = executor;
    this.virtual = virtual;
  }

  public static Tasks create() {
    ExecutorService v = virtualThreadExecutor();
    if (v != null) return new Tasks(v, true);
    AtomicInteger n = new AtomicInteger();
    ThreadFactory f = r -> {
      Thread t = new Thread(r, "probe-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    return new Tasks(Executors.newCachedThreadPool(f), false);
  }

  private static ExecutorService virtualThreadExecutor() {
    try {
      Method m = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
      return (ExecutorService) m.invoke(null);
    } catch (ReflectiveOperationException | UnsupportedOperationException e) {
      return null; // JDK 17-20: no virtual threads
    }
  }

  /** For servers that need an executor of their own kind of threads. */
  public ExecutorService executor() {
    return executor;
  }

  public boolean virtualThreads() {
    return virtual;
  }

  public <T> CompletableFuture<T> submit(Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, executor);
  }

  /** Runs every supplier concurrently and returns their results in order. The suppliers must not throw. */
  public <T> List<T> all(List<Supplier<T>> work) {
    if (work.size() == 1) return List.of(work.get(0).get());
    List<CompletableFuture<T>> futures = new ArrayList<>(work.size());
    for (Supplier<T> w : work) futures.add(submit(w));
    List<T> out = new ArrayList<>(work.size());
    for (CompletableFuture<T> f : futures) out.add(f.join());
    return out;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
