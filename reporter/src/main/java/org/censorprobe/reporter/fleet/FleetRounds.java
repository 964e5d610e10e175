package org.censorprobe.reporter.fleet;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.censorprobe.format.interpret.LocalNetwork;
import org.censorprobe.format.interpret.RoundContext;
import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.reporter.incidents.ControlsDuring;
import org.censorprobe.reporter.read.ProbeRound;
import org.censorprobe.reporter.read.Round;
import org.censorprobe.reporter.read.Status;

/**
 * What the fleet view needs of every round, kept as it streams by: per probe when it measured and what its
 * controls said, and per probe and platform each round's status. A few bytes a round in growable arrays, so a
 * year of a fleet's rounds fits where its measurements would not.
 */
public final class FleetRounds implements Consumer<ProbeRound> {
  private static final LocalNetwork[] NETWORKS = LocalNetwork.values();
  private static final Status[] STATUSES = Status.values();
  private final Map<String, ProbeLog> probes = new LinkedHashMap<>();

  @Override
  public void accept(ProbeRound round) {
    probes.computeIfAbsent(round.probe().id(), id -> new ProbeLog(round.probe())).add(round);
  }

  boolean knows(String probe) {
    return probes.containsKey(probe);
  }

  /** The median interval between the probe's rounds, 0 when fewer than two intervals are known. */
  long typicalIntervalMs(String probe) {
    ProbeLog log = probes.get(probe);
    if (log == null || log.n < 3) return 0;
    long[] intervals = new long[log.n - 1];
    for (int i = 1; i < log.n; i++) intervals[i - 1] = log.at[i] - log.at[i - 1];
    Arrays.sort(intervals);
    return intervals[intervals.length / 2];
  }

  /** Rounds the probe measured, 0 when none. */
  int rounds(String probe) {
    ProbeLog log = probes.get(probe);
    return log == null ? 0 : log.n;
  }

  /** The controls of the probe's rounds in [from, to), as the incident rules count them for an incident. */
  ControlsDuring controlsDuring(String probe, Instant from, Instant to) {
    ProbeLog log = probes.get(probe);
    Map<LocalNetwork, Integer> counts = new EnumMap<>(LocalNetwork.class);
    int rounds = 0;
    int minOk = Integer.MAX_VALUE;
    int total = 0;
    int minDomesticOk = Integer.MAX_VALUE;
    int domesticTotal = 0;
    if (log != null) {
      for (int i = log.first(from.toEpochMilli()); i < log.n && log.at[i] < to.toEpochMilli(); i++) {
        rounds++;
        counts.merge(NETWORKS[log.localNetwork[i]], 1, Integer::sum);
        minOk = Math.min(minOk, log.controlsOk[i]);
        total = Math.max(total, log.controlsTotal[i]);
        minDomesticOk = Math.min(minDomesticOk, log.domesticOk[i]);
        domesticTotal = Math.max(domesticTotal, log.domesticTotal[i]);
      }
    }
    return new ControlsDuring(rounds, counts, rounds == 0 ? 0 : minOk, total, rounds == 0 ? 0 : minDomesticOk,
        domesticTotal);
  }

  /** A platform's rounds on a probe in [from, to), counted by status, and how many failed with the network. */
  Tally tally(String probe, String platform, Instant from, Instant to) {
    return tally(probe, platform, from.toEpochMilli(), to.toEpochMilli());
  }

  /** As above, in epoch milliseconds ({@code Long.MAX_VALUE}: to the end). */
  Tally tally(String probe, String platform, long fromMs, long toMs) {
    ProbeLog log = probes.get(probe);
    PlatformLog p = log == null ? null : log.platforms.get(platform);
    Map<Status, Integer> counts = new EnumMap<>(Status.class);
    int networkWide = 0;
    if (p != null) {
      for (int i = p.first(fromMs); i < p.n && p.at[i] < toMs; i++) {
        counts.merge(STATUSES[p.status[i] & 0x7f], 1, Integer::sum);
        if ((p.status[i] & 0x80) != 0) networkWide++;
      }
    }
    return new Tally(counts, networkWide);
  }

  /** Rounds of one platform on one probe by status; {@code networkWide} failed because the probe's network did. */
  record Tally(Map<Status, Integer> counts, int networkWide) {
    Tally {
      counts = Map.copyOf(counts);
    }

    int rounds() {
      return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    int of(Status s) {
      return counts.getOrDefault(s, 0);
    }
  }

  private static final class ProbeLog {
    final ProbeIdentity probe;
    final Map<String, PlatformLog> platforms = new HashMap<>();
    long[] at = new long[256];
    byte[] localNetwork = new byte[256];
    int[] controlsOk = new int[256];
    int[] controlsTotal = new int[256];
    int[] domesticOk = new int[256];
    int[] domesticTotal = new int[256];
    int n;

    ProbeLog(ProbeIdentity probe) {
      this.probe = probe;
    }

    void add(ProbeRound r) {
      if (n == at.length) {
        int size = n * 2;
        at = Arrays.copyOf(at, size);
        localNetwork = Arrays.copyOf(localNetwork, size);
        controlsOk = Arrays.copyOf(controlsOk, size);
        controlsTotal = Arrays.copyOf(controlsTotal, size);
        domesticOk = Arrays.copyOf(domesticOk, size);
        domesticTotal = Arrays.copyOf(domesticTotal, size);
      }
      RoundContext c = r.controls();
      at[n] = r.measuredAtMs();
      // A round with no record read had every control and platform ok: its own network was up by its counts.
      LocalNetwork net = c != null ? c.localNetwork()
          : r.controlsTotal() > 0 && r.controlsOk() == r.controlsTotal() ? LocalNetwork.UP : LocalNetwork.UNKNOWN;
      localNetwork[n] = (byte) net.ordinal();
      controlsOk[n] = c != null ? c.controlsOk() : r.controlsOk();
      controlsTotal[n] = c != null ? c.controlsTotal() : r.controlsTotal();
      domesticOk[n] = c != null ? c.domesticOk() : 0;
      domesticTotal[n] = c != null ? c.domesticTotal() : 0;
      n++;
      for (Round p : r.platforms()) {
        platforms.computeIfAbsent(p.platform(), k -> new PlatformLog()).add(p);
      }
    }

    /** The first round at or after {@code ms}: rounds come in time order. */
    int first(long ms) {
      int i = Arrays.binarySearch(at, 0, n, ms);
      if (i < 0) return -i - 1;
      while (i > 0 && at[i - 1] == ms) i--;
      return i;
    }
  }

  private static final class PlatformLog {
    long[] at = new long[256];
    byte[] status = new byte[256];
    int n;

    void add(Round r) {
      if (n == at.length) {
        at = Arrays.copyOf(at, n * 2);
        status = Arrays.copyOf(status, n * 2);
      }
      at[n] = r.measuredAtMs();
      status[n] = (byte) (r.status().ordinal() | (r.status() != Status.OK && r.networkWide() ? 0x80 : 0));
      n++;
    }

    int first(long ms) {
      int i = Arrays.binarySearch(at, 0, n, ms);
      if (i < 0) return -i - 1;
      while (i > 0 && at[i - 1] == ms) i--;
      return i;
    }
  }
}
