package org.censorprobe.probe.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "once", mixinStandardHelpOptions = true, description = "Measure every endpoint once and print the results.")
public final class OnceCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UnsupportedOperationException("TODO(engine)");
  }
}
