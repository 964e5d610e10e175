package org.censorprobe.probe.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.censorprobe.probe.config.ProbeConfig;
import org.censorprobe.probe.config.ScheduleSpec;
import org.censorprobe.probe.store.TestMeasurements;
import org.junit.jupiter.api.Test;
import org.quartz.spi.OperableTrigger;

/**
 * The catch-up rule, checked on Quartz's own trigger logic: after a long pause (many missed firings) the trigger
 * fires once now, and the firing after that is a full interval later: one catch-up round, not a burst.
 */
class PlatformTriggersTest {
  private static final Duration EVERY = Duration.ofMinutes(5);

  @Test
  void intervalScheduleCatchesUpWithOneRoundAfterAPause() {
    long hourAgo = System.currentTimeMillis() - Duration.ofHours(1).toMillis();
    OperableTrigger t = (OperableTrigger) PlatformTriggers.trigger("p",
        new ScheduleSpec(EVERY, Duration.ofSeconds(30), null), new Date(hourAgo));
    t.computeFirstFireTime(null);
    t.triggered(null); // the first round, an hour ago; then the laptop slept
    assertEquals(hourAgo + EVERY.toMillis(), t.getNextFireTime().getTime());

    long before = System.currentTimeMillis();
    t.updateAfterMisfire(null); // what the job store does with a firing older than the misfire threshold
    long after = System.currentTimeMillis();
    long catchUp = t.getNextFireTime().getTime();
    assertTrue(catchUp >= before && catchUp <= after, "fires once now");
    t.triggered(null);
    assertEquals(catchUp + EVERY.toMillis(), t.getNextFireTime().getTime(), "then one interval later");
  }

  @Test
  void cronScheduleCatchesUpWithOneRoundAfterAPause() {
    long dayAgo = System.currentTimeMillis() - Duration.ofDays(1).toMillis();
    OperableTrigger t = (OperableTrigger) PlatformTriggers.trigger("p",
        new ScheduleSpec(null, Duration.ZERO, "0 0/5 * * * ?"), new Date(dayAgo));
    t.computeFirstFireTime(null);
    assertEquals(org.quartz.CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW, t.getMisfireInstruction(), "fire once now");
    long before = System.currentTimeMillis();
    t.updateAfterMisfire(null);
    long after = System.currentTimeMillis();
    long catchUp = t.getNextFireTime().getTime();
    assertTrue(catchUp >= before && catchUp <= after, "fires once now, not 288 times");
    t.triggered(null);
    long next = t.getNextFireTime().getTime();
    assertTrue(next > after && next - catchUp <= EVERY.toMillis(), "then back on the cron schedule");
  }

  @Test
  void aPlatformWithoutScheduleUsesTheConfigsDefault() {
    ScheduleSpec own = new ScheduleSpec(Duration.ofMinutes(1), Duration.ZERO, null);
    ProbeConfig cfg = TestMeasurements.config(Path.of("t.yaml"), List.of(
        TestMeasurements.platformConfig("a", null, "tcp://127.0.0.1:1"),
        TestMeasurements.platformConfig("b", own, "tcp://127.0.0.1:1")), List.of());
    assertEquals(cfg.schedule(), PlatformTriggers.scheduleOf(cfg.platforms().get(0), cfg));
    assertEquals(own, PlatformTriggers.scheduleOf(cfg.platforms().get(1), cfg));
  }
}
