package org.censorprobe.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.censorprobe.probe.classify.Fingerprint;
import org.censorprobe.format.observe.HttpExchange;

/**
 * Checks that the two faster blockpage checks in {@link BlockpageMatchBench} give the shipped answer: for every
 * literal blockpage pattern a page carrying it (in the body, in the title, in a header), the same page with each
 * literal false-positive pattern added, and the bench's ordinary page. Prints the count and exits 1 on the first
 * disagreement.
 *
 * <pre>java -cp benchmarks.jar org.censorprobe.bench.BlockpageEquivalence</pre>
 */
public final class BlockpageEquivalence {
  private BlockpageEquivalence() {}

  public static void main(String[] args) {
    BlockpageMatchBench b = new BlockpageMatchBench();
    b.setUp();
    List<Fingerprint> all = b.fingerprintsForCheck();
    List<String> blockLiterals = new ArrayList<>();
    List<String> fpLiterals = new ArrayList<>();
    for (Fingerprint f : all) {
      String lit = BlockpageMatchBench.literal(f);
      if (lit == null) continue;
      if (f.type().equals(Fingerprint.BLOCKPAGE)) blockLiterals.add(lit);
      if (f.type().equals(Fingerprint.FALSE_POSITIVE)) fpLiterals.add(lit);
    }
    int pages = 0;
    int blocked = 0;
    for (String lit : blockLiterals) {
      for (String where : List.of("body", "title", "header")) {
        pages++;
        if (!agree(b, page(lit, where, null))) fail(lit, where, null);
        if (b.check(page(lit, where, null)) != null) blocked++;
      }
      // A few false positives per blockpage pattern keep the run short but cover every FP pattern overall.
      for (int i = 0; i < 3; i++) {
        String fp = fpLiterals.get((pages + i) % fpLiterals.size());
        pages++;
        if (!agree(b, page(lit, "body", fp))) fail(lit, "body", fp);
      }
    }
    for (String fp : fpLiterals) {
      pages++;
      if (!agree(b, page(blockLiterals.get(pages % blockLiterals.size()), "body", fp))) fail("-", "body", fp);
    }
    System.out.println("{\"pages\":" + pages + ",\"blockpages_found\":" + blocked + ",\"disagreements\":0}");
  }

  private static boolean agree(BlockpageMatchBench b, HttpExchange h) {
    String shipped = b.check(h);
    return Objects.equals(shipped, b.checkBlockpageFirst(h)) && Objects.equals(shipped, b.checkLiteralFirst(h));
  }

  private static void fail(String lit, String where, String fp) {
    System.out.println("{\"disagreement\":\"" + lit.replace("\"", "'") + "\",\"where\":\"" + where + "\",\"fp\":\""
        + (fp == null ? "" : fp.replace("\"", "'")) + "\"}");
    System.exit(1);
  }

  static HttpExchange page(String literal, String where, String falsePositive) {
    String body = "<html><head><title>" + (where.equals("title") ? literal : "a page") + "</title></head><body>"
        + "<p>some text</p>" // an empty body matches the false positive cp:x_seemingly_empty
        + (where.equals("body") ? literal : "") + (falsePositive == null ? "" : " " + falsePositive)
        + "</body></html>";
    String title = where.equals("title") ? literal : "a page";
    Map<String, List<String>> headers = where.equals("header")
        ? Map.of("X-Bench", List.of(literal)) : Map.of("Server", List.of("nginx"));
    return new HttpExchange("GET", "https://host1.bench/",
        org.censorprobe.format.net.IpAddress.parse("198.19.200.11"), 1, Instant.EPOCH, 1.0, 200, headers,
        body.length(), false, null, title, body, 1.0, 1.0, null, 1);
  }
}
