package org.censorprobe.probe.privacy;

import java.security.SecureRandom;
import java.util.List;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.format.scrub.Scrubber;
import org.censorprobe.probe.classify.RoundRecords;

/**
 * Where a round's records lose the probe's own addresses: once, after measuring and before anything judges,
 * stores, prints or exports them, so that the evidence quoting a title is written from the scrubbed title.
 * First the public address the remote vantages saw is learned from the round's own answers (so the very first
 * round is covered too), then every record is scrubbed (org.censorprobe.format.scrub.Scrubber); the echoed
 * address itself is scrubbed out of the stored answer with the rest.
 */
public final class RecordScrubbing {
  private final OwnAddresses own;
  /** The key of the digests that replace a scrubbed body's sha256: drawn per run, never written anywhere. */
  private final byte[] digestKey = new byte[32];

  public RecordScrubbing(OwnAddresses own) {
    this.own = own;
    new SecureRandom().nextBytes(digestKey);
  }

  public static RecordScrubbing ofThisMachine() {
    return new RecordScrubbing(OwnAddresses.ofThisMachine());
  }

  public RoundRecords apply(RoundRecords round) {
    for (Measurement m : round.all()) HelperEcho.of(m).ifPresent(own::learn);
    Scrubber scrubber = new Scrubber(own.current(), digestKey);
    return new RoundRecords(round.roundId(), scrub(scrubber, round.platforms()), scrub(scrubber, round.controls()));
  }

  private static List<Measurement> scrub(Scrubber s, List<Measurement> records) {
    return records.stream().map(s::scrub).toList();
  }
}
