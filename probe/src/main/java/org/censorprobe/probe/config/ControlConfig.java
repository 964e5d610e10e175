package org.censorprobe.probe.config;

import java.util.List;

/**
 * The evidence a round measures beside the platforms. {@code resolver} may be null (no trusted answers),
 * {@code sni} may be null (no SNI-swap test).
 */
public record ControlConfig(ResolverSpec resolver, String sni, List<HelperSpec> helpers, List<ControlTarget> targets) {
  public ControlConfig {
    helpers = List.copyOf(helpers);
    targets = List.copyOf(targets);
  }
}
