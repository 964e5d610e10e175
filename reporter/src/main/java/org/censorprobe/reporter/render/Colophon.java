package org.censorprobe.reporter.render;

import java.time.Instant;
import java.util.Objects;

/**
 * What made a report and when: the reporter's version and the moment it was generated. Given to a renderer by
 * whoever runs it (the command line, with its clock), so that a test renders the same bytes every time.
 */
public record Colophon(String toolVersion, Instant generatedAt) {
  public Colophon {
    Objects.requireNonNull(toolVersion, "toolVersion");
    Objects.requireNonNull(generatedAt, "generatedAt");
  }

  /** This reporter's version (the jar's Implementation-Version, "dev" from classes), now. */
  public static Colophon now() {
    String v = Colophon.class.getPackage().getImplementationVersion();
    return new Colophon(v == null ? "dev" : v, Instant.now());
  }
}
