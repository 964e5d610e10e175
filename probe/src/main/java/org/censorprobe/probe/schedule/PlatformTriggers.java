package org.censorprobe.probe.schedule;

import java.util.Date;
import org.censorprobe.probe.config.Platform;
import org.censorprobe.probe.config.ProbeConfig;
import org.censorprobe.probe.config.ScheduleSpec;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobKey;
import org.quartz.ScheduleBuilder;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/**
 * A platform's Quartz trigger. After a pause (laptop sleep, a long GC, a blocked previous round) the missed
 * firings collapse into one round now, then the schedule resumes: "now with existing count" for intervals,
 * "fire and proceed" for cron. A burst of catch-up rounds would measure nothing new and hammer the targets.
 */
public final class PlatformTriggers {
  static final String GROUP = "platforms";

  private PlatformTriggers() {}

  /** The platform's own schedule, else the config's. */
  public static ScheduleSpec scheduleOf(Platform p, ProbeConfig config) {
    if (p.schedule() != null) return p.schedule();
    return config.schedule() != null ? config.schedule() : ScheduleSpec.DEFAULT;
  }

  public static JobKey jobKey(String platformId) {
    return JobKey.jobKey(platformId, GROUP);
  }

  public static TriggerKey triggerKey(String platformId) {
    return TriggerKey.triggerKey(platformId, GROUP);
  }

  public static Trigger trigger(String platformId, ScheduleSpec spec, Date start) {
    ScheduleBuilder<? extends Trigger> schedule;
    if (spec.cron() != null) {
      schedule = CronScheduleBuilder.cronSchedule(spec.cron()).withMisfireHandlingInstructionFireAndProceed();
    } else {
      schedule = SimpleScheduleBuilder.simpleSchedule()
          .withIntervalInMilliseconds(spec.every().toMillis())
          .repeatForever()
          .withMisfireHandlingInstructionNowWithExistingCount();
    }
    return TriggerBuilder.newTrigger().withIdentity(triggerKey(platformId)).forJob(jobKey(platformId))
        .startAt(start).withSchedule(schedule).build();
  }
}
