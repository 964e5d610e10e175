package org.censorprobe.probe.config;

import java.net.URI;
import java.nio.file.Path;

/** A remote control vantage (test helper); {@code tokenFile} may be null. */
public record HelperSpec(URI url, Path tokenFile) {}
