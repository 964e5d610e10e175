package org.censorprobe.format.interpret;

import java.util.List;
import java.util.Optional;

/**
 * What the round's controls and resolvers showed, as every record of the round carries it. {@code controlsTotal}
 * and {@code controlsOk}: how many controls were measured and reachable; {@code resolvers}: each resolver's baseline
 * on the controls' names.
 */
public record RoundContext(int controlsTotal, int controlsOk, int domesticTotal, int domesticOk,
                           LocalNetwork localNetwork, List<ResolverBaseline> resolvers) {
  public RoundContext {
    resolvers = resolvers == null ? List.of() : List.copyOf(resolvers);
  }

  public Optional<ResolverBaseline> resolver(String label) {
    return resolvers.stream().filter(r -> r.resolver().equals(label)).findFirst();
  }

  /** Every control reachable, and at least two of them: one control alone is a weak witness. */
  public boolean controlsStrong() {
    return controlsTotal >= 2 && controlsOk == controlsTotal;
  }
}
