package org.censorprobe.probe.demo;

/** The demo world's threads: daemon threads, so a forgotten one can never keep the JVM from exiting. */
final class Threads {
  private Threads() {}

  static Thread start(String name, Runnable body) {
    Thread t = new Thread(body, "demo-" + name);
    t.setDaemon(true);
    t.start();
    return t;
  }
}
