package org.censorprobe.probe.classify;

import java.util.List;
import java.util.Map;

/**
 * Decides the {@link Finding.Kind#FAILURE} findings (timeouts, resets, refusals that a censor and a broken server
 * both explain) from the round context: the remote vantage first, then the cross-platform pattern under healthy
 * controls; otherwise inconclusive, saying what was missing.
 */
final class FailureJudge {
  /** Other platforms in the round failing with the same method, and whether every platform failed. */
  record Pattern(List<String> samePlatforms, boolean everythingFailing) {}

  Classification judge(Finding f, LocalNetwork network, Pattern pattern, RemoteView remote) {
    Map<String, Object> facts = f.facts();
    switch (f.remote()) {
      case SUCCEEDED -> {
        Confidence c = Confidence.HIGH;
        if (network != LocalNetwork.UP) c = DnsRules.lower(c);
        if (pattern.everythingFailing()) c = DnsRules.lower(c);
        return new Classification(Verdict.BLOCKED, f.method(), c, f.evidence() + "; the remote vantage "
            + remote.helperId() + " reached it at the same time.", facts);
      }
      case FAILED -> {
        facts.put(Facts.LOCAL_FAILURE_METHOD, f.method());
        return new Classification(Verdict.TECHNICAL, Methods.TARGET_DOWN, Confidence.HIGH, f.evidence()
            + "; the remote vantage " + remote.helperId() + " failed too: the target is down.", facts);
      }
      default -> { }
    }
    String helper = remote == null ? "no remote vantage is configured"
        : "the remote vantage " + remote.helperId() + " was unreachable" + (remote.unreachableReason() == null ? ""
            : " (" + remote.unreachableReason() + ")");
    if (network == LocalNetwork.UP && pattern.samePlatforms().size() >= 2 && !pattern.everythingFailing()) {
      facts.put(Facts.PATTERN, pattern.samePlatforms());
      return new Classification(Verdict.BLOCKED, f.method(), Confidence.MEDIUM, f.evidence() + "; "
          + pattern.samePlatforms().size() + " platforms failed the same way while the controls were healthy ("
          + helper + ").", facts);
    }
    facts.put(Facts.MISSING, List.of(Facts.MISSING_REMOTE));
    String why = network != LocalNetwork.UP ? "the controls were " + network.label()
        : pattern.everythingFailing() ? "every platform failed in this round" : "no other platform failed the same way";
    return new Classification(Verdict.INCONCLUSIVE, f.method(), Confidence.LOW, f.evidence() + "; " + helper
        + " and " + why + ", so a dead server cannot be told from blocking.", facts);
  }
}
