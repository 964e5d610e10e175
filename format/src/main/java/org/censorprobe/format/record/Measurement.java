package org.censorprobe.format.record;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.censorprobe.format.interpret.Judgement;
import org.censorprobe.format.interpret.ResolverRole;
import org.censorprobe.format.observe.EndpointObservations;
import org.censorprobe.format.observe.Steps;
import org.censorprobe.format.endpoint.ContentExpectation;

/**
 * One record: what was measured for one subject in one round ({@code steps}), kept apart from what it was judged
 * to mean ({@code judgement}, null until classified) and every earlier judgement ({@code previous}, oldest first).
 * The format is documented in docs/measurement-format.md and written and read only by
 * {@link org.censorprobe.format.json.MeasurementCodec}.
 *
 * @param platform the platform id; {@code control} for controls, {@code resolver} for resolvers
 * @param endpoint the endpoint as written in targets.yaml, or the resolver ({@code system}, {@code udp://IP:53})
 * @param resolverRole resolvers only
 * @param expect controls only: what the control serves, when it defines it (null: any response below 500)
 */
public record Measurement(
    String id,
    String roundId,
    Instant measuredAt,
    ProbeIdentity probe,
    Role role,
    String platform,
    String platformName,
    boolean domestic,
    String endpoint,
    ResolverRole resolverRole,
    ContentExpectation expect,
    Steps steps,
    Judgement judgement,
    List<Judgement> previous) {

  public static final String CONTROL_PLATFORM = "control";
  public static final String RESOLVER_PLATFORM = "resolver";

  public Measurement {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(steps, "steps");
    previous = previous == null ? List.of() : List.copyOf(previous);
    if ((role == Role.RESOLVER) != (resolverRole != null)) {
      throw new IllegalArgumentException("a resolver role belongs to resolver records only");
    }
    if (expect != null && role != Role.CONTROL) throw new IllegalArgumentException("only controls expect content");
    if ((role == Role.RESOLVER) == (steps instanceof EndpointObservations)) {
      throw new IllegalArgumentException(role.label() + " record with the wrong kind of steps");
    }
  }

  /** The endpoint's observations; throws for a resolver record. */
  public EndpointObservations observations() {
    if (steps instanceof EndpointObservations o) return o;
    throw new IllegalStateException("a resolver record has no endpoint observations");
  }

  public Measurement withJudgement(Judgement j) {
    return new Measurement(id, roundId, measuredAt, probe, role, platform, platformName, domestic, endpoint,
        resolverRole, expect, steps, j, previous);
  }

  /** Re-judged: {@code next} becomes current and the current judgement joins {@code previous}. */
  public Measurement rejudged(Judgement next) {
    List<Judgement> older = new java.util.ArrayList<>(previous);
    if (judgement != null) older.add(judgement);
    return new Measurement(id, roundId, measuredAt, probe, role, platform, platformName, domestic, endpoint,
        resolverRole, expect, steps, next, older);
  }

  public Measurement withSteps(Steps s) {
    return new Measurement(id, roundId, measuredAt, probe, role, platform, platformName, domestic, endpoint,
        resolverRole, expect, s, judgement, previous);
  }
}
