#!/usr/bin/env python3
"""The lab's scorecard: expected against actual verdicts, per scenario and endpoint.

Reads the expectations the runner wrote (one JSON object per scenario and host) and the probe's output
(results/SCENARIO.jsonl, docs/measurement-format.md), writes scorecard.md and scorecard.json to --out, prints the
table and the totals, and exits 1 on any wrong verdict (or, with --strict-method, any wrong method).
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


def observed(rec):
    """A compact line of what the steps saw, so a row can be judged even when the evidence sentence is vague."""
    if not rec:
        return ""
    steps = rec.get("steps") or {}
    parts = []

    def dns_part(key, label):
        qs = [q for q in steps.get(key) or [] if q.get("query_type") == "A"]
        if not qs:
            return
        q = qs[-1]
        ans = ",".join(a.get("data", "") for a in q.get("answers") or [] if a.get("type") == "A")
        parts.append("%s:%s" % (label, q.get("failure") or ans or q.get("rcode")))

    dns_part("dns", "dns")
    dns_part("control_dns", "ctl")
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
        parts.append("http:%s%s%s" % (h.get("status_code"), "/" + h["failure"] if h.get("failure") else "",
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
        match = [r for r in records_by_scenario[scen] if r.get("endpoint") == exp["endpoint"]]
        rec = match[0] if match else None
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
            "observed": observed(rec),
            "verdict_ok": verdict_ok,
            "method_checked": check_method,
            "method_ok": method_ok,
            "false_blocked": got_verdict == "blocked" and exp["expected_verdict"] != "blocked",
        })

    total = len(rows)
    verdict_right = sum(r["verdict_ok"] for r in rows)
    checked = [r for r in rows if r["method_checked"]]
    method_right = sum(r["method_ok"] for r in checked)
    false_blocked = sum(r["false_blocked"] for r in rows)
    wrong = [r for r in rows if not r["verdict_ok"]]
    method_wrong = [r for r in checked if r["verdict_ok"] and not r["method_ok"]]
    scenarios = list(dict.fromkeys(r["scenario"] for r in rows))
    scen_pass = [s for s in scenarios if all(r["verdict_ok"] for r in rows if r["scenario"] == s)]

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
    md.append("Verdict accuracy **%s** (%d/%d), exact-method accuracy **%s** (%d/%d), false `blocked`: **%d**, "
              "scenarios passed %d/%d, remote vantage (control-server): %s." % (
                  totals["verdict_accuracy"], verdict_right, total, totals["method_accuracy"], method_right,
                  len(checked), false_blocked, len(scen_pass), len(scenarios), args.control_server))
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
    w = (30, 12, 34, 34, 6)
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
    print("scenarios passed:       %d/%d" % (len(scen_pass), len(scenarios)))
    print("verdict accuracy:       %s (%d/%d)" % (totals["verdict_accuracy"], verdict_right, total))
    print("exact-method accuracy:  %s (%d/%d checked)" % (totals["method_accuracy"], method_right, len(checked)))
    print("false blocked:          %d" % false_blocked)
    print("remote vantage:         %s" % args.control_server)
    print("written:                %s/scorecard.md, %s/scorecard.json" % (args.out, args.out))
    failed = bool(wrong) or (args.strict_method and bool(method_wrong))
    print("RESULT: %s" % ("FAIL (%d wrong verdicts, %d method mismatches)" % (len(wrong), len(method_wrong))
                          if failed else "PASS (%d method mismatches reported)" % len(method_wrong)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
