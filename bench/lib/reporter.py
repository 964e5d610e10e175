"""The reporter over 1 M stored measurements: builds a store once (bench/work/reporter-1000000-v3.db, kept between runs),
then times `reporter/bin/reporter --store ... --format json|html` over all of it (wall, CPU, peak RSS via wait4): the
launcher the README's command runs, with this bench's java and jar. `html_plain_java` is the same HTML report by
`java -jar reporter.jar` without the launcher's flags, for comparison.

The store holds real records from this bench's own `probe once` output (templates), re-stamped as 103
measurements per round (100 platform endpoints in 10 platforms + 3 controls) every 5 minutes: about 34 days.
Two stretches are blocked (platform p003 by dns.nxdomain for 6 h; p007 by tls.reset for 2 days), so the
reporter has incidents to find. Rows carry the store's schema version 1 (docs/measurement-format.md).
"""
import datetime
import json
import os
import sqlite3
import subprocess
import time
import uuid
from pathlib import Path

LAUNCHER = Path(__file__).resolve().parents[2] / "reporter" / "bin" / "reporter"
ROWS = int(os.environ.get("BENCH_REPORTER_ROWS", 1_000_000))
ROUND_EVERY_MS = 5 * 60 * 1000
START = datetime.datetime(2026, 9, 1, tzinfo=datetime.timezone.utc)

# The probe's store schema version 1 (probe/.../store/StoreSchema.java; keep in step with it).
SCHEMA = [
    "CREATE TABLE IF NOT EXISTS measurements ("
    "id TEXT PRIMARY KEY, round_id TEXT NOT NULL, measured_at INTEGER NOT NULL, probe TEXT NOT NULL, "
    "role TEXT NOT NULL, platform TEXT NOT NULL, endpoint TEXT NOT NULL, verdict TEXT NOT NULL, "
    "method TEXT, record TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS measurements_report ON measurements(measured_at, probe, platform, role, round_id, "
    "endpoint, verdict, method)",
    "CREATE INDEX IF NOT EXISTS measurements_platform_measured_at ON measurements(platform, measured_at)",
    "CREATE INDEX IF NOT EXISTS measurements_round_id ON measurements(round_id)",
    "PRAGMA user_version = 1",
]

# Versions 2 and 3 as the probe applies them to a store it opens (StoreSchema.V2, V3): the bench reads what a store
# kept by today's daemon looks like, rows from before version 2 included (classifier null).
MIGRATIONS = {
    2: ["ALTER TABLE measurements ADD COLUMN revision INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE measurements ADD COLUMN classifier TEXT",
        "ALTER TABLE measurements ADD COLUMN delivered_revision INTEGER",
        "CREATE INDEX measurements_outbox ON measurements(delivered_revision) "
        "WHERE (delivered_revision IS NULL OR delivered_revision < revision)",
        "CREATE TABLE upload_failures (id INTEGER PRIMARY KEY, started_at INTEGER NOT NULL, "
        "last_failed_at INTEGER NOT NULL, ended_at INTEGER, attempts INTEGER NOT NULL, reason TEXT NOT NULL, "
        "detail TEXT, delivered INTEGER NOT NULL DEFAULT 0)"],
    3: ["DROP INDEX IF EXISTS measurements_report",
        "CREATE INDEX measurements_report ON measurements(measured_at, probe, platform, role, round_id, endpoint, "
        "verdict, method, classifier, revision)"],
}


def migrate(db):
    """Moves the store to the probe's current version, in one transaction; returns {version: seconds}."""
    con = sqlite3.connect(db, isolation_level=None)
    taken = {}
    try:
        found = con.execute("PRAGMA user_version").fetchone()[0]
        for version in sorted(v for v in MIGRATIONS if v > found):
            t0 = time.monotonic()
            con.execute("BEGIN IMMEDIATE")
            for ddl in MIGRATIONS[version]:
                con.execute(ddl)
            con.execute(f"PRAGMA user_version = {version}")
            con.execute("COMMIT")
            taken[version] = round(time.monotonic() - t0, 1)
    finally:
        con.close()
    return taken


def _templates(work):
    """100 platform records (10 platforms x 10) and 3 control records from a bench `once` output."""
    sources = sorted(Path(work).glob("once-*-measured.jsonl"), key=lambda p: p.stat().st_size, reverse=True)
    if not sources:
        return None
    recs = [json.loads(l) for l in sources[0].read_text().splitlines() if l.strip()]
    plat = [r for r in recs if r["role"] == "platform"]
    ctrl = [r for r in recs if r["role"] == "control"]
    if not plat or not ctrl:
        return None
    out = []
    for i in range(100):
        r = json.loads(json.dumps(plat[i % len(plat)]))
        p = i // 10
        r["platform"] = r["platform_name"] = f"p{p:03d}"
        r["endpoint"] = f"https://host{i + 1}.bench/"
        # The roll-up names the platform's endpoints: ten here, not the template platform's hundred.
        pv = r.get("platform_verdict")
        if pv:
            mine = [f"https://host{k}.bench/" for k in range(p * 10 + 1, p * 10 + 11)]
            if isinstance(pv.get("facts", {}).get("endpoints"), dict):
                pv["facts"]["endpoints"] = {e: "ok" for e in mine}
            if isinstance(pv.get("driven_by"), list):
                pv["driven_by"] = mine
            pv["evidence"] = f"Every endpoint of p{p:03d} was reachable."
        out.append(r)
    for i in range(3):
        r = json.loads(json.dumps(ctrl[i % len(ctrl)]))
        r["endpoint"] = f"https://control{i + 1}.bench/"
        out.append(r)
    return out


def _blocked(platform, rnd):
    if platform == "p003" and 3000 <= rnd < 3072:
        return "dns.nxdomain"
    if platform == "p007" and 6000 <= rnd < 6576:
        return "tls.reset"
    return None


def build_store(work):
    db = Path(work) / f"reporter-{ROWS}-v3.db"
    if db.exists():
        try:
            con = sqlite3.connect(db)
            n = con.execute("SELECT COUNT(*) FROM measurements").fetchone()[0]
            con.close()
            if n >= ROWS:
                return db, n, 0.0
        except sqlite3.Error:
            pass
        db.unlink()
    templates = _templates(work)
    if templates is None:
        return None, 0, 0.0
    t0 = time.monotonic()
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = OFF")
    for s in SCHEMA:
        con.execute(s)
    written = 0
    rnd = 0
    while written < ROWS:
        round_id = str(uuid.uuid4())
        base_ms = int(START.timestamp() * 1000) + rnd * ROUND_EVERY_MS
        rows = []
        for i, t in enumerate(templates):
            if written + len(rows) >= ROWS:
                break
            at_ms = base_ms + i * 7
            r = dict(t)
            r["id"] = str(uuid.uuid4())
            r["round_id"] = round_id
            r["measured_at"] = datetime.datetime.fromtimestamp(at_ms / 1000, datetime.timezone.utc).isoformat(
                timespec="milliseconds").replace("+00:00", "Z")
            method = _blocked(r["platform"], rnd) if r["role"] == "platform" else None
            if method:
                r["verdict"], r["method"], r["confidence"] = "blocked", method, "high"
                r["evidence"] = f"bench: synthetic {method}"
                if r.get("platform_verdict"):
                    r["platform_verdict"] = dict(r["platform_verdict"], verdict="blocked", method=method)
            rows.append((r["id"], round_id, at_ms, r["probe"], r["role"], r["platform"], r["endpoint"], r["verdict"],
                         r["method"], json.dumps(r, separators=(",", ":"))))
        con.executemany("INSERT INTO measurements VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
        written += len(rows)
        rnd += 1
        if rnd % 500 == 0:
            con.commit()
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return db, written, time.monotonic() - t0


def measure(work, java, reporter_jar, probe_jar, run_measured=None):
    if not Path(reporter_jar).exists():
        return {"skipped": f"no {reporter_jar}"}
    help_text = subprocess.run([java, "-jar", str(reporter_jar), "--help"], capture_output=True, text=True)
    if "--store" not in (help_text.stdout + help_text.stderr):
        return {"skipped": "reporter.jar has no --store option yet"}
    db, rows, build_s = build_store(work)
    if db is None:
        return {"skipped": "no `probe once` output to take record templates from"}
    migrated = migrate(db)
    out = {"measurements": rows, "store_mib": round(db.stat().st_size / 1048576), "store_build_s": round(build_s, 1),
           "store_version": 3, "migration_s": migrated}
    end = (START + datetime.timedelta(milliseconds=ROUND_EVERY_MS * (rows // 103 + 2))).strftime("%Y-%m-%dT%H:%MZ")
    begin = START.strftime("%Y-%m-%dT%H:%MZ")
    # The launcher's cache (class-data archive, sqlite-jdbc's library) in the bench's work directory, not root's home:
    # the warm-up run below writes it, as a user's first report would.
    launcher = ["env", f"JAVA={java}", f"CENSORPROBE_REPORTER_JAR={reporter_jar}",
                f"CENSORPROBE_REPORTER_CACHE={Path(work).resolve() / 'reporter-cache'}", str(LAUNCHER)]
    printed = subprocess.run(launcher, env=dict(os.environ, CENSORPROBE_PRINT_JAVA="1"), capture_output=True,
                             text=True).stdout.split()
    out["launcher_flags"] = printed[1:printed.index("-jar")] if "-jar" in printed else None
    runs = {"json": (launcher, "json"), "html": (launcher, "html"),
            "html_plain_java": ([java, "-jar", str(reporter_jar)], "html")}
    for name, (start, fmt) in runs.items():
        target = Path(work) / f"report-{name}.{fmt}"
        cmd = start + ["--store", str(db), "--from", begin, "--to", end, "--format", fmt, "--out", str(target)]
        # Once to warm the page cache (the store is GBs), then measured.
        subprocess.run(cmd, capture_output=True)
        r = run_measured(cmd, Path(work) / f"report-{name}.stdout", Path(work) / f"report-{name}.stderr")
        r["output_bytes"] = target.stat().st_size if target.exists() else 0
        out[name] = r
    out["seconds"] = out["json"]["wall_s"]
    return out
