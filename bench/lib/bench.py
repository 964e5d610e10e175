#!/usr/bin/env python3
"""censorprobe bench driver: run by bench/run once the bench network is up (see bench/README.md).

For each N it measures one round of N HTTPS checks by each contender and reports wall time, CPU per endpoint,
peak RSS and the ratios censorprobe / blackbox_exporter. CPU and RSS come from the kernel's own accounting:
/proc/PID/stat utime+stime and /proc/PID/status VmHWM for running processes, and wait4()'s rusage (the same
counters, read when the process ends) for one-shot processes. Nothing here asserts anything about time.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import daemon  # bench/lib/daemon.py, beside this file

BENCH_DIR = Path(os.environ["BENCH_DIR"])
REPO_DIR = Path(os.environ["REPO_DIR"])
WORK = Path(os.environ["WORK"])
NS = os.environ["NS"]
NET = os.environ["NET"]
DNS_IP = os.environ["DNS_IP"]
BBE_ADDR = os.environ["BBE_ADDR"]
JAVA = os.environ.get("BENCH_JAVA", "java")
PROBE_JAR = Path(os.environ.get("BENCH_PROBE_JAR", REPO_DIR / "probe" / "target" / "probe.jar"))
HARNESS_JAR = Path(os.environ.get("BENCH_HARNESS_JAR", BENCH_DIR / "jmh" / "target" / "benchmarks.jar"))
REPORTER_JAR = Path(os.environ.get("BENCH_REPORTER_JAR", REPO_DIR / "reporter" / "target" / "reporter.jar"))
LAUNCHER = Path(os.environ.get("BENCH_LAUNCHER", REPO_DIR / "probe" / "bin" / "probe"))
CLK_TCK = os.sysconf("SC_CLK_TCK")
ENDPOINTS_PER_PLATFORM = 100

# The JVM flag sets measured. "launcher" is the README's command line itself (probe/bin/probe, which picks its
# flags by verb; see launcher_command); "default" is what a user gets with plain `java -jar probe.jar`.
JVM_VARIANTS = {
    "launcher": None,
    "default": [],
    "lean": ["-XX:+UseSerialGC", "-Xss256k", "-Xmx192m", "-XX:ReservedCodeCacheSize=64m",
             "-XX:MaxMetaspaceSize=128m"],
    "lean-128m": ["-XX:+UseSerialGC", "-Xss256k", "-Xmx128m", "-XX:ReservedCodeCacheSize=48m",
                  "-XX:MaxMetaspaceSize=96m"],
    # Not for use: only measures what the ClientHello's second (P-256) key share costs. A probe offering X25519
    # alone fails against servers without it.
    "lean-x25519-only": ["-XX:+UseSerialGC", "-Xss256k", "-Xmx192m", "-XX:ReservedCodeCacheSize=64m",
                         "-XX:MaxMetaspaceSize=128m", "-Djdk.tls.namedGroups=x25519"],
    "lean-c1": ["-XX:+UseSerialGC", "-Xss256k", "-Xmx192m", "-XX:TieredStopAtLevel=1"],
}


def in_ns(cmd):
    return ["ip", "netns", "exec", NS] + [str(c) for c in cmd]


def launcher_command():
    """probe/bin/probe with this bench's java and jar: exactly what README's quick start runs."""
    return ["env", f"JAVA={JAVA}", f"CENSORPROBE_JAR={PROBE_JAR}", LAUNCHER]


def launcher_flags(verb):
    """The JVM flags the launcher gives `verb` (it prints its java command line when asked)."""
    env = dict(os.environ, JAVA=JAVA, CENSORPROBE_JAR=str(PROBE_JAR), CENSORPROBE_PRINT_JAVA="1")
    words = subprocess.run([str(LAUNCHER), verb], env=env, capture_output=True, text=True, check=True).stdout.split()
    return words[1:words.index("-jar")]


def flags_of(variant, verb):
    return launcher_flags(verb) if JVM_VARIANTS[variant] is None else JVM_VARIANTS[variant]


def pid_of(name):
    for line in (WORK / "pids").read_text().splitlines():
        n, pid = line.split()
        if n == name:
            found = int(pid)
    return found


def proc_cpu_ms(pid):
    """utime + stime of a running process, in milliseconds (all its threads, GC and JIT included)."""
    return sum(proc_user_sys_ms(pid))


def proc_user_sys_ms(pid):
    """utime and stime of a running process, in milliseconds: the kernel's share (sockets, loopback) on its own."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2:].split()
    return int(fields[11]) * 1000.0 / CLK_TCK, int(fields[12]) * 1000.0 / CLK_TCK


def proc_hwm_kib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return None


def loadavg():
    return float(Path("/proc/loadavg").read_text().split()[0])


def run_measured(cmd, stdout_path, stderr_path, timeout_s=1800):
    """Runs a one-shot process to its end; returns wall seconds, CPU ms (utime+stime) and peak RSS KiB (wait4)."""
    with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
        t0 = time.monotonic()
        p = subprocess.Popen(cmd, stdout=out, stderr=err)
        deadline = t0 + timeout_s
        while True:
            pid, status, ru = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                p.kill()
                pid, status, ru = os.wait4(p.pid, 0)
                break
            time.sleep(0.005)
        wall = time.monotonic() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
    return {"exit": p.returncode, "wall_s": wall, "cpu_ms": (ru.ru_utime + ru.ru_stime) * 1000.0,
            "user_ms": ru.ru_utime * 1000.0, "sys_ms": ru.ru_stime * 1000.0, "peak_rss_kib": ru.ru_maxrss}


def machine():
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    jv = subprocess.run([JAVA, "-version"], capture_output=True, text=True).stderr.strip().splitlines()
    tool_versions = {}
    for tool, args in {"blackbox_exporter": ["prometheus-blackbox-exporter", "--version"],
                       "nginx": ["nginx", "-v"], "dnsmasq": ["dnsmasq", "--version"], "curl": ["curl", "--version"]}.items():
        r = subprocess.run(args, capture_output=True, text=True)
        tool_versions[tool] = ((r.stdout or r.stderr).strip().splitlines() or [""])[0]
    return {"hostname": socket.gethostname(), "nproc": os.cpu_count(), "cpu_model": cpu,
            "memory_mib": mem_kib // 1024, "kernel": platform.release(), "java": jv,
            "tools": tool_versions, "loadavg_at_start": Path("/proc/loadavg").read_text().strip()}


# --- the names and the configs -------------------------------------------------------------------------------

def names(n):
    return [f"host{k}.bench" for k in range(1, n + 1)]


def probe_config(n, c):
    path = WORK / f"probe-{n}.yaml"
    lines = [
        "# generated by bench/lib/bench.py: N endpoints on the bench network (namespace cpb-bench)",
        "probe: { id: bench }",
        "timeouts: { dns: 5s, tcp: 5s, tls: 5s, http: 10s }",
        "control:",
        "  targets: [ https://control.bench/ ]",
        "tls:",
        f"  trust: [ {WORK / 'pki' / 'ca.pem'} ]",
        "dns:",
        f"  not_bogons: [ {NET}.0/24 ]",
        f"limits: {{ concurrency: {c} }}",
        f"store: {WORK / f'store-{n}.db'}",
        "platforms:",
    ]
    hosts = names(n)
    for i in range(0, n, ENDPOINTS_PER_PLATFORM):
        lines.append(f"  p{i // ENDPOINTS_PER_PLATFORM:03d}:")
        lines.append("    endpoints:")
        for h in hosts[i:i + ENDPOINTS_PER_PLATFORM]:
            lines.append(f"      - https://{h}/")
    path.write_text("\n".join(lines) + "\n")
    return path


# --- blackbox_exporter ---------------------------------------------------------------------------------------

def blackbox_round(n, c, tag):
    """One round: N /probe requests, C at a time, from one curl --parallel process (not counted)."""
    outdir = WORK / f"bbe-{n}-{tag}"
    shutil.rmtree(outdir, ignore_errors=True)
    outdir.mkdir(parents=True)
    cfg = WORK / f"curl-{n}.cfg"
    with open(cfg, "w") as f:
        for k, h in enumerate(names(n), 1):
            f.write(f'url = "http://{BBE_ADDR}/probe?module=https&target=https://{h}/"\n')
            f.write(f'output = "{outdir}/{k}.txt"\n')
    pid = pid_of("blackbox")
    load0 = loadavg()
    user0, sys0 = proc_user_sys_ms(pid)
    servers0 = daemon.servers_cpu_ms(WORK)
    t0 = time.monotonic()
    subprocess.run(in_ns(["curl", "-s", "--no-progress-meter", "--parallel", "--parallel-immediate", "--parallel-max", c, "-K", cfg]),
                   check=True)
    wall = time.monotonic() - t0
    user1, sys1 = proc_user_sys_ms(pid)
    cpu = (user1 - user0) + (sys1 - sys0)
    servers = {k: round(v - servers0.get(k, 0)) for k, v in daemon.servers_cpu_ms(WORK).items()}
    ok = sum(1 for p in outdir.iterdir() if re.search(r"^probe_success 1$", p.read_text(), re.M))
    shutil.rmtree(outdir, ignore_errors=True)
    return {"wall_s": wall, "cpu_ms": cpu, "cpu_ms_per_endpoint": cpu / n, "user_ms": round(user1 - user0),
            "sys_ms": round(sys1 - sys0), "peak_rss_kib": proc_hwm_kib(pid),
            "servers_cpu_ms": servers, "ok": ok, "endpoints": n, "loadavg_before": load0}


def blackbox_median(n, c, rounds=3):
    """Three measured rounds, the one of median CPU reported: on this shared 2-core machine one round's CPU moves
    by up to 30% from the next, and the ratios divide by this figure. All three are kept."""
    runs = [blackbox_round(n, c, f"measured{i}") for i in range(rounds)]
    median = sorted(runs, key=lambda r: r["cpu_ms"])[rounds // 2]
    return dict(median, rounds=[{k: r[k] for k in ("wall_s", "cpu_ms_per_endpoint", "ok")} for r in runs])


# --- censorprobe ---------------------------------------------------------------------------------------------

def count_ok(jsonl_path):
    ok = total = 0
    with open(jsonl_path) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            m = json.loads(line)
            if m.get("role") != "platform":
                continue
            total += 1
            ok += m.get("verdict") == "ok"
    return ok, total


def probe_once(n, c, variant, tag):
    cfg = probe_config(n, c)
    out = WORK / f"once-{n}-{variant}-{tag}.jsonl"
    load0 = loadavg()
    start = launcher_command() if variant == "launcher" else [JAVA] + JVM_VARIANTS[variant] + ["-jar", PROBE_JAR]
    r = run_measured(in_ns(start + ["once", "--json", "--config", cfg, "--resolv-conf", WORK / "resolv.conf"]),
                     out, WORK / f"once-{n}-{variant}-{tag}.err")
    if r["exit"] != 0:
        sys.stderr.write(f"bench: probe once exited {r['exit']}; see {WORK}/once-{n}-{variant}-{tag}.err\n")
    ok, total = count_ok(out) if r["exit"] == 0 else (0, 0)
    r.update({"cpu_ms_per_endpoint": r["cpu_ms"] / n, "ok": ok, "endpoints": total, "loadavg_before": load0,
              "jvm_flags": flags_of(variant, "once"), "command": [str(x) for x in start]})
    return r


def probe_rounds(n, c, variant, rounds):
    """Several rounds in one JVM (bench harness RoundBench): the steady-state cost of a round, startup excluded."""
    if not HARNESS_JAR.exists():
        return None
    cfg = probe_config(n, c)
    out = WORK / f"rounds-{n}-{variant}.jsonl"
    load0 = loadavg()
    # The launcher's variant: the daemon's flags (a warm JVM is what a daemon is).
    r = run_measured(in_ns([JAVA] + flags_of(variant, "run") + ["-cp", HARNESS_JAR, "org.censorprobe.bench.RoundBench",
                                                              "--config", cfg, "--resolv-conf", WORK / "resolv.conf",
                                                              "--rounds", rounds]),
                     out, WORK / f"rounds-{n}-{variant}.err")
    if r["exit"] != 0:
        sys.stderr.write(f"bench: RoundBench exited {r['exit']}; see {WORK}/rounds-{n}-{variant}.err\n")
        return None
    per_round = [json.loads(l) for l in out.read_text().splitlines() if l.startswith("{")]
    last = per_round[-1]
    jit = sum(v for k, v in last.get("cpu_ms_by_thread", {}).items() if "Compiler" in k or "CompilerThre" in k)
    return {"cpu_ms_jit": jit, "cpu_ms_per_endpoint_without_jit": (last["cpu_ms"] - jit) / n,"whole_process": r, "rounds": per_round, "wall_s": last["wall_ms"] / 1000.0, "cpu_ms": last["cpu_ms"],
            "cpu_ms_per_endpoint": last["cpu_ms"] / n, "peak_rss_kib": r["peak_rss_kib"], "ok": last["ok"],
            "endpoints": last["platform_endpoints"], "loadavg_before": load0, "jvm_flags": flags_of(variant, "run")}


def probe_profile(n, c, rounds):
    """A JFR recording of `rounds` harness rounds (default flags) and its CPU-sample summary (bench/lib/jfr_top.py)."""
    if not HARNESS_JAR.exists():
        return None
    cfg = probe_config(n, c)
    jfr = WORK / f"rounds-{n}.jfr"
    r = run_measured(in_ns([JAVA, f"-XX:StartFlightRecording=filename={jfr},settings=profile", "-cp", HARNESS_JAR,
                            "org.censorprobe.bench.RoundBench", "--config", cfg, "--resolv-conf",
                            WORK / "resolv.conf", "--rounds", rounds]),
                     WORK / f"profile-{n}.jsonl", WORK / f"profile-{n}.err")
    summary = subprocess.run([sys.executable, BENCH_DIR / "lib" / "jfr_top.py", jfr, "--top", "25",
                              "--match", "org.censorprobe", "--match", "sun.security.ssl.SSLSocketImpl.startHandshake",
                              "--match", "okhttp3.internal.connection.ConnectPlan.connectTls",
                              "--match", "sun.security.ssl.KeyShareExtension$CHKeyShareProducer.produce",
                              "--match", "sun.security.ssl.ECDHKeyExchange$ECDHEPossession.<init>",
                              "--match", "sun.security.ssl.XDHKeyExchange$XDHEPossession.<init>",
                              "--match", "sun.security.validator.Validator.validate",
                              "--match", "com.fasterxml.jackson"],
                             capture_output=True, text=True).stdout
    return {"jfr": str(jfr), "rounds": rounds, "exit": r["exit"], "summary": summary.splitlines()}


# --- daemon and reporter hooks -------------------------------------------------------------------------------

def print_daemon_round(n, label, d, prefix, ok):
    """A daemon round's table row (`prefix`: round2 or steady) and its CPU without the JIT's threads."""
    print(fmt_row(int(n), f"censorprobe daemon, {label}",
                  {"wall_s": d[f"{prefix}_wall_s"], "cpu_ms_per_endpoint": d[f"{prefix}_cpu_ms_per_endpoint"],
                   "peak_rss_kib": d["peak_rss_kib"], "ok": ok, "endpoints": n,
                   "loadavg_before": d.get("loadavg_before", 0.0)}))
    print(f"{n:>6}    same, JIT compiler threads excluded: "
          f"{d[f'{prefix}_cpu_ms_per_endpoint_without_jit']:.2f} ms/endpoint")


def daemon_metrics(n, c, variant="default", rounds=2, paired=False):
    """Hook: the daemon's steady-state round and the time to serve /metrics with N endpoints (bench/lib/daemon.py).
    `paired`: a blackbox_exporter round in the pause before each of the daemon's steady rounds."""
    load0 = loadavg()
    between = (lambda k: blackbox_round(n, c, f"paired{k}")) if paired else None
    r = daemon.measure(n, c, probe_config(n, c), WORK, in_ns, JAVA, PROBE_JAR, jvm_flags=flags_of(variant, "run"),
                       launcher=launcher_command() if variant == "launcher" else None, rounds=rounds, between=between)
    r["loadavg_before"] = load0
    return r


def reporter_bench(quick):
    if quick:
        os.environ.setdefault("BENCH_REPORTER_ROWS", "20000")
    try:
        sys.path.insert(0, str(BENCH_DIR / "lib"))
        import reporter  # noqa: E402
    except ImportError:
        return {"skipped": "reporter bench not present (bench/lib/reporter.py)"}
    return reporter.measure(WORK, JAVA, REPORTER_JAR, PROBE_JAR, run_measured=run_measured)


# --- the report ----------------------------------------------------------------------------------------------

def ratio(a, b):
    return round(a / b, 2) if a is not None and b else None


def fmt_row(n, name, r):
    if r is None:
        return f"{n:>6}  {name:<44} {'(not measured)':>10}"
    return (f"{n:>6}  {name:<44} {r['wall_s']:>8.2f} {r['cpu_ms_per_endpoint']:>10.2f} "
            f"{(r['peak_rss_kib'] or 0) / 1024:>9.1f} {r['ok']:>6}/{r['endpoints']:<6} {r['loadavg_before']:>5.1f}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="100,1000")
    ap.add_argument("--concurrency", type=int, default=32)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--skip-jvm-variants", action="store_true")
    ap.add_argument("--variants", default="launcher,default", help="JVM flag sets to measure (JVM_VARIANTS)")
    ap.add_argument("--metrics-n", type=int, default=10000, help="endpoints of the daemon whose /metrics is timed")
    ap.add_argument("--rounds", type=int, default=0, help="rounds per harness JVM (default 5 below N=1000, else 3)")
    ap.add_argument("--daemon-rounds", type=int, default=0,
                    help="rounds the daemon runs (default 8, 2 with --quick); above 2, the mean of the last three is "
                         "reported as its steady state too")
    ap.add_argument("--out")
    ap.add_argument("--parts", default="blackbox,once,rounds,daemon,metrics,reporter,micro",
                    help="what to measure (comma list of blackbox, once, rounds, daemon, metrics, reporter, micro; "
                         "profile: add a JFR run)")
    a = ap.parse_args()
    sizes = sorted(int(s) for s in a.sizes.split(","))
    c = a.concurrency
    if a.quick:  # CI keeps the bench working with this: one flag set, short, no micro-benchmarks
        a.skip_jvm_variants = True
        a.rounds = a.rounds or 2
        a.metrics_n = min(a.metrics_n, 50)
        if a.parts == ap.get_default("parts"):
            a.parts = "blackbox,once,rounds,daemon,metrics,reporter"
    variants = ["launcher"] if a.skip_jvm_variants else a.variants.split(",")
    # Eight: the C1-only daemon's CPU per round levels off by round 4 or 5 (bench/README.md).
    a.daemon_rounds = a.daemon_rounds or (2 if a.quick else 8)

    started = datetime.datetime.now(datetime.timezone.utc)
    result = {"bench": "censorprobe vs blackbox_exporter, one round of N HTTPS checks (DNS+TCP+TLS+HTTP)",
              "started_at": started.isoformat(timespec="seconds"), "machine": machine(), "concurrency": c,
              "quick": a.quick, "network": {"namespace": NS, "range": f"{NET}.0/24", "dns": DNS_IP,
                                             "https": "nginx, 1 worker, TLS 1.3, RSA-2048 wildcard *.bench"},
              "method": {
                  "blackbox_exporter": "one warm-up round, then three measured rounds (the one of median CPU is "
                                       "reported): N GET /probe?module=https requests, C at a time, from one "
                                       "`curl --parallel` (not counted); CPU = delta of /proc/PID/stat utime+stime "
                                       "of the exporter; RSS = VmHWM",
                  "censorprobe_once": "`java FLAGS -jar probe.jar once --json` run to its end (after one warm-up "
                                      "run): CPU = utime+stime from wait4 rusage, whole process incl. JVM startup, "
                                      "config load, classification and JSON output; RSS = ru_maxrss (= VmHWM)",
                  "paired": "with both blackbox and the daemon asked, one more blackbox_exporter round in the "
                            "daemon's pause before each of its steady rounds (the last three): the paired ratios "
                            "divide the daemon's steady mean by the mean of those rounds, taken in the same minutes; "
                            "a paired round that overlapped the daemon's next round is not used",
                  "censorprobe_round": "bench harness RoundBench: the same ProbeEngine + RoundRunner + JSON encoding "
                                       "as `once`, several rounds in one JVM; figures of the last round (CPU = "
                                       "delta of /proc/self/stat utime+stime, all threads); RSS = the process's VmHWM",
              },
              "sizes": {}}
    print(f"bench: {result['machine']['nproc']} x {result['machine']['cpu_model']}, "
          f"{result['machine']['memory_mib']} MiB, load {result['machine']['loadavg_at_start']}", flush=True)

    parts = set(a.parts.split(","))
    for n in sizes:
        entry = {"blackbox_exporter": None, "censorprobe_once": {}, "censorprobe_round": {}}
        if "blackbox" in parts:
            print(f"bench: N={n}: blackbox_exporter warm-up + round", flush=True)
            blackbox_round(n, c, "warmup")
            entry["blackbox_exporter"] = blackbox_median(n, c)
        for v in variants:
            if "once" in parts:
                print(f"bench: N={n}: probe once ({v} JVM flags), warm-up + measured", flush=True)
                probe_once(min(n, 20), c, v, "warmup")  # page cache and disk, not the JIT: nothing survives a JVM
                entry["censorprobe_once"][v] = probe_once(n, c, v, "measured")
            if "rounds" in parts:
                print(f"bench: N={n}: probe rounds in one JVM ({v} JVM flags)", flush=True)
                entry["censorprobe_round"][v] = probe_rounds(n, c, v, rounds=a.rounds or (5 if n < 1000 else 3))
        if "profile" in parts:
            print(f"bench: N={n}: JFR profile of {a.rounds or 3} harness rounds", flush=True)
            entry["profile"] = probe_profile(n, c, a.rounds or 3)
            if entry["profile"]:
                print("\n".join(entry["profile"]["summary"][:60]))
        if "daemon" in parts:
            entry["daemon_by_flags"] = {}
            for v in [v for v in variants if v != "lean-c1"]:  # a one-shot flag set; the launcher is C1 only too
                print(f"bench: N={n}: daemon ({v} JVM flags), {a.daemon_rounds} rounds and /metrics", flush=True)
                entry["daemon_by_flags"][v] = daemon_metrics(n, c, v, rounds=max(2, a.daemon_rounds),
                                                             paired="blackbox" in parts and v == "launcher")
            entry["daemon"] = (entry["daemon_by_flags"].get("launcher") or entry["daemon_by_flags"].get("default")
                               or next(iter(entry["daemon_by_flags"].values())))
        result["sizes"][str(n)] = entry
        bbe = entry["blackbox_exporter"]
        main = "launcher" if "launcher" in variants else variants[0]
        rd = entry["censorprobe_round"].get(main)
        od = entry["censorprobe_once"].get(main)
        dd = entry.get("daemon") or {}
        if not bbe:
            continue
        # Only what was measured: a part that did not run leaves its ratios out (it used to borrow `once`'s).
        rr = {}
        pb = [r for r in dd.get("paired_blackbox", []) if not r["overlapped_next_round"]]
        if "steady_cpu_ms_per_endpoint" in dd and pb:
            # The targets, against blackbox_exporter rounds taken between the daemon's steady rounds: each
            # contender's mean over the same minutes.
            rr["daemon_steady_cpu_per_endpoint_paired"] = ratio(
                dd["steady_cpu_ms_per_endpoint"], statistics.mean(r["cpu_ms_per_endpoint"] for r in pb))
            rr["daemon_steady_wall_paired"] = ratio(dd["steady_wall_s"], statistics.mean(r["wall_s"] for r in pb))
        if "steady_cpu_ms_per_endpoint" in dd:  # the same, against the rounds measured before the daemon started
            rr["daemon_steady_cpu_per_endpoint"] = ratio(dd["steady_cpu_ms_per_endpoint"], bbe["cpu_ms_per_endpoint"])
            rr["daemon_steady_wall"] = ratio(dd["steady_wall_s"], bbe["wall_s"])
        if rd:
            rr["cpu_per_endpoint_round_only"] = ratio(rd["cpu_ms_per_endpoint"], bbe["cpu_ms_per_endpoint"])
            rr["cpu_per_endpoint_round_only_without_jit"] = ratio(rd.get("cpu_ms_per_endpoint_without_jit"),
                                                                  bbe["cpu_ms_per_endpoint"])
            rr["wall_round_only"] = ratio(rd["wall_s"], bbe["wall_s"])
        if od:
            rr["cpu_per_endpoint_whole_process"] = ratio(od["cpu_ms_per_endpoint"], bbe["cpu_ms_per_endpoint"])
            rr["wall_whole_process"] = ratio(od["wall_s"], bbe["wall_s"])
            rr["peak_rss_once"] = ratio(od["peak_rss_kib"], bbe["peak_rss_kib"])
        if rr:
            entry["ratios_vs_blackbox"] = rr
    if "metrics" in parts:
        v = "launcher" if "launcher" in variants else variants[0]
        print(f"bench: daemon with N={a.metrics_n} endpoints ({v}): one round, then GET /metrics", flush=True)
        result["metrics_large"] = dict(daemon_metrics(a.metrics_n, c, v, rounds=1), endpoints=a.metrics_n, variant=v)
    if "micro" in parts and HARNESS_JAR.exists():
        print("bench: micro-benchmarks in thread CPU time (CpuPerOp)", flush=True)
        r = subprocess.run([JAVA, "-cp", HARNESS_JAR, "org.censorprobe.bench.CpuPerOp", "6"], capture_output=True,
                           text=True)
        result["micro_cpu_us_per_op"] = json.loads(r.stdout) if r.returncode == 0 else {"error": r.stderr[-2000:]}
        # One https flow's client side (handshake, GET, 2.3 KB read) with the daemon's flags: what the providers the
        # probe installs save its measuring threads, blocks alternated so machine drift moves every column alike.
        print("bench: one flow's TLS in thread CPU, by provider set (HandshakeCpu, daemon flags)", flush=True)
        r = subprocess.run(in_ns([JAVA] + flags_of("launcher", "run") + ["-cp", HARNESS_JAR,
                                                                        "org.censorprobe.bench.HandshakeCpu", "16"]),
                           capture_output=True, text=True)
        result["handshake_cpu_us"] = json.loads(r.stdout) if r.returncode == 0 else {"error": r.stderr[-2000:]}
    result["reporter"] = {"skipped": "not asked (--parts)"}
    if "reporter" in parts:
        print("bench: reporter over the stored measurements", flush=True)
        result["reporter"] = reporter_bench(a.quick)
    result["finished_at"] = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    result["machine"]["loadavg_at_end"] = Path("/proc/loadavg").read_text().strip()

    print()
    print(f"concurrency C={c}; CPU = utime+stime; RSS = peak (VmHWM); load = 1-min loadavg before the run")
    print(f"{'N':>6}  {'contender':<44} {'wall_s':>8} {'cpu_ms/ep':>10} {'rss_MiB':>9} {'ok/N':>13} {'load':>5}")
    for n, e in result["sizes"].items():
        if e["blackbox_exporter"]:
            b = e["blackbox_exporter"]
            print(fmt_row(int(n), "blackbox_exporter (round, warm process)", b))
            if "sys_ms" in b:
                print(f"{n:>6}    user {b['user_ms']} ms, system {b['sys_ms']} ms")
        for v, r in e["censorprobe_once"].items():
            print(fmt_row(int(n), f"censorprobe once, whole process [{v}]", r))
        for v, r in e["censorprobe_round"].items():
            print(fmt_row(int(n), f"censorprobe round only, warm JVM [{v}]", r))
            if r:
                print(fmt_row(int(n), f"  same, JIT compiler threads excluded [{v}]",
                              dict(r, cpu_ms_per_endpoint=r["cpu_ms_per_endpoint_without_jit"])))
        for v, d in (e.get("daemon_by_flags") or {"default": e.get("daemon") or {}}).items():
            if "metrics_ms" in d:
                print_daemon_round(n, f"round 2 [{v}]", d, "round2", d.get("ok", n))
                if "steady_round" in d:
                    print_daemon_round(n, f"rounds {d['steady_rounds'][0]}-{d['steady_round']} [{v}]", d, "steady",
                                       d.get("steady_ok", n))
                    print(f"{n:>6}    by round: {d['cpu_ms_per_endpoint_by_round']} ms/endpoint")
                    if "steady_sys_ms" in d:
                        print(f"{n:>6}    steady round: user {d['steady_user_ms']} ms, system {d['steady_sys_ms']} ms")
                    for r in d.get("paired_blackbox", []):
                        print(f"{n:>6}    blackbox_exporter after daemon round {r['after_daemon_round']}: "
                              f"{r['cpu_ms_per_endpoint']:.2f} ms/endpoint, {r['wall_s']:.2f} s, ok {r['ok']}/{n}"
                              + (" (overlapped the daemon's next round: not used)"
                                 if r["overlapped_next_round"] else ""))
                    if "rss_mib_by_round" in d:
                        print(f"{n:>6}    RSS after each round: {d['rss_mib_by_round']} MiB, "
                              f"peak so far {d['hwm_mib_by_round']} MiB")
                print(f"{n:>6}  {'censorprobe daemon: GET /metrics':<44} median {d['metrics_ms']:.1f} ms, "
                      f"max {d['metrics_max_ms']:.1f} ms, first {d['metrics_first_ms']:.1f} ms, "
                      f"warm median {d.get('metrics_warm_ms', 0):.1f} ms max {d.get('metrics_warm_max_ms', 0):.1f} ms "
                      f"({d.get('metrics_bytes', 0)} bytes, HTTP {d.get('metrics_status')})")
            elif "skipped" in d:
                print(f"{n:>6}  daemon: {d['skipped']}")
        rr = e.get("ratios_vs_blackbox")
        if rr:
            names = {"daemon_steady_cpu_per_endpoint_paired": "CPU/endpoint daemon steady (paired rounds)",
                     "daemon_steady_wall_paired": "wall daemon steady (paired rounds)",
                     "daemon_steady_cpu_per_endpoint": "CPU/endpoint daemon steady (blackbox measured first)",
                     "daemon_steady_wall": "wall daemon steady (blackbox measured first)",
                     "cpu_per_endpoint_round_only": "CPU/endpoint round-only",
                     "cpu_per_endpoint_round_only_without_jit": "(JIT excluded)",
                     "cpu_per_endpoint_whole_process": "CPU/endpoint once", "wall_round_only": "wall round-only",
                     "wall_whole_process": "wall once", "peak_rss_once": "peak RSS once"}
            print(f"{'':>6}  ratios censorprobe/blackbox: "
                  + ", ".join(f"{names.get(k, k)} {v}x" for k, v in rr.items()))
    ml = result.get("metrics_large")
    if ml and "metrics_ms" in ml:
        print(f"{ml['endpoints']:>6}  {'censorprobe daemon: GET /metrics':<44} median {ml['metrics_ms']:.1f} ms, "
              f"max {ml['metrics_max_ms']:.1f} ms, first {ml['metrics_first_ms']:.1f} ms, warm median "
              f"{ml['metrics_warm_ms']:.1f} ms max {ml['metrics_warm_max_ms']:.1f} ms ({ml['metrics_bytes']} bytes); "
              f"round 1: {ml['round1_wall_s']:.1f} s, {ml['round1_cpu_ms_per_endpoint']:.2f} ms/endpoint, "
              f"peak RSS {ml['peak_rss_kib'] / 1024:.0f} MiB [{ml['variant']}]")
    elif ml:
        print(f"metrics at N={ml.get('endpoints')}: {ml.get('skipped')}")
    for k, v in (result.get("micro_cpu_us_per_op") or {}).items():
        print(f"micro (thread CPU): {k}: {v} us")
    for k, v in (result.get("handshake_cpu_us") or {}).items():
        print(f"one flow's TLS, client thread CPU: {k}: {v}")
    rep = result["reporter"]
    if "seconds" in rep:
        for fmt in ("json", "html"):
            r = rep[fmt]
            print(f"reporter --format {fmt} over {rep.get('measurements')} stored measurements "
                  f"({rep.get('store_mib')} MiB store): {r['wall_s']:.2f} s wall, {r['cpu_ms'] / 1000:.2f} s CPU, "
                  f"peak RSS {r['peak_rss_kib'] / 1024:.0f} MiB, exit {r['exit']}")
    else:
        print(f"reporter: {rep.get('skipped') or rep}")

    out = Path(a.out) if a.out else (WORK / "results-quick.json") if a.quick else BENCH_DIR / "results" / (
        started.strftime("%Y%m%dT%H%M%SZ") + ("-quick" if a.quick else "") + f"-{socket.gethostname()}.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"bench: results in {out}")


if __name__ == "__main__":
    main()
