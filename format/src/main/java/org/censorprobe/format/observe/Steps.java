package org.censorprobe.format.observe;

/** The observations of one record: an endpoint's, or a resolver's own queries. */
public sealed interface Steps permits EndpointObservations, ResolverObservations {
  double durationMs();
}
