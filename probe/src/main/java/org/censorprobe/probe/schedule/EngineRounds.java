package org.censorprobe.probe.schedule;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import org.censorprobe.probe.config.Platform;
import org.censorprobe.probe.config.ProbeConfig;
import org.censorprobe.probe.round.ProbeEngine;
import org.censorprobe.probe.round.RoundRunner;

/** The real rounds: one {@link ProbeEngine} per config, its runner, and the interpreter behind it. */
public final class EngineRounds implements RoundSource {
  private final ProbeEngine engine;
  private final RoundRunner runner;

  public EngineRounds(ProbeConfig config, Path resolvConf, Function<ProbeConfig, RoundRunner.Interpreter> interpreter,
                      Clock clock) {
    this(new ProbeEngine(config, resolvConf, ProbeEngine.DEFAULT_RETRY_PAUSE, clock), interpreter);
  }

  /** @param systemNameservers the system resolver's servers, given directly (the demo's own resolver) */
  public EngineRounds(ProbeConfig config, List<InetSocketAddress> systemNameservers,
                      Function<ProbeConfig, RoundRunner.Interpreter> interpreter, Clock clock) {
    this(new ProbeEngine(config, systemNameservers, ProbeEngine.DEFAULT_RETRY_PAUSE, clock), interpreter);
  }

  private EngineRounds(ProbeEngine engine, Function<ProbeConfig, RoundRunner.Interpreter> interpreter) {
    this.engine = engine;
    this.runner = new RoundRunner(engine, interpreter.apply(engine.config()));
  }

  @Override
  public RoundRunner.RoundReport run(List<Platform> platforms) {
    return runner.run(platforms, done -> { });
  }

  @Override
  public void close() {
    engine.close();
  }
}
