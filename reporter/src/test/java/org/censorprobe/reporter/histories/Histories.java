package org.censorprobe.reporter.histories;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.censorprobe.format.interpret.Method;

/**
 * The histories under src/test/resources/histories, one per incident rule, judged by the real classifier. {@link #main} rewrites
 * the files; HistoriesUpToDateTest checks the committed files are what these scripts give.
 */
public final class Histories {
  public static final Method SNI = Method.TLS_SNI_FILTERED;
  public static final Method DNS = Method.DNS_BOGON;
  public static final Method BLOCKPAGE = Method.HTTP_BLOCKPAGE;

  private Histories() {}

  public static Map<String, List<String>> all() {
    Map<String, List<String>> h = new LinkedHashMap<>();
    // Round:                                        0123456789012345678901
    h.put("thresholds", new HistoryWriter("kcell-1", "Kcell", 29355)
        .platform("facebook",                      "ooBoooBBooooBBBoBoooo", SNI).lines());
    h.put("flapping", new HistoryWriter("kcell-1", "Kcell", 29355)
        .platform("facebook",                      "oBoBoBoBoBo", SNI).lines());
    h.put("gaps", new HistoryWriter("kcell-1", "Kcell", 29355)
        .platform("youtube",                       "oooooooooo____oooooo", SNI)
        .platform("facebook",                      "ooooooBB____BBoooo", SNI)
        .platform("vk",                            "ooooooB____Boooo", DNS).lines());
    h.put("event", new HistoryWriter("kcell-1", "Kcell", 29355)
        .platform("facebook",                      "oooBBBBBBBBoooo", SNI)
        .platform("youtube",                       "ooooBBBBBBBBooo", SNI)
        .platform("instagram",                     "oooooBBBBBoooooo", SNI)
        .platform("twitter",                       "oooooooooooooooo", SNI)
        .platform("vk",                            "ooooooBBBooooo", DNS)
        .platform("telegram",                      "ooooooooooooBBBBBooo", BLOCKPAGE).lines());
    h.put("outage", new HistoryWriter("kcell-1", "Kcell", 29355)
        .platform("facebook",                      "oooooNNNNNoooo", SNI)
        .platform("youtube",                       "oooooNNNNNoooo", SNI).lines());
    h.put("mixed", new HistoryWriter("kcell-1", "Kcell", 29355)
        .platform("facebook",                      "ooBBTTBBToooo", SNI).lines());
    List<String> probes = new ArrayList<>(new HistoryWriter("kcell-1", "Kcell", 29355)
        .platform("facebook",                      "ooooBBBBBBoooo", SNI).platform("twitter", "oooooooooooooo", SNI).lines());
    probes.addAll(new HistoryWriter("beeline-1", "Beeline", 21299)
        .platform("facebook",                      "ooooooBBBBBBoooo", SNI).platform("twitter", "oooooooooooooooo", SNI).lines());
    h.put("probes", probes);
    h.put("fleet", fleet());
    return h;
  }

  /**
   * Five networks at the same moments: Facebook and YouTube blocked on two of them by two techniques, reachable on
   * a third, the fourth's own network down meanwhile, the fifth without data; Twitter reachable everywhere.
   */
  static List<String> fleet() {
    List<String> out = new ArrayList<>();
    // Round:                                                   0123456789012345
    out.addAll(new HistoryWriter("kaztel-1", "Kazakhtelecom", 9198)
        .platform("facebook",                                   "ooooBBBBBBBBoooo", SNI)
        .platform("youtube",                                    "ooooBBBBBBBBoooo", SNI)
        .platform("twitter",                                    "oooooooooooooooo", SNI).lines());
    out.addAll(new HistoryWriter("beeline-1", "Beeline", 21299)
        .platform("facebook",                                   "oooooBBBBBBBoooo", DNS)
        .platform("youtube",                                    "oooooBBBBBBBoooo", DNS)
        .platform("twitter",                                    "oooooooooooooooo", DNS).lines());
    out.addAll(new HistoryWriter("kcell-1", "Kcell", 29355)
        .platform("facebook",                                   "oooooooooooooooo", SNI)
        .platform("youtube",                                    "oooooooooooooooo", SNI)
        .platform("twitter",                                    "oooooooooooooooo", SNI).lines());
    out.addAll(new HistoryWriter("tele2-1", "Tele2", 48503)
        .platform("facebook",                                   "oooooNNNNNNNNooo", SNI)
        .platform("youtube",                                    "oooooNNNNNNNNooo", SNI)
        .platform("twitter",                                    "oooooNNNNNNNNooo", SNI).lines());
    out.addAll(new HistoryWriter("altel-1", "Altel", 50482)
        .platform("facebook",                                   "oooo__________oo", SNI)
        .platform("youtube",                                    "oooo__________oo", SNI)
        .platform("twitter",                                    "oooo__________oo", SNI).lines());
    return out;
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "reporter/src/test/resources/histories");
    Files.createDirectories(dir);
    for (var e : all().entrySet()) {
      Files.writeString(dir.resolve(e.getKey() + ".jsonl"), String.join("\n", e.getValue()) + "\n", StandardCharsets.UTF_8);
    }
  }
}
