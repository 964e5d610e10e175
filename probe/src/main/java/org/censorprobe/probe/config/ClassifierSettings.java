package org.censorprobe.probe.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Classifier knobs from the {@code classifier:} block. Throttling is called when a platform's handshake time,
 * time to first byte or transfer rate is {@code throttleRatio} times worse than the controls' in the same round,
 * the platform's figure is past {@code throttleFloor} (so two fast figures never count), and this held for
 * {@code throttleRounds} consecutive rounds. {@code fingerprintFiles} extend the shipped fingerprints.
 */
public record ClassifierSettings(double throttleRatio, Duration throttleFloor, int throttleRounds,
                                 List<Path> fingerprintFiles) {
  public static final ClassifierSettings DEFAULTS = new ClassifierSettings(5.0, Duration.ofSeconds(2), 2, List.of());

  public ClassifierSettings {
    fingerprintFiles = List.copyOf(fingerprintFiles);
  }
}
