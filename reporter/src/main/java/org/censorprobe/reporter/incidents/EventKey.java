package org.censorprobe.reporter.incidents;

import org.censorprobe.format.interpret.Layer;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.Technique;

/**
 * What incidents are grouped into one event by: the blocking technique their method is evidence of, or, for a
 * method that is never blocking (a server's own failure, the network's), its layer. Read off the typed method;
 * which words an event is told in depend on the verdicts under it, not on this key.
 */
public record EventKey(Technique technique, Layer layer) implements Comparable<EventKey> {
  public static final EventKey NETWORK = new EventKey(null, Layer.NETWORK);
  public static final EventKey UNKNOWN = new EventKey(null, Layer.PROBE);

  public static EventKey of(Method m) {
    if (m == null) return UNKNOWN;
    return m.technique() != null ? new EventKey(m.technique(), m.layer()) : new EventKey(null, m.layer());
  }

  /** A stable id for JSON: the technique's or the layer's name, lower case. */
  public String id() {
    return (technique != null ? technique.name() : layer.name()).toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public int compareTo(EventKey o) {
    return id().compareTo(o.id());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EventKey k && id().equals(k.id());
  }

  @Override
  public int hashCode() {
    return id().hashCode();
  }
}
