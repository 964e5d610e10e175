package org.censorprobe.probe.testing;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.censorprobe.probe.classify.Classifier;
import org.censorprobe.probe.classify.Fingerprints;
import org.censorprobe.probe.config.ConfigLoader;
import org.censorprobe.probe.config.ProbeConfig;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.probe.round.ClassifyingInterpreter;
import org.censorprobe.probe.round.ProbeEngine;
import org.censorprobe.probe.round.RoundRunner;

/** One classified round from a config file, as `probe once` runs it, with the system resolver given directly. */
public final class Rounds {
  private Rounds() {}

  public static List<Measurement> run(Path config, List<InetSocketAddress> systemNameservers) throws Exception {
    ProbeConfig cfg = ConfigLoader.load(config);
    try (ProbeEngine engine = new ProbeEngine(cfg, systemNameservers, Duration.ZERO, Clock.systemUTC())) {
      var interpreter = new ClassifyingInterpreter(
          new Classifier(cfg.classifier(), Fingerprints.load(cfg.classifier())), Clock.systemUTC());
      return new RoundRunner(engine, interpreter).run(cfg.platforms(), n -> { }).measurements();
    }
  }
}
