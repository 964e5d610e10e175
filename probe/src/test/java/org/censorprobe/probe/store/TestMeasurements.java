package org.censorprobe.probe.store;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.censorprobe.format.interpret.Confidence;
import org.censorprobe.format.interpret.Interpretation;
import org.censorprobe.format.interpret.Judgement;
import org.censorprobe.format.interpret.LocalNetwork;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.PlatformVerdict;
import org.censorprobe.format.interpret.RoundContext;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.observe.Failure;
import org.censorprobe.format.observe.FailureType;
import org.censorprobe.format.observe.Operation;
import org.censorprobe.format.record.Role;
import org.censorprobe.probe.classify.Classifier;
import org.censorprobe.probe.config.ClassifierSettings;
import org.censorprobe.probe.config.ControlConfig;
import org.censorprobe.probe.config.ControlTarget;
import org.censorprobe.format.endpoint.Endpoint;
import org.censorprobe.probe.config.Limits;
import org.censorprobe.probe.config.Platform;
import org.censorprobe.probe.config.ProbeConfig;
import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.probe.config.ScheduleSpec;
import org.censorprobe.probe.config.Timeouts;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.format.observe.EndpointObservations;
import org.censorprobe.format.observe.TcpObservation;

/** Measurements and configs built in memory, for the daemon's tests (no network). */
public final class TestMeasurements {
  public static final ProbeIdentity PROBE = new ProbeIdentity("test-probe", "KZ", "test", 0);

  private TestMeasurements() {}

  public static Measurement platform(String roundId, String platform, String endpoint, Verdict verdict,
                                     Method method, Instant at) {
    Interpretation c = new Interpretation(verdict, method, Confidence.HIGH, "evidence <" + verdict.label() + ">",
        List.of());
    Judgement j = new Judgement(c, new PlatformVerdict(c, List.of(endpoint)), null, Classifier.VERSION, at);
    return new Measurement(UUID.randomUUID().toString(), roundId, at, PROBE, Role.PLATFORM, platform,
        platform.toUpperCase(java.util.Locale.ROOT), false, endpoint, null, null,
        observations(endpoint, at, verdict == Verdict.OK), j, List.of());
  }

  public static Measurement control(String roundId, String endpoint, boolean ok, Instant at) {
    Verdict v = ok ? Verdict.OK : Verdict.TECHNICAL;
    Interpretation c = new Interpretation(v, ok ? null : Method.TCP_REFUSED, Confidence.MEDIUM, "control", List.of());
    RoundContext round = new RoundContext(1, ok ? 1 : 0, 0, 0, ok ? LocalNetwork.UP : LocalNetwork.DOWN, List.of());
    return new Measurement(UUID.randomUUID().toString(), roundId, at, PROBE, Role.CONTROL, Measurement.CONTROL_PLATFORM,
        "Control", false, endpoint, null, null, observations(endpoint, at, ok),
        new Judgement(c, null, round, Classifier.VERSION, at), List.of());
  }

  /** A tcp:// endpoint at an IP literal: only the tcp step applies. */
  public static EndpointObservations observations(String endpoint, Instant at, boolean ok) {
    Endpoint e = Endpoint.parse(endpoint);
    var tcp = new TcpObservation(IpAddress.parse("127.0.0.1"), e.port(), 1, at, 12.5,
        ok ? null : Failure.of(FailureType.CONNECTION_REFUSED, Operation.CONNECT), 0);
    return new EndpointObservations(e, at, 13.0, List.of(), List.of(), List.of(tcp), List.of(), List.of(), List.of(),
        null);
  }

  /** A round: one measurement per endpoint of the platform. */
  public static List<Measurement> round(String platform, List<String> endpoints, Verdict verdict, Instant at) {
    String roundId = UUID.randomUUID().toString();
    List<Measurement> out = new ArrayList<>();
    for (String e : endpoints) out.add(platform(roundId, platform, e, verdict, verdict == Verdict.OK ? null : Method.TCP_REFUSED, at));
    return out;
  }

  public static ProbeConfig config(Path source, List<Platform> platforms, List<String> controls) {
    List<ControlTarget> targets = controls.stream().map(c -> new ControlTarget(Endpoint.parse(c), false, null)).toList();
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
