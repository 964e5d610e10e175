package org.censorprobe.reporter.read;

import java.util.function.Supplier;

/** Computes a value at most once, on first use. Not thread-safe: one report is built on one thread. */
public final class OnceSupplier<T> implements Supplier<T> {
  private Supplier<T> source;
  private T value;

  private OnceSupplier(Supplier<T> source) {
    this.source = source;
  }

  public static <T> Supplier<T> of(Supplier<T> source) {
    return source instanceof OnceSupplier ? source : new OnceSupplier<>(source);
  }

  @Override
  public T get() {
    if (source != null) {
      value = source.get();
      source = null;
    }
    return value;
  }
}
