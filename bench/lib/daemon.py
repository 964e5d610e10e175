"""The daemon (`probe run`) on the bench network: its steady-state round and the time to serve /metrics.

Called by bench.py for each N. The daemon runs the generated config with `schedule: { every: E, jitter: 0s }`:
every platform's first round fires at start, the second E later. Progress is read from the daemon's SQLite store
(never from /metrics, so that polling costs the daemon nothing). Figures:
  - round 2 (a warm JVM): CPU = delta of /proc/PID/stat utime+stime between the end of round 1 and the end of
    round 2 (the idle wait in between costs ~nothing), per thread group as well; wall = first start to last end of
    round 2's measurements (measured_at + duration_ms from the records);
  - /metrics: `curl -w %{time_total}` inside the namespace: the first GET after round 2, the median and max of the
    next 10, and of 30 more after those (a JIT-warm writer);
  - peak RSS = VmHWM of the daemon; with more than two rounds, VmRSS and VmHWM as each round is seen complete.
"""
import json
import os
import re
import sqlite3
import statistics
import subprocess
import time
from pathlib import Path

LISTEN = os.environ.get("NET", "198.19.200") + ".3:9464"
CLK_TCK = os.sysconf("SC_CLK_TCK")


def _cpu_ms(pid):
    return sum(_user_sys_ms(pid))


def _user_sys_ms(pid):
    stat = Path(f"/proc/{pid}/stat").read_text()
    f = stat[stat.rindex(")") + 2:].split()
    return int(f[11]) * 1000.0 / CLK_TCK, int(f[12]) * 1000.0 / CLK_TCK


def _cpu_by_thread(pid):
    out = {}
    for t in Path(f"/proc/{pid}/task").iterdir():
        try:
            stat = (t / "stat").read_text()
        except OSError:
            continue
        name = re.sub(r"[0-9]+", "", stat[stat.index("(") + 1:stat.rindex(")")])
        f = stat[stat.rindex(")") + 2:].split()
        out[name] = out.get(name, 0) + (int(f[11]) + int(f[12])) * 1000.0 / CLK_TCK
    return out


def _status_kib(pid, field):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return None


def _tree_cpu_ms(pid):
    """utime + stime of a process and its children (nginx's master and worker), 0 if it is gone."""
    try:
        total = _cpu_ms(pid)
        for t in Path(f"/proc/{pid}/task").iterdir():
            for child in (t / "children").read_text().split():
                total += _tree_cpu_ms(int(child))
        return total
    except OSError:
        return 0.0


def servers_cpu_ms(work):
    """CPU of the bench's servers (nginx, dnsmasq) by name: they share the machine's two cores with the daemon,
    so a round's wall time depends on their CPU as much as on the daemon's."""
    out = {}
    pids = Path(work) / "pids"
    if pids.exists():
        for line in pids.read_text().splitlines():
            name, pid = line.split()
            if name in ("nginx", "dnsmasq"):
                out[name] = _tree_cpu_ms(int(pid))
    return out


def _hwm_kib(pid):
    return _status_kib(pid, "VmHWM")


def _read(db, sql, args=()):
    """All rows of a query on the daemon's store, opened read-only (the daemon keeps writing it)."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def _rounds_done(db, n):
    """How many complete rounds every platform endpoint has in the store (min over endpoints of its row count)."""
    try:
        rows = _read(db, "SELECT COUNT(*) FROM measurements WHERE role = 'platform' GROUP BY endpoint")
    except sqlite3.Error:
        return 0
    if len(rows) < n:
        return 0
    return min(r[0] for r in rows)


def _round_span_ms(db, k):
    """The k-th round over all endpoints: its first start and its last end (measured_at + duration_ms), epoch ms."""
    rows = _read(db, "SELECT measured_at, json_extract(record, '$.duration_ms') FROM ("
                     " SELECT measured_at, record, ROW_NUMBER() OVER (PARTITION BY endpoint, role ORDER BY measured_at)"
                     " AS k FROM measurements) WHERE k = ?", (k,))
    return min(r[0] for r in rows), max(r[0] + (r[1] or 0) for r in rows)


def _round_wall_s(db, k):
    start, end = _round_span_ms(db, k)
    return (end - start) / 1000.0


def _round_ok(db, k):
    """Platform endpoints whose k-th measurement is ok."""
    return _read(db, "SELECT COUNT(*) FROM ("
                     " SELECT verdict, ROW_NUMBER() OVER (PARTITION BY endpoint ORDER BY measured_at) AS k"
                     " FROM measurements WHERE role = 'platform') WHERE k = ? AND verdict = 'ok'", (k,))[0][0]


def _get_metrics(in_ns):
    r = subprocess.run(in_ns(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{time_total} %{size_download}",
                              f"http://{LISTEN}/metrics"]), capture_output=True, text=True, timeout=60)
    code, t, size = r.stdout.split()
    return int(code), float(t) * 1000.0, int(size)


def _metrics_caught_up(in_ns, n, timeout_s=120):
    """The store commits a round before the daemon updates its series: wait until /metrics holds them (at least
    one line per endpoint), so that what is timed is the scrape of N endpoints, not of an empty registry."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        code, _, size = _get_metrics(in_ns)
        if code == 200 and size > 100 * n:
            return True
        time.sleep(0.2)
    return False


def measure(n, c, config_path, work, in_ns, java, probe_jar, jvm_flags=(), every_s=None, launcher=None, rounds=2,
            between=None):
    """`launcher`: the command that starts the probe instead of `java FLAGS -jar probe.jar` (the README's
    probe/bin/probe); `rounds=1` measures the first round and /metrics only (large N). `between(k)`, when given and
    rounds > 2: called once the daemon's round k is complete and measured, for each k just before a steady round,
    while the daemon waits for its next round (the other contender's round, taken in the same minute: a machine
    that slows down for a while slows both, which a contender measured minutes apart escapes). Its results go in
    `paired_blackbox`, each with whether it overlapped the daemon's next round (then it must not be used)."""
    help_text = subprocess.run([java, "-jar", str(probe_jar), "--help"], capture_output=True, text=True).stdout
    if not re.search(r"^\s+run\b", help_text, re.M):
        return {"skipped": "probe.jar has no `run` verb yet"}
    # Two rounds: room for a cold first round. More (the steady state): rounds back to back, a warm one taking a
    # few seconds per thousand endpoints on this machine; a round still running when the next is due delays it.
    if rounds > 2:
        every_s = every_s or max(15, int(n * 0.012) + 10)
    every_s = every_s or (max(15, int(n * 0.06) + 20) if rounds > 1 else 24 * 3600)
    cfg = Path(work) / f"daemon-{n}.yaml"
    text = Path(config_path).read_text()
    text = text.replace("probe: { id: bench }", f"probe: {{ id: bench }}\nschedule: {{ every: {every_s}s, jitter: 0s }}")
    # The store in a directory of its own, as the probe's default (data/censorprobe.db) and the systemd unit's
    # (/var/lib/censorprobe) put it: beside the config, each journal write is an event for the config watcher.
    db = Path(work) / "data" / f"daemon-{n}.db"
    db.parent.mkdir(exist_ok=True)
    text = re.sub(r"^store: .*$", f"store: {db}", text, flags=re.M)
    cfg.write_text(text)
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    log = open(Path(work) / f"daemon-{n}.log", "wb")
    start = list(launcher) if launcher else [java, *jvm_flags, "-jar", probe_jar]
    cmd = in_ns(start + ["run", "--config", cfg, "--listen", LISTEN,
                         "--resolv-conf", Path(work) / "resolv.conf", "--store", db])
    p = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
    result = {"every_s": every_s, "jvm_flags": list(jvm_flags), "command": [str(x) for x in start]}
    try:
        deadline = time.monotonic() + every_s * rounds + 600
        cpu_after = {}
        user_sys_after = {}
        threads_after = {}
        rss_after = {}
        servers_after = {}
        paired = {}
        pair_after = set(range(max(2, rounds - 2) - 1, rounds)) if between and rounds > 2 else set()
        while time.monotonic() < deadline:
            if p.poll() is not None:
                return {"skipped": f"daemon exited {p.returncode}; see {work}/daemon-{n}.log"}
            done = _rounds_done(db, n)
            for k in range(1, rounds + 1):
                if done >= k and k not in cpu_after:
                    user_sys_after[k] = _user_sys_ms(p.pid)
                    cpu_after[k] = sum(user_sys_after[k])
                    threads_after[k] = _cpu_by_thread(p.pid)
                    rss_after[k] = (_status_kib(p.pid, "VmRSS"), _hwm_kib(p.pid))
                    servers_after[k] = servers_cpu_ms(work)
            if done >= rounds:
                break
            if done in pair_after and done not in paired:
                paired[done] = dict(between(done), ended_ms=time.time() * 1000)
                continue
            time.sleep(0.2)
        else:
            return {"skipped": f"the daemon did not finish {rounds} rounds in time"}
        if not _metrics_caught_up(in_ns, n):
            return {"skipped": f"/metrics did not show the round's {n} endpoints within 120 s"}
        if rounds == 1:
            first_code, first_ms, size = _get_metrics(in_ns)
            times = [_get_metrics(in_ns)[1] for _ in range(60)]
            result.update({
                "round1_cpu_ms": cpu_after[1], "round1_cpu_ms_per_endpoint": cpu_after[1] / n,
                "round1_wall_s": _round_wall_s(db, 1), "peak_rss_kib": _hwm_kib(p.pid), "metrics_status": first_code,
                "metrics_bytes": size, "metrics_first_ms": first_ms, "metrics_ms": statistics.median(times[:10]),
                "metrics_max_ms": max(times[:10]), "metrics_warm_ms": statistics.median(times[30:]),
                "metrics_warm_max_ms": max(times[30:]), "ok": _round_ok(db, 1),
            })
            return result
        by_thread = {k: round(v - threads_after[1].get(k, 0)) for k, v in threads_after[2].items()
                     if v - threads_after[1].get(k, 0) > 0}
        jit = sum(v for k, v in by_thread.items() if "Compiler" in k or "CompilerThre" in k)
        cpu2 = cpu_after[2] - cpu_after[1]
        first_code, first_ms, size = _get_metrics(in_ns)
        times = [_get_metrics(in_ns)[1] for _ in range(60)]
        warm = times[30:]  # after 30 scrapes the JIT has compiled the writer
        times = times[:10]
        result.update({
            "round1_cpu_ms": cpu_after[1], "round2_cpu_ms": cpu2, "round2_cpu_ms_per_endpoint": cpu2 / n,
            "round2_cpu_ms_per_endpoint_without_jit": (cpu2 - jit) / n, "round2_cpu_ms_by_thread": by_thread,
            "round1_wall_s": _round_wall_s(db, 1), "round2_wall_s": _round_wall_s(db, 2),
            "peak_rss_kib": _hwm_kib(p.pid), "metrics_status": first_code, "metrics_bytes": size,
            "metrics_first_ms": first_ms, "metrics_ms": statistics.median(times), "metrics_max_ms": max(times),
            "metrics_warm_ms": statistics.median(warm), "metrics_warm_max_ms": max(warm),
            "ok": _round_ok(db, 2),
        })
        if rounds > 2:
            # The last three rounds: the JVM after K-3 rounds, which is what a daemon running for hours is closer to
            # than its second round (the JIT compiles a method called once per endpoint only after several rounds).
            # Three, not one: on a shared 2-core machine one round's CPU moves by a quarter from one to the next.
            k = rounds
            first = max(2, k - 2)
            span = k - first + 1
            by_k = {t: round((v - threads_after[first - 1].get(t, 0)) / span) for t, v in threads_after[k].items()
                    if v - threads_after[first - 1].get(t, 0) > 0}
            jit_k = sum(v for t, v in by_k.items() if "Compiler" in t)
            cpu_k = (cpu_after[k] - cpu_after[first - 1]) / span
            result.update({
                "steady_round": k, "steady_rounds": [first, k], "steady_cpu_ms_per_endpoint": cpu_k / n,
                "steady_cpu_ms_per_endpoint_without_jit": (cpu_k - jit_k) / n, "steady_cpu_ms_by_thread": by_k,
                "steady_user_ms": round((user_sys_after[k][0] - user_sys_after[first - 1][0]) / span),
                "steady_sys_ms": round((user_sys_after[k][1] - user_sys_after[first - 1][1]) / span),
                "steady_wall_s": statistics.mean(_round_wall_s(db, i) for i in range(first, k + 1)),
                "steady_ok": _round_ok(db, k),
                # The paired rounds' servers worked in the same span: theirs is taken out.
                "steady_servers_cpu_ms": {name: round((v - servers_after[first - 1].get(name, 0)
                                                       - sum(r["servers_cpu_ms"].get(name, 0)
                                                             for r in paired.values())) / span)
                                          for name, v in servers_after[k].items()},
                "cpu_ms_per_endpoint_by_round": [round((cpu_after[i] - cpu_after.get(i - 1, 0)) / n, 2)
                                                 for i in range(1, k + 1)],
                # When the peak happens: the resident set and its high-water mark as each round was seen complete.
                "rss_mib_by_round": [round(rss_after[i][0] / 1024) for i in range(1, k + 1)],
                "hwm_mib_by_round": [round(rss_after[i][1] / 1024) for i in range(1, k + 1)],
            })
            if paired:
                for j, r in paired.items():  # the daemon's next round must have started after it ended
                    r["after_daemon_round"] = j
                    r["overlapped_next_round"] = _round_span_ms(db, j + 1)[0] < r.pop("ended_ms")
                result["paired_blackbox"] = [paired[j] for j in sorted(paired)]
        return result
    finally:
        p.terminate()
        try:
            p.wait(timeout=60)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
        log.close()
