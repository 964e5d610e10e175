package org.censorprobe.probe.metrics;

import static org.censorprobe.probe.metrics.Html.attr;
import static org.censorprobe.probe.metrics.Html.el;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.censorprobe.format.interpret.Confidence;
import org.censorprobe.format.interpret.LocalNetwork;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.format.record.Role;

/**
 * {@code /}: a page a person at the probe keeps open. Who the probe is; when it last measured; a refused reload
 * when there is one; every platform's verdict now and its last 24 hours as a strip of rounds; every endpoint's
 * latest verdict with the classifier's own evidence. Verdicts are named by their method's own words
 * ({@link Method#describe}); nothing on it says more than the verdicts do. Colours rank attention: blocked loud,
 * technical, inconclusive, ok quiet. Refreshes itself with a meta refresh: no script.
 */
final class StatusPage {
  /** Seconds between refreshes: a new round shows within this, and a page left open costs one render per period. */
  static final int REFRESH_SECONDS = 15;
  /** Cells in a history strip at most: 15 minutes each at the default 5-minute schedule. */
  static final int STRIP_CELLS = 96;

  private static final String CSS = """
      :root{--blocked:#c62828;--technical:#ef6c00;--inconclusive:#7e57c2;--ok:#a5d6a7;--ok-text:#4f7a52;\
      --fg:#1b1b1b;--muted:#666;--line:#ddd}
      *{box-sizing:border-box}
      body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);margin:0 auto;\
      max-width:1200px;padding:12px 16px}
      h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.15em;margin:1.4em 0 .4em}
      .probe-id{font-family:ui-monospace,monospace;background:#f2f2f2;padding:0 .3em;border-radius:3px}
      .muted,small{color:var(--muted)}
      header p{margin:.15em 0}
      .refused{border:2px solid var(--technical);background:#fff3e0;padding:.5em .9em;margin:1em 0}
      .refused h2{margin:.1em 0;color:#a84300}
      .refused code{display:block;white-space:pre-wrap}
      .summary span{margin-right:.8em}
      table{border-collapse:collapse;width:100%}
      th,td{text-align:left;vertical-align:top;padding:.35em .5em;border-bottom:1px solid var(--line)}
      th{font-weight:600;font-size:.9em;color:var(--muted)}
      tr.v-blocked td:first-child{border-left:6px solid var(--blocked)}
      tr.v-technical td:first-child{border-left:6px solid var(--technical)}
      tr.v-inconclusive td:first-child{border-left:6px solid var(--inconclusive)}
      tr.v-ok td:first-child{border-left:6px solid transparent}
      .badge{display:inline-block;padding:0 .45em;border-radius:3px;font-size:.9em;white-space:nowrap}
      .badge.blocked{background:var(--blocked);color:#fff;font-weight:700}
      .badge.technical{background:var(--technical);color:#fff;font-weight:600}
      .badge.inconclusive{background:#ede7f6;color:#4a2f8a;border:1px solid var(--inconclusive)}
      .badge.ok{color:var(--ok-text)}
      tr.v-ok .evidence{color:var(--muted)}
      .evidence{font-size:.9em;max-width:40em}
      .strip{display:flex;justify-content:flex-end;gap:1px;height:22px;min-width:300px}
      .strip i{display:block;flex:0 1 8px;min-width:2px;height:100%;background:#f4f4f4}
      .strip i.blocked,.legend i.blocked{background:var(--blocked)}
      .strip i.technical,.legend i.technical{background:var(--technical)}
      .strip i.inconclusive,.legend i.inconclusive{background:var(--inconclusive)}
      .strip i.ok,.legend i.ok{background:var(--ok)}
      .axis{text-align:right;font-size:.75em;color:var(--muted)}
      .legend{font-size:.85em;color:var(--muted)}
      .legend span{margin-right:1em;white-space:nowrap}
      .legend i{display:inline-block;width:.8em;height:.8em;margin-right:.3em;vertical-align:-.05em}
      td.history{width:55%}th.history{text-align:right}
      td.endpoint{font-family:ui-monospace,monospace;font-size:.85em;word-break:break-all}
      footer{margin-top:2em;font-size:.85em;color:var(--muted)}
      """;

  private StatusPage() {}

  static String render(StatusBoard.Snapshot s, String version, Instant now) {
    Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
    for (var p : s.platforms()) counts.merge(p.verdict(), 1, Integer::sum);
    String id = s.probe().id().isEmpty() ? "" : " " + s.probe().id();
    Html.Element head = el("head",
        el("meta", attr("charset", "utf-8")),
        el("meta", attr("name", "viewport"), attr("content", "width=device-width,initial-scale=1")),
        el("meta", attr("http-equiv", "refresh"), attr("content", REFRESH_SECONDS)),
        el("title", "censorprobe" + id + ": " + countsText(counts)),
        el("style", CSS));
    Html.Element body = el("body",
        header(s, now),
        s.refusal() == null ? null : refused(s, now),
        el("h2", "Platforms"),
        el("p", attr("class", "summary"), summary(counts)),
        platforms(s, now),
        legend(),
        el("h2", "Endpoints, with the evidence"),
        endpoints(s, now),
        el("footer", el("p", "censorprobe " + version + " · page made " + PageTime.utc(now)
            + " · it reloads itself every " + REFRESH_SECONDS + " s (no script) · times in UTC · ",
            el("a", attr("href", "metrics"), "metrics"), " · ", el("a", attr("href", "healthz"), "healthz"))));
    return Html.document(el("html", attr("lang", "en"), head, body));
  }

  private static Html.Element header(StatusBoard.Snapshot s, Instant now) {
    ProbeIdentity p = s.probe();
    List<String> where = new ArrayList<>();
    if (!p.network().isEmpty()) where.add(p.network());
    if (p.asn() > 0) where.add("AS" + p.asn());
    if (!p.country().isEmpty()) where.add("country " + p.country());
    List<Object> times = new ArrayList<>();
    times.add("Last round: ");
    times.add(s.lastRound() == null ? "none yet" : when(s.lastRound(), now));
    if (s.controls() != null) {
      var c = s.controls();
      times.add(" · " + networkWords(c.localNetwork()) + " (" + c.ok() + " of " + c.total() + " "
          + (c.total() == 1 ? "control" : "controls") + " reachable)");
    }
    List<Object> config = new ArrayList<>();
    if (s.configLoadedAt() != null) {
      config.add("Config " + (s.configFile() == null ? "" : s.configFile() + " ") + "loaded ");
      config.add(when(s.configLoadedAt(), now));
    }
    return el("header",
        el("h1", "censorprobe ", p.id().isEmpty() ? null : el("span", attr("class", "probe-id"), p.id())),
        where.isEmpty() ? null : el("p", String.join(" · ", where)),
        el("p", times),
        config.isEmpty() ? null : el("p", attr("class", "muted"), config));
  }

  /**
   * The round's local-network state in words (the reporter's ControlsDuring says them its own way; format has no
   * shared text for it yet).
   */
  static String networkWords(LocalNetwork n) {
    return switch (n) {
      case UP -> "local network up";
      case DEGRADED -> "local network degraded (some controls failing)";
      case GATEWAY_CUT -> "international link cut (every international control failing)";
      case DOWN -> "local network down (nothing answering)";
      case CAPTIVE_PORTAL -> "behind a captive portal";
      case UNKNOWN -> "local network unknown (no controls)";
    };
  }

  private static Html.Element refused(StatusBoard.Snapshot s, Instant now) {
    var r = s.refusal();
    List<Html.Element> problems = r.problems().stream().map(p -> el("code", p)).toList();
    return el("section", attr("class", "refused"), attr("role", "alert"),
        el("h2", "Config reload refused"),
        el("p", "A changed config was refused ", when(r.at(), now), " with "
            + (r.problems().size() == 1 ? "this problem" : "these " + r.problems().size() + " problems")
            + "; the probe goes on measuring with the config loaded ",
            s.configLoadedAt() == null ? "earlier" : when(s.configLoadedAt(), now), ". Fix the file to reload it."),
        problems);
  }

  private static List<Object> summary(Map<Verdict, Integer> counts) {
    List<Object> out = new ArrayList<>();
    for (Verdict v : List.of(Verdict.BLOCKED, Verdict.TECHNICAL, Verdict.INCONCLUSIVE, Verdict.OK)) {
      int n = counts.getOrDefault(v, 0);
      if (n == 0) continue;
      out.add(el("span", el("span", attr("class", "badge " + v.label()), v.label()), " " + n + " "
          + (n == 1 ? "platform" : "platforms")));
    }
    if (out.isEmpty()) out.add(el("span", attr("class", "muted"), "No round measured yet."));
    return out;
  }

  private static String countsText(Map<Verdict, Integer> counts) {
    List<String> parts = new ArrayList<>();
    for (Verdict v : List.of(Verdict.BLOCKED, Verdict.TECHNICAL, Verdict.INCONCLUSIVE, Verdict.OK)) {
      int n = counts.getOrDefault(v, 0);
      if (n > 0) parts.add(n + " " + v.label());
    }
    return parts.isEmpty() ? "no round yet" : String.join(", ", parts);
  }

  private static Html.Element platforms(StatusBoard.Snapshot s, Instant now) {
    List<Html.Element> rows = new ArrayList<>();
    Instant since = now.minus(StatusBoard.HISTORY);
    for (var p : s.platforms()) {
      List<StatusBoard.Beat> beats = s.history().getOrDefault(p.platform(), List.of());
      rows.add(el("tr", attr("class", "v-" + p.verdict().label()), attr("data-platform", p.platform()),
          el("td", el("strong", p.platformName()), el("br"), el("small", p.platform())),
          el("td", verdict(p.verdict(), p.method(), p.confidence()), el("br"),
              el("small", when(p.roundAt(), now))),
          el("td", attr("class", "history"), strip(beats, since))));
    }
    if (rows.isEmpty()) {
      rows.add(el("tr", el("td", attr("colspan", 3), attr("class", "muted"), "No platform measured yet.")));
    }
    return el("table", attr("class", "platforms"),
        el("thead", el("tr", el("th", "Platform"), el("th", "Now"),
            el("th", attr("class", "history"), "Last 24 h (one mark per round)"))),
        el("tbody", rows));
  }

  /** The badge and the method's own words for it; ok has no method. */
  private static List<Object> verdict(Verdict v, Method m, Confidence c) {
    List<Object> out = new ArrayList<>();
    out.add(el("span", attr("class", "badge " + v.label()), v.label()));
    if (m != null) out.add(" " + m.describe(v));
    if (v != Verdict.OK && c != null) out.add(el("small", " · " + c.label() + " confidence"));
    return out;
  }

  private static List<Object> strip(List<StatusBoard.Beat> beats, Instant since) {
    List<HistoryStrip.Cell> cells = HistoryStrip.cells(beats, since, STRIP_CELLS);
    List<Html.Element> marks = new ArrayList<>();
    for (HistoryStrip.Cell c : cells) {
      marks.add(el("i", attr("class", c.shown().label()), attr("title", cellText(c))));
    }
    int rounds = cells.stream().mapToInt(HistoryStrip.Cell::rounds).sum();
    String caption = cells.isEmpty() ? "no rounds in the last 24 h"
        : rounds == 1 ? "1 round, at " + PageTime.clock(cells.get(0).from())
        : rounds + " rounds since " + PageTime.clock(cells.get(0).from());
    Html.Element axis = el("div", attr("class", "axis"), caption);
    return List.of(el("div", attr("class", "strip"), attr("role", "img"),
        attr("aria-label", stripText(cells)), marks), axis);
  }

  /** A cell's tooltip: when, how many rounds, and each verdict's count; the method only for the one shown. */
  private static String cellText(HistoryStrip.Cell c) {
    String when = c.rounds() == 1 ? PageTime.utc(c.from())
        : PageTime.utc(c.from()) + " to " + PageTime.clock(c.to()) + ", " + c.rounds() + " rounds";
    List<String> parts = new ArrayList<>();
    for (Verdict v : List.of(Verdict.BLOCKED, Verdict.TECHNICAL, Verdict.INCONCLUSIVE, Verdict.OK)) {
      Integer n = c.counts().get(v);
      if (n == null) continue;
      String words = v == c.shown() && c.method() != null ? " (" + c.method().describe(v) + ")" : "";
      parts.add((c.rounds() == 1 ? "" : n + " ") + v.label() + words);
    }
    return when + ": " + String.join(", ", parts);
  }

  private static String stripText(List<HistoryStrip.Cell> cells) {
    Map<Verdict, Integer> total = new EnumMap<>(Verdict.class);
    for (HistoryStrip.Cell c : cells) c.counts().forEach((v, n) -> total.merge(v, n, Integer::sum));
    int rounds = total.values().stream().mapToInt(Integer::intValue).sum();
    if (rounds == 0) return "no rounds in the last 24 hours";
    List<String> parts = new ArrayList<>();
    for (Verdict v : List.of(Verdict.BLOCKED, Verdict.TECHNICAL, Verdict.INCONCLUSIVE, Verdict.OK)) {
      Integer n = total.get(v);
      if (n != null) parts.add(n + " " + v.label());
    }
    return rounds + (rounds == 1 ? " round" : " rounds") + " in the last 24 hours: " + String.join(", ", parts);
  }

  private static Html.Element legend() {
    List<Object> items = new ArrayList<>();
    for (Verdict v : List.of(Verdict.BLOCKED, Verdict.TECHNICAL, Verdict.INCONCLUSIVE, Verdict.OK)) {
      items.add(el("span", el("i", attr("class", v.label())), v.label()));
    }
    items.add(el("span", "a shared mark shows the verdict that needs the most attention among its rounds"));
    return el("p", attr("class", "legend"), items);
  }

  private static Html.Element endpoints(StatusBoard.Snapshot s, Instant now) {
    List<Html.Element> rows = new ArrayList<>();
    for (var e : s.endpoints()) {
      String who = e.role() == Role.CONTROL ? "control" : e.platformName();
      rows.add(el("tr", attr("class", "v-" + e.verdict().label()),
          el("td", who), el("td", attr("class", "endpoint"), e.endpoint()),
          el("td", verdict(e.verdict(), e.method(), e.confidence())),
          el("td", attr("class", "evidence"), e.evidence()),
          el("td", el("small", when(e.measuredAt(), now)))));
    }
    if (rows.isEmpty()) rows.add(el("tr", el("td", attr("colspan", 5), attr("class", "muted"), "Nothing yet.")));
    return el("table", attr("class", "endpoints"),
        el("thead", el("tr", el("th", ""), el("th", "Endpoint"), el("th", "Verdict"), el("th", "Evidence"),
            el("th", "Measured"))),
        el("tbody", rows));
  }

  /** {@code <time>2026-11-22 14:03:12 UTC</time> (2 min ago)}. */
  private static List<Object> when(Instant t, Instant now) {
    return List.of(el("time", attr("datetime", t.toString()), PageTime.utc(t)), " (" + PageTime.ago(t, now) + ")");
  }
}
