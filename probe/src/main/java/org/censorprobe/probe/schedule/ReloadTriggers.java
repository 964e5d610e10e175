package org.censorprobe.probe.schedule;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What asks for a reload: SIGHUP (always reloads) and changes to the config file seen in its directory (debounced:
 * an editor's save is several events; reloads only if the file's bytes changed). Both hand the reload to one
 * thread.
 */
public final class ReloadTriggers implements AutoCloseable {
  static final Duration DEBOUNCE = Duration.ofSeconds(1);
  private static final Logger LOG = LoggerFactory.getLogger(ReloadTriggers.class);

  private final Daemon daemon;
  private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "config-reload");
    t.setDaemon(true);
    return t;
  });
  private ScheduledFuture<?> pending;
  private WatchService watch;

  public ReloadTriggers(Daemon daemon) {
    this.daemon = daemon;
  }

  /** SIGHUP handler; false (and a log line) where the JVM does not allow it. */
  public boolean onSighup() {
    return Signals.handle("HUP", () -> worker.execute(() -> {
      LOG.info("SIGHUP: reloading the config");
      daemon.reload();
    }));
  }

  /** Watches the config's directory (a file's own inode changes when editors and ConfigMaps replace it). */
  public void watch(Path configFile) {
    Path dir = configFile.toAbsolutePath().getParent();
    Path name = configFile.getFileName();
    try {
      watch = FileSystems.getDefault().newWatchService();
      dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
          StandardWatchEventKinds.ENTRY_DELETE);
    } catch (IOException | UnsupportedOperationException e) {
      LOG.warn("not watching {} for changes ({}); reload with SIGHUP", dir, e.getMessage());
      return;
    }
    Thread t = new Thread(() -> {
      try {
        while (true) {
          WatchKey key = watch.take();
          boolean concerned = false;
          for (WatchEvent<?> event : key.pollEvents()) concerned |= concernsConfig(name, event);
          key.reset();
          if (concerned) debounce();
        }
      } catch (InterruptedException | ClosedWatchServiceException e) {
        // closing
      }
    }, "config-watch");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Whether an event in the config's directory may have changed the config: an event naming the file itself, one
   * naming a {@code ..}-prefixed entry (a Kubernetes ConfigMap swaps its {@code ..data} link, through which the
   * file is a link), or an overflow (events were lost). Anything else is another file's business: a store kept
   * next to the config writes its journal many times a round, and each write had read and hashed the config.
   */
  static boolean concernsConfig(Path configName, WatchEvent<?> event) {
    if (event.kind() == StandardWatchEventKinds.OVERFLOW) return true;
    if (!(event.context() instanceof Path changed)) return true;
    return changed.equals(configName) || changed.toString().startsWith("..");
  }

  private synchronized void debounce() {
    if (worker.isShutdown()) return;
    if (pending != null) pending.cancel(false);
    try {
      pending = worker.schedule(() -> {
        if (daemon.reloadIfChanged() == Daemon.Reload.LOADED) LOG.info("config file changed: reloaded");
      }, DEBOUNCE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closing
    }
  }

  @Override
  public synchronized void close() {
    worker.shutdownNow();
    if (watch != null) {
      try {
        watch.close();
      } catch (IOException ignored) {
        // closing
      }
    }
  }
}
