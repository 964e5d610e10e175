package org.censorprobe.probe.schedule;

import java.util.List;
import org.censorprobe.probe.config.Platform;
import org.censorprobe.probe.round.RoundRunner;

/** Measures a round for some platforms (plus the controls). One per config; closed when the config is replaced. */
public interface RoundSource extends AutoCloseable {
  RoundRunner.RoundReport run(List<Platform> platforms);

  @Override
  void close();
}
