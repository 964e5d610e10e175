#!/usr/bin/env python3
"""The lab's scorecard: expected against actual verdicts, per scenario and endpoint, and per resolver.

Reads the expectations the runner wrote (one JSON object per scenario and host or resolver) and the probe's output
(results/SCENARIO.jsonl, docs/measurement-format.md), writes scorecard.md and scorecard.json to --out, prints the
table and the totals, and exits 1 on any wrong verdict (or, with --strict-method, any wrong method).

A host row is matched with the platform or control record of its endpoint; a resolver row (role "resolver") with
the resolver record of its endpoint (the resolver as written in the config, or "system"). A missing record is a
wrong verdict ("missing").
"""
import argparse
import json
import os
import sys


def load_jsonl(path):
    rows = []
    if not os.path.exists(path):
        return rows
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            if not line.startswith("{"):
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError:
                continue
    return rows


def read_text(path, limit=2000):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()[-limit:]
    except OSError:
        return ""


def method_matches(expected, got):
    if not expected:
        return True
    return (got or "") in expected.split("|")


def dns_outcome(q):
    """One query's outcome: its addresses (bogons marked), its failure, or its rcode."""
    ans = ",".join(a.get("data", "") + ("(bogon)" if a.get("bogon") else "")
                   for a in q.get("answers") or [] if a.get("type") in ("A", "AAAA"))
    return q.get("failure") or ans or q.get("rcode") or "?"


def dns_by_resolver(steps):
    """resolver label -> {query type -> the last attempt's query}, over steps.dns and steps.control_dns."""
    out = {}
    for key in ("dns", "control_dns"):
        for q in steps.get(key) or []:
            per = out.setdefault(q.get("resolver") or key, {})
            t = q.get("query_type")
            if t not in per or (q.get("attempt") or 1) >= (per[t].get("attempt") or 1):
                per[t] = q
    return out


def observed(rec, short_names=None):
    """A compact line of what the steps saw, so a row can be judged even when the evidence sentence is vague.
    DNS per resolver (short_names: resolver label -> lab id), A answers then AAAA after a slash."""
    if not rec:
        return ""
    steps = rec.get("steps") or {}
    parts = []
    short_names = short_names or {}
    for label, per in dns_by_resolver(steps).items():
        a = per.get("A")
        aaaa = per.get("AAAA")
        text = dns_outcome(a) if a else "-"
        if aaaa and aaaa.get("answers"):
            text += "/" + dns_outcome(aaaa)
        parts.append("%s:%s" % (short_names.get(label, label), text))
    for key in ("tcp", "tls", "sni_swap"):
        seen = []
        for o in steps.get(key) or []:
            f = o.get("failure") or o.get("validation_failure") or "ok"
            item = "%s=%s" % (o.get("address"), f)
            if item not in seen:
                seen.append(item)
        if seen:
            parts.append("%s:%s" % (key, " ".join(seen)))
    for h in steps.get("http") or []:
        rate = h.get("transfer_bytes_per_second")
        parts.append("http:%s%s%s%s" % (h.get("status_code"), "/" + h["failure"] if h.get("failure") else "",
                                         "@" + h["address"] if h.get("address") else "",
                                         " %.0fkB/s" % (rate / 1000) if rate else ""))
    helper = steps.get("helper")
    if helper:
        resp = helper.get("response")
        if isinstance(resp, str):
            try:
                resp = json.loads(resp)
            except ValueError:
                resp = None
        if not helper.get("answered_by") or not isinstance(resp, dict):
            parts.append("helper:unanswered")
        else:
            seen = ["%s=%s" % (k, "ok" if v.get("status") else v.get("failure"))
                    for k, v in (resp.get("tcp_connect") or {}).items()]
            hr = resp.get("http_request") or {}
            parts.append("helper:%s%s" % (" ".join(seen), " http:%s" % (hr.get("status_code") or hr.get("failure"))
                                          if hr else ""))
    return "; ".join(parts)


def resolver_observed(label, records):
    """What one resolver did in the round, from every record's DNS steps: how many names it answered, the names it
    failed on (by failure), and the names whose answer differs from the other resolvers' majority."""
    names = {}
    control_label = None
    for rec in records:
        steps = rec.get("steps") or {}
        for q in steps.get("control_dns") or []:
            control_label = q.get("resolver") or control_label
        per = dns_by_resolver(steps)
        if label in per and "A" in per[label]:
            q = per[label]["A"]
            names[q.get("query")] = (q, {k: v["A"] for k, v in per.items() if k != label and "A" in v})
    if not names:
        return "no query through this resolver in any record"
    answered, failed, odd, off_control = 0, {}, [], []
    for name, (q, others) in sorted(names.items()):
        if q.get("failure"):
            failed.setdefault(q["failure"], []).append(name)
            continue
        answered += 1
        mine = sorted(a.get("data") for a in q.get("answers") or [] if a.get("type") == "A")
        theirs = [sorted(a.get("data") for a in o.get("answers") or [] if a.get("type") == "A")
                  for o in others.values() if not o.get("failure")]
        if theirs and all(t != mine for t in theirs):
            odd.append("%s=%s" % (name, dns_outcome(q)))
        elif control_label in others and not others[control_label].get("failure") and mine != sorted(
                a.get("data") for a in others[control_label].get("answers") or [] if a.get("type") == "A"):
            off_control.append("%s=%s" % (name, dns_outcome(q)))
    text = "%d names asked: %d answered" % (len(names), answered)
    for f, ns in sorted(failed.items()):
        text += "; %s for %d (%s)" % (f, len(ns), ",".join(ns[:3]) + ("…" if len(ns) > 3 else ""))
    if odd:
        text += "; differs from every other resolver: " + " ".join(odd)
    if off_control:
        text += "; differs from the control resolver: " + " ".join(off_control)
    return text


def cell(text, width=None, markdown=True):
    text = "" if text is None else str(text)
    text = text.replace("\n", " ")
    if markdown:
        text = text.replace("|", "\\|")
    if width and len(text) > width:
        text = text[: width - 1] + "…"
    return text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--expectations", required=True)
    ap.add_argument("--results", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--control-server", default="no")
    ap.add_argument("--strict-method", action="store_true")
    args = ap.parse_args()

    expectations = load_jsonl(args.expectations)
    records_by_scenario = {}
    probe_status = {}
    rows = []
    for exp in expectations:
        scen = exp["scenario"]
        if scen not in records_by_scenario:
            base = os.path.join(args.results, scen)
            records_by_scenario[scen] = load_jsonl(base + ".jsonl")
            probe_status[scen] = {
                "exit_code": read_text(base + ".rc").strip() or "?",
                "stderr_tail": read_text(base + ".stderr", 1500),
            }
        is_resolver = exp["role"] == "resolver"
        match = [r for r in records_by_scenario[scen] if r.get("endpoint") == exp["endpoint"]
                 and (r.get("role") == "resolver") == is_resolver]
        rec = match[0] if match else None
        short = {e["endpoint"]: e["id"].split(":", 1)[-1] for e in expectations
                 if e["scenario"] == scen and e["role"] == "resolver"}
        seen = observed(rec, short)
        if is_resolver:
            own = resolver_observed(exp["endpoint"], [r for r in records_by_scenario[scen]
                                                      if r.get("role") != "resolver"])
            seen = own + ("; own record: " + seen if seen else "")
        got_verdict = rec.get("verdict") if rec else "missing"
        got_method = rec.get("method") if rec else None
        evidence = rec.get("evidence") if rec else (
            "no measurement for this endpoint (probe exit %s)" % probe_status[scen]["exit_code"])
        verdict_ok = got_verdict == exp["expected_verdict"]
        # For an expected ok the method is not checked; otherwise only when the scenario names one.
        check_method = exp["expected_verdict"] != "ok" and bool(exp["expected_method"])
        method_ok = verdict_ok and (not check_method or method_matches(exp["expected_method"], got_method))
        rows.append({
            "scenario": scen,
            "description": exp["description"],
            "id": exp["id"],
            "role": exp["role"],
            "endpoint": exp["endpoint"],
            "expected_verdict": exp["expected_verdict"],
            "expected_method": exp["expected_method"] or None,
            "why": exp["why"] or None,
            "got_verdict": got_verdict,
            "got_method": got_method,
            "confidence": rec.get("confidence") if rec else None,
            "evidence": evidence,
            "observed": seen,
            "verdict_ok": verdict_ok,
            "method_checked": check_method,
            "method_ok": method_ok,
            "false_blocked": got_verdict == "blocked" and exp["expected_verdict"] != "blocked",
        })

    total = len(rows)
    verdict_right = sum(r["verdict_ok"] for r in rows)
    checked = [r for r in rows if r["method_checked"]]
    method_right = sum(r["method_ok"] for r in checked)
    host_rows = [r for r in rows if r["role"] != "resolver"]
    resolver_rows = [r for r in rows if r["role"] == "resolver"]
    false_blocked = sum(r["false_blocked"] for r in host_rows)
    false_blocked_resolvers = sum(r["false_blocked"] for r in resolver_rows)
    wrong = [r for r in rows if not r["verdict_ok"]]
    method_wrong = [r for r in checked if r["verdict_ok"] and not r["method_ok"]]
    scenarios = list(dict.fromkeys(r["scenario"] for r in rows))
    scen_pass = [s for s in scenarios if all(r["verdict_ok"] for r in rows if r["scenario"] == s)]
    # The same, on platform and control rows alone: what the scenarios said before resolvers had records.
    scen_pass_hosts = [s for s in scenarios if all(r["verdict_ok"] for r in host_rows if r["scenario"] == s)]

    def pct(a, b):
        return "%.1f%%" % (100.0 * a / b) if b else "n/a"

    totals = {
        "scenarios": len(scenarios),
        "scenarios_passed": len(scen_pass),
        "rows": total,
        "verdict_correct": verdict_right,
        "verdict_accuracy": pct(verdict_right, total),
        "method_checked": len(checked),
        "method_correct": method_right,
        "method_accuracy": pct(method_right, len(checked)),
        "false_blocked": false_blocked,
        "false_blocked_resolvers": false_blocked_resolvers,
        "scenarios_passed_on_endpoint_rows": len(scen_pass_hosts),
        "endpoint_rows": len(host_rows),
        "endpoint_verdict_correct": sum(r["verdict_ok"] for r in host_rows),
        "resolver_rows": len(resolver_rows),
        "resolver_verdict_correct": sum(r["verdict_ok"] for r in resolver_rows),
        "resolver_records_missing": sum(r["got_verdict"] == "missing" for r in resolver_rows),
        "wrong_verdicts": len(wrong),
        "method_mismatches": len(method_wrong),
        "control_server": args.control_server,
    }

    def mark(r):
        if not r["verdict_ok"]:
            return "WRONG"
        if r["method_checked"] and not r["method_ok"]:
            return "method"
        return "ok"

    def fmt(v, m):
        return v + (" " + m if m else "")

    os.makedirs(args.out, exist_ok=True)
    md = ["# censorprobe lab scorecard", ""]
    md.append("Verdict accuracy **%s** (%d/%d), exact-method accuracy **%s** (%d/%d), false `blocked`: **%d** "
              "(platform and control records) and **%d** (resolver records), "
              "scenarios passed %d/%d (%d/%d on platform and control rows alone), remote vantage (control-server): "
              "%s." % (totals["verdict_accuracy"], verdict_right, total, totals["method_accuracy"], method_right,
                       len(checked), false_blocked, false_blocked_resolvers, len(scen_pass), len(scenarios),
                       len(scen_pass_hosts), len(scenarios), args.control_server))
    md.append("")
    for s in scenarios:
        srows = [r for r in rows if r["scenario"] == s]
        md.append("## %s %s" % (s, "" if s in scen_pass else "(FAILED)"))
        md.append("")
        md.append(srows[0]["description"] or "")
        st = probe_status.get(s, {})
        if st.get("exit_code") not in ("0", None):
            md.append("")
            md.append("probe exit code %s; stderr tail: `%s`" % (st["exit_code"], cell(st["stderr_tail"], 300)))
        md.append("")
        md.append("| endpoint | expected | got | | evidence | observed | why expected |")
        md.append("|---|---|---|---|---|---|---|")
        for r in srows:
            md.append("| %s | %s | %s | %s | %s | %s | %s |" % (
                cell(r["endpoint"]), cell(fmt(r["expected_verdict"], r["expected_method"])),
                cell(fmt(r["got_verdict"], r["got_method"]) + (" (%s)" % r["confidence"] if r["confidence"] else "")),
                mark(r), cell(r["evidence"]), cell(r["observed"]),
                cell(r["why"])))
        md.append("")
    with open(os.path.join(args.out, "scorecard.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(md) + "\n")
    with open(os.path.join(args.out, "scorecard.json"), "w", encoding="utf-8") as f:
        json.dump({"totals": totals, "probe": probe_status, "rows": rows}, f, indent=2, ensure_ascii=False)
        f.write("\n")

    # The printed table: every row where something is expected or happened; plain ok/ok rows only counted.
    shown = [r for r in rows if r["expected_verdict"] != "ok" or r["got_verdict"] != "ok"]
    w = (30, 16, 34, 34, 6)
    print()
    print("%-*s %-*s %-*s %-*s %-*s %s" % (w[0], "scenario", w[1], "endpoint", w[2], "expected", w[3], "got",
                                           w[4], "", "evidence"))
    print("-" * 140)
    for r in shown:
        print("%-*s %-*s %-*s %-*s %-*s %s" % (
            w[0], cell(r["scenario"], w[0], False), w[1], cell(r["id"], w[1], False),
            w[2], cell(fmt(r["expected_verdict"], r["expected_method"]), w[2], False),
            w[3], cell(fmt(r["got_verdict"], r["got_method"]), w[3], False), w[4], mark(r),
            cell(r["evidence"], 160, False)))
        if os.environ.get("LAB_SHOW_OBSERVED"):
            print("%*s observed: %s" % (w[0], "", r["observed"]))
    print("-" * 140)
    print("(%d rows expected ok and got ok are not shown; see %s/scorecard.md)" % (total - len(shown), args.out))
    print()
    print("scenarios passed:       %d/%d (%d/%d on platform and control rows alone)" % (
        len(scen_pass), len(scenarios), len(scen_pass_hosts), len(scenarios)))
    print("verdict accuracy:       %s (%d/%d)" % (totals["verdict_accuracy"], verdict_right, total))
    print("exact-method accuracy:  %s (%d/%d checked)" % (totals["method_accuracy"], method_right, len(checked)))
    print("resolver rows:          %d/%d right (%d resolver records missing)" % (
        totals["resolver_verdict_correct"], len(resolver_rows), totals["resolver_records_missing"]))
    print("false blocked:          %d" % false_blocked)
    print("false blocked resolver: %d" % false_blocked_resolvers)
    print("remote vantage:         %s" % args.control_server)
    print("written:                %s/scorecard.md, %s/scorecard.json" % (args.out, args.out))
    failed = bool(wrong) or (args.strict_method and bool(method_wrong))
    print("RESULT: %s" % ("FAIL (%d wrong verdicts, %d method mismatches)" % (len(wrong), len(method_wrong))
                          if failed else "PASS (%d method mismatches reported)" % len(method_wrong)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
