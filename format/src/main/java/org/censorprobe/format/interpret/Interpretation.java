package org.censorprobe.format.interpret;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A verdict with what justifies it: {@code method} null only for a plain ok; {@code evidence} one sentence a
 * journalist can quote, written from {@code facts}; {@code facts} the structured claims behind it, one per key.
 */
public record Interpretation(Verdict verdict, Method method, Confidence confidence, String evidence,
                             List<Fact> facts) {
  public Interpretation {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(confidence, "confidence");
    facts = List.copyOf(facts == null ? List.of() : facts);
    Set<String> keys = new HashSet<>();
    for (Fact f : facts) {
      if (!keys.add(f.key())) throw new IllegalArgumentException("two facts under the key '" + f.key() + "'");
    }
  }

  public <T extends Fact> Optional<T> fact(Class<T> type) {
    for (Fact f : facts) if (type.isInstance(f)) return Optional.of(type.cast(f));
    return Optional.empty();
  }

  /** The same with {@code extra} added, replacing a fact of the same key. */
  public Interpretation with(Fact extra) {
    List<Fact> out = new ArrayList<>();
    for (Fact f : facts) if (!f.key().equals(extra.key())) out.add(f);
    out.add(extra);
    return new Interpretation(verdict, method, confidence, evidence, out);
  }
}
