package org.censorprobe.probe.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** A Quartz firing of one platform's schedule; the work is in {@link RoundExecution}. */
@DisallowConcurrentExecution
final class PlatformRoundJob implements Job {
  private final RoundExecution execution;
  private final Generation generation;

  PlatformRoundJob(RoundExecution execution, Generation generation) {
    this.execution = execution;
    this.generation = generation;
  }

  @Override
  public void execute(JobExecutionContext context) {
    execution.fire(generation, context.getJobDetail().getKey().getName());
  }
}
