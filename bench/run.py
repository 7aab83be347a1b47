#!/usr/bin/env python3
"""Measure what a render costs: start-up of each function and the whole kpt pipeline.

Prints a table (figure, measured, baseline, ratio, target) and writes the figures as JSON
under bench/results/.  Timings are medians of repeated runs taken side by side, so the
ratios hold from one machine to another better than the absolute values.

    bench/run.py [--repeat N] [--package DIR] [--scale 1,10,100] [--before REV]

Cold start is measured beside two floors: `python -c pass`, and bench/floor.py, a Python
function that only reads and writes the ResourceList with ruamel's C loader.  With --before REV,
each function is also run from the functions/ of git revision REV (exported to a temporary
folder, put first on PYTHONPATH), interleaved with the current code and the floor, run by run.

With --scale, each function also runs on generated packages of N TMF921 intents
(bench/scale.py) beside a plain ruamel.yaml round-trip of the same ResourceList,
with peak RSS of both.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FUNCTIONS = ("intent-to-28312", "28312-to-pr", "pr-to-workloads", "slo-gate-validator")
BIN = Path(sys.executable).parent
ENV = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}


def interleaved_medians(commands: dict[str, tuple[list[str], dict[str, str]]], stdin: bytes, repeat: int) -> dict[str, float]:
    """Median wall time of each command, run in turn so that a change in the machine's load shows in all
    alike; and under `<name> cpu` its median CPU time (user + system), the steadier figure on a busy
    machine, where a process waits for a core for much of its wall time."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, (command, env) in commands.items():
            with tempfile.TemporaryFile() as feed:
                feed.write(stdin)
                feed.seek(0)
                start = time.perf_counter()
                child = subprocess.Popen(command, stdin=feed, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
                _, _, usage = os.wait4(child.pid, 0)
                times[name].append(time.perf_counter() - start)
            cpu[name].append(usage.ru_utime + usage.ru_stime)
    medians = {name: statistics.median(values) for name, values in times.items()}
    return {**medians, **{f"{name} cpu": statistics.median(values) for name, values in cpu.items()}}


MODULES = {"intent-to-28312": "intent_to_28312", "28312-to-pr": "ts28312_to_pr", "pr-to-workloads": "pr_to_workloads",
           "slo-gate-validator": "slo_gate_validator"}


def exported(revision: str, workdir: Path) -> dict[str, str]:
    """The environment that imports oran_intent_krm from functions/ as it was at a git revision."""
    archive = subprocess.run(["git", "archive", revision, "functions"], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(workdir)], input=archive, check=True)
    (workdir / "path").mkdir()
    (workdir / "path" / "oran_intent_krm").symlink_to(workdir / "functions")
    return {**ENV, "PYTHONPATH": str(workdir / "path")}


def run_from(fn: str) -> list[str]:
    return [sys.executable, "-c", f"import sys; from oran_intent_krm.{MODULES[fn]}.main import main; sys.exit(main())"]


def median_seconds(command: list[str], stdin: bytes = b"", repeat: int = 15, cwd: Path | None = None) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, cwd=cwd)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def stage_inputs(package: Path) -> dict[str, bytes]:
    """The ResourceList each function receives during a render of the package."""
    current = subprocess.run(["kpt", "fn", "source", str(package)], capture_output=True, check=True, env=ENV).stdout
    inputs = {}
    for fn in FUNCTIONS:
        inputs[fn] = current
        done = subprocess.run([str(BIN / fn)], input=current, capture_output=True, env=ENV)
        current = done.stdout
    return inputs


def pipeline_copy(package: Path, workdir: Path, exec_of) -> Path:
    copy = workdir / package.name
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(package, copy)
    kptfile = copy / "Kptfile"
    lines = [line for line in kptfile.read_text().splitlines() if "image:" not in line or not any(fn in line for fn in FUNCTIONS)]
    text = "\n".join(lines).split("pipeline:")[0].rstrip() + "\npipeline:\n  mutators:\n"
    text += "".join(f"  - exec: {exec_of(fn)}\n" for fn in FUNCTIONS)
    kptfile.write_text(text)
    return copy


def render_seconds(package: Path, exec_of, repeat: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        times = []
        for _ in range(repeat):
            copy = pipeline_copy(package, Path(tmp), exec_of)
            start = time.perf_counter()
            subprocess.run(["kpt", "fn", "render", str(copy), "--allow-exec"], capture_output=True, env=ENV, cwd=tmp)
            times.append(time.perf_counter() - start)
        return statistics.median(times)


ROUND_TRIP = (
    "import sys\n"
    "from ruamel.yaml import YAML\n"
    "yaml = YAML(typ='rt')\n"
    "yaml.dump(yaml.load(sys.stdin), sys.stdout)\n"
)


FLOOR = [sys.executable, str(ROOT / "bench" / "floor.py")]

# Run by a fresh, small interpreter: it forks the measured command and reports the child's
# wall time and peak RSS (KiB).  Linux counts in a process's peak RSS the memory mapped when it
# was forked (or, with vfork, all its parent's), so a child of this bench (tens to hundreds of
# MiB once it has run the scale packages) would report the bench's size; a child of this small
# process starts from the few MiB it holds, printed as the floor below which no figure can go.
_FORK_AND_MEASURE = """
import os, sys, time
with open("/proc/self/status") as status:
    held = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - start
print(elapsed, usage.ru_maxrss, held, os.waitstatus_to_exitcode(status))
"""


def run_measured(command: list[str], stdin: bytes) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of one child process, and nothing else's."""
    with tempfile.TemporaryFile() as feed:
        feed.write(stdin)
        feed.seek(0)
        done = subprocess.run(
            [sys.executable, "-I", "-S", "-c", _FORK_AND_MEASURE, *command], stdin=feed, capture_output=True, text=True, env=ENV, check=True
        )
    elapsed, child_rss, _, _ = done.stdout.split()
    return float(elapsed), int(child_rss)


def measuring_floor_kib() -> int:
    """RSS of the measuring process when it forks: a child's figure is at least this much."""
    done = subprocess.run([sys.executable, "-I", "-S", "-c", _FORK_AND_MEASURE, "/bin/true"], capture_output=True, text=True, env=ENV, check=True)
    return int(done.stdout.split()[2])


def scale_rows(sizes: list[int], repeat: int) -> list[dict]:
    """Each function on a generated package of N intents, beside a plain ruamel.yaml round-trip."""
    sys.path.insert(0, str(ROOT / "bench"))
    import scale

    figures = []
    with tempfile.TemporaryDirectory() as tmp:
        for count in sizes:
            package = scale.generate(count, Path(tmp) / f"scale-{count}")
            inputs = stage_inputs(package)
            runs = 1 if count >= 1000 else repeat
            for fn in FUNCTIONS:
                fn_runs = [run_measured([str(BIN / fn)], inputs[fn]) for _ in range(runs)]
                base_runs = [run_measured([sys.executable, "-c", ROUND_TRIP], inputs[fn]) for _ in range(runs)]
                figures.append(
                    {
                        "function": fn,
                        "intents": count,
                        "inputBytes": len(inputs[fn]),
                        "seconds": statistics.median(t for t, _ in fn_runs),
                        "roundTripSeconds": statistics.median(t for t, _ in base_runs),
                        "peakRssKiB": max(r for _, r in fn_runs),
                        "roundTripPeakRssKiB": max(r for _, r in base_runs),
                    }
                )
    return figures


def print_scale(figures: list[dict]) -> None:
    print(f"\n{'function':20s} {'N':>5s} {'input':>9s} {'time':>9s} {'round-trip':>10s} {'ratio':>6s} {'RSS':>8s} {'RSS ratio':>9s}")
    for f in figures:
        print(
            f"{f['function']:20s} {f['intents']:5d} {f['inputBytes'] / 1e6:8.2f}M {f['seconds']:8.2f}s {f['roundTripSeconds']:9.2f}s "
            f"{f['seconds'] / f['roundTripSeconds']:5.2f}x {f['peakRssKiB'] / 1024:6.0f}Mi {f['peakRssKiB'] / f['roundTripPeakRssKiB']:8.2f}x"
        )
    by_fn = {}
    for f in figures:
        by_fn.setdefault(f["function"], {})[f["intents"]] = f["seconds"]
    for fn, times in by_fn.items():
        sizes = sorted(times)
        for small, large in zip(sizes, sizes[1:]):
            print(f"{fn:20s} t({large})/t({small}) = {times[large] / times[small]:.2f} (linear: {large / small:.0f})")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--package", type=Path, default=ROOT / "packages" / "intent-to-krm")
    parser.add_argument("--scale", default="1,10,100", help="comma-separated intent counts (empty: none)")
    parser.add_argument("--before", help="also run each function from functions/ at this git revision")
    args = parser.parse_args(argv)
    rows = []
    python_pass = median_seconds([sys.executable, "-c", "pass"], repeat=args.repeat)
    rows.append(("python -c pass", python_pass, None, None, None))
    inputs = stage_inputs(args.package)
    before: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        before_env = exported(args.before, Path(tmp)) if args.before else None
        for fn in FUNCTIONS:
            commands = {"after": ([str(BIN / fn)], ENV), "floor": (FLOOR, ENV)}
            if before_env is not None:
                commands["before"] = (run_from(fn), before_env)
            medians = interleaved_medians(commands, inputs[fn], args.repeat)
            rows.append((f"{fn} cold start (sample package)", medians["after"], python_pass, 5.0, medians["floor"]))
            if before_env is not None:
                before[fn] = medians
    cat = render_seconds(args.package, lambda fn: "/bin/cat", max(5, args.repeat // 3))
    real = render_seconds(args.package, lambda fn: fn, max(5, args.repeat // 3))
    rows.append(("kpt fn render, 4 x /bin/cat", cat, None, None, None))
    rows.append(("kpt fn render, full pipeline (exec)", real, cat, 2.5, None))

    print(f"{'figure':45s} {'measured':>10s} {'baseline':>10s} {'ratio':>7s} {'target':>7s} {'floor':>10s} {'/floor':>7s}")
    for name, value, base, target, floor in rows:
        ratio = value / base if base else None
        print(
            f"{name:45s} {value * 1000:8.1f}ms {'' if base is None else f'{base * 1000:8.1f}ms':>10s} "
            f"{'' if ratio is None else f'{ratio:6.2f}x':>7s} {'' if target is None else f'{target:.1f}x':>7s} "
            f"{'' if floor is None else f'{floor * 1000:8.1f}ms':>10s} {'' if floor is None else f'{value / floor:6.2f}x':>7s}"
            + ("" if ratio is None or ratio <= target else "  (missed)")
        )
    print("floor: bench/floor.py on the same input (read and write the ResourceList with ruamel's C loader)")
    if before:
        print(f"\n{'cold start: wall (CPU), median':30s} {'before (' + args.before + ')':>22s} {'after':>18s} {'floor':>18s} {'CPU change':>11s}")
        for fn, m in before.items():
            print(f"{fn:30s} " + " ".join(f"{m[k] * 1000:8.1f} ({m[k + ' cpu'] * 1000:5.1f})ms" for k in ("before", "after", "floor"))
                  + f" {m['after cpu'] / m['before cpu'] - 1:+10.0%}")
    sizes = [int(n) for n in args.scale.split(",") if n.strip()]
    scale_figures = scale_rows(sizes, max(1, args.repeat // 5)) if sizes else []
    if scale_figures:
        print_scale(scale_figures)
        print(f"(peak RSS figures include at least the measuring process's own {measuring_floor_kib() / 1024:.1f} MiB)")
    record = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "repeat": args.repeat,
        "figures": [
            {"figure": n, "seconds": v, "baselineSeconds": b, "ratio": (v / b if b else None), "target": t, "floorSeconds": f}
            for n, v, b, t, f in rows
        ],
        "scale": scale_figures,
        "before": {"revision": args.before, "figures": before} if before else None,
    }
    out = ROOT / "bench" / "results" / f"bench-{time.strftime('%Y%m%dT%H%M%S')}.json"
    out.write_text(json.dumps(record, indent=2) + "\n")
    print(f"\nwritten: {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
