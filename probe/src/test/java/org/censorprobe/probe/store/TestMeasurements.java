package org.censorprobe.probe.store;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.censorprobe.probe.classify.Classification;
import org.censorprobe.probe.classify.Confidence;
import org.censorprobe.probe.classify.Verdict;
import org.censorprobe.probe.config.ClassifierSettings;
import org.censorprobe.probe.config.ControlConfig;
import org.censorprobe.probe.config.ControlTarget;
import org.censorprobe.probe.config.Endpoint;
import org.censorprobe.probe.config.Limits;
import org.censorprobe.probe.config.Platform;
import org.censorprobe.probe.config.ProbeConfig;
import org.censorprobe.probe.config.ProbeIdentity;
import org.censorprobe.probe.config.ScheduleSpec;
import org.censorprobe.probe.config.Timeouts;
import org.censorprobe.probe.json.Measurement;
import org.censorprobe.probe.observe.EndpointObservations;
import org.censorprobe.probe.observe.TcpObservation;

/** Measurements and configs built in memory, for the daemon's tests (no network). */
public final class TestMeasurements {
  public static final ProbeIdentity PROBE = new ProbeIdentity("test-probe", "KZ", "test", 0);

  private TestMeasurements() {}

  public static Measurement platform(String roundId, String platform, String endpoint, Verdict verdict,
                                     String method, Instant at) {
    Classification c = new Classification(verdict, method, Confidence.HIGH, "evidence <" + verdict.label() + ">",
        Map.of());
    return new Measurement(UUID.randomUUID().toString(), roundId, at, PROBE, Measurement.ROLE_PLATFORM, platform,
        platform.toUpperCase(java.util.Locale.ROOT), false, c, new org.censorprobe.probe.classify.PlatformVerdict(platform, c, List.of(endpoint)),
        null, observations(endpoint, at, verdict == Verdict.OK));
  }

  public static Measurement control(String roundId, String endpoint, boolean ok, Instant at) {
    Verdict v = ok ? Verdict.OK : Verdict.INCONCLUSIVE;
    Classification c = new Classification(v, null, Confidence.LOW, "control", Map.of());
    return new Measurement(UUID.randomUUID().toString(), roundId, at, PROBE, Measurement.ROLE_CONTROL, "control",
        "Control", false, c, null, null, observations(endpoint, at, ok));
  }

  /** A tcp:// endpoint at an IP literal: only the tcp step applies. */
  public static EndpointObservations observations(String endpoint, Instant at, boolean ok) {
    Endpoint e = Endpoint.parse(endpoint);
    var tcp = new TcpObservation("127.0.0.1", e.port(), 1, at, 12.5,
        ok ? null : new org.censorprobe.probe.observe.Failure("connection_refused", "tcp_connect", null));
    return new EndpointObservations(e, at, 13.0, List.of(), List.of(), List.of(tcp), List.of(), List.of(), List.of());
  }

  /** A round: one measurement per endpoint of the platform. */
  public static List<Measurement> round(String platform, List<String> endpoints, Verdict verdict, Instant at) {
    String roundId = UUID.randomUUID().toString();
    List<Measurement> out = new ArrayList<>();
    for (String e : endpoints) out.add(platform(roundId, platform, e, verdict, verdict == Verdict.OK ? null : "tcp.reset", at));
    return out;
  }

  public static ProbeConfig config(Path source, List<Platform> platforms, List<String> controls) {
    List<ControlTarget> targets = controls.stream().map(c -> new ControlTarget(Endpoint.parse(c), false)).toList();
    return new ProbeConfig(source, PROBE, Timeouts.DEFAULTS,
        new ScheduleSpec(Duration.ofMinutes(5), Duration.ZERO, null), List.of(),
        new ControlConfig(null, null, List.of(), targets), List.of(), List.of(), Limits.DEFAULTS,
        ClassifierSettings.DEFAULTS, null, platforms);
  }

  public static Platform platformConfig(String id, ScheduleSpec schedule, String... endpoints) {
    return new Platform(id, id.toUpperCase(java.util.Locale.ROOT), schedule,
        java.util.Arrays.stream(endpoints).map(Endpoint::parse).toList());
  }
}
