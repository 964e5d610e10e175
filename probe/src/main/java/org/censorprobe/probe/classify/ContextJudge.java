package org.censorprobe.probe.classify;

import java.util.List;
import org.censorprobe.format.helper.RemoteView;
import org.censorprobe.format.interpret.Confidence;
import org.censorprobe.format.interpret.Fact;
import org.censorprobe.format.interpret.LocalNetwork;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.Verdict;

/**
 * Decides the {@link Finding.Kind#FAILURE} findings (timeouts, resets, refusals that a censor and a broken server
 * both explain) from the round's context: the remote vantage first, then the cross-platform pattern under healthy
 * controls; otherwise inconclusive, saying what was missing. A partial failure (some addresses of the path failed,
 * others worked) is never more than medium confidence: the path itself worked.
 */
final class ContextJudge {
  /** Unrelated platforms failing with the same method in this round, and whether every platform failed. */
  record Pattern(List<String> samePlatforms, boolean everythingFailing) {}

  Finding judge(Finding f, LocalNetwork network, Pattern pattern, RemoteView remote) {
    boolean partial = f.method() == Method.TCP_PARTIAL || f.method() == Method.TLS_PARTIAL;
    Finding out;
    switch (f.remote()) {
      case SUCCEEDED -> {
        Confidence c = Confidence.HIGH;
        if (network != LocalNetwork.UP) c = c.lower();
        if (pattern.everythingFailing()) c = c.lower();
        if (partial) c = c.atMost(Confidence.MEDIUM);
        out = f.decide(Verdict.BLOCKED, f.method(), c);
      }
      case FAILED -> out = f.decide(Verdict.TECHNICAL, Method.TARGET_DOWN, Confidence.HIGH)
          .with(new Fact.Replaced(f.method()));
      default -> {
        if (network == LocalNetwork.UP && pattern.samePlatforms().size() >= 2 && !pattern.everythingFailing()) {
          out = f.decide(Verdict.BLOCKED, f.method(), Confidence.MEDIUM)
              .with(new Fact.CrossPlatform(pattern.samePlatforms()));
        } else {
          out = f.decide(Verdict.INCONCLUSIVE, f.method(), Confidence.LOW)
              .with(new Fact.MissingEvidence(List.of(Fact.Missing.REMOTE_VANTAGE)));
        }
      }
    }
    return remote == null ? out : out.with(RemoteLookup.fact(remote, f.remote()));
  }
}
