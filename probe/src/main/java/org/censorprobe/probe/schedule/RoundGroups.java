package org.censorprobe.probe.schedule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.censorprobe.probe.config.Platform;
import org.censorprobe.probe.config.ProbeConfig;
import org.censorprobe.probe.config.ScheduleSpec;

/**
 * Platforms that share a schedule are measured in one round. That is not only cheaper (the controls are measured
 * once, not once per platform): it is evidence. The classifier's cross-platform rule reads several platforms
 * failing the same way in the same round, with healthy controls, as a pattern; platforms measured in separate
 * rounds can never show one. A group is keyed by its platform ids joined with '+', which names it in the logs.
 */
final class RoundGroups {
  private RoundGroups() {}

  /** Group key -> platforms, in config order. */
  static Map<String, List<Platform>> of(ProbeConfig config) {
    Map<ScheduleSpec, List<Platform>> bySchedule = new LinkedHashMap<>();
    for (Platform p : config.platforms()) {
      bySchedule.computeIfAbsent(PlatformTriggers.scheduleOf(p, config), s -> new ArrayList<>()).add(p);
    }
    Map<String, List<Platform>> out = new LinkedHashMap<>();
    for (List<Platform> group : bySchedule.values()) out.put(key(group), List.copyOf(group));
    return out;
  }

  static String key(List<Platform> group) {
    return group.stream().map(Platform::id).collect(Collectors.joining("+"));
  }
}
