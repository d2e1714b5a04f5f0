"""Benchmark: `esc check` over N generated documents against a floor measured in the same run.

The floor is the least any checker must do: read each file and load its front matter
with PyYAML's C loader. `esc check` runs as a real subprocess (start-up included), so
the ratio is what a user or CI job sees. Peak memory (the child's max RSS) is measured
at two sizes to show it stays flat in N.

    python bench/bench_check.py                 # N = 10,000, 3 rounds
    python bench/bench_check.py -n 2000 --rounds 5

Prints numbers and ratios; asserts nothing (these machines are noisy: read medians).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]

from common import generate  # noqa: E402 - bench/ is the script's own folder


def floor(folder: Path) -> float:
    """Read every file and load its front matter with the C loader: the least a check can do."""
    start = time.perf_counter()
    for path in sorted((folder / "escalations").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        end = text.index("\n---", 3)
        yaml.load(text[4:end], Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def esc_check(folder: Path) -> tuple[float, float, str]:
    """Wall time, CPU time (all its processes) and the summary line of a real `esc check` run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "escalation_desk", "--repo", str(folder),
                           "--now", "2026-11-26T12:00:00Z", "check"], cwd=folder, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"esc check failed: {proc.stderr.strip()}")
    return elapsed, cpu, proc.stdout.strip().splitlines()[-1]


def rss_of_one_run(folder: Path) -> int:
    """Max RSS (KiB) of one `esc check` child, measured in a fresh process so the numbers don't mix."""
    code = ("import resource,subprocess,sys;"
            f"subprocess.run([sys.executable,'-m','cli','--repo',{str(folder)!r},'--now','2026-11-26T12:00:00Z','check'],"
            f"cwd={str(ROOT)!r},capture_output=True);"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    return int(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


def heap_peak(folder: Path) -> float:
    """Peak Python heap (MB, tracemalloc) of checking `folder` in this process, one worker."""
    import tracemalloc

    import escalation_desk.tracking.check_files as checking
    from escalation_desk.config import Config

    saved, checking.PARALLEL_FROM = checking.PARALLEL_FROM, 10**9
    tracemalloc.start()
    try:
        checking.run_check([folder / "escalations"], folder, Config(),
                           datetime(2026, 11, 26, 12, tzinfo=timezone.utc))
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()
        checking.PARALLEL_FROM = saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=10_000, help="documents (default 10,000)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="esc-bench-"))
    try:
        big, small = work / "big", work / "small"
        t0 = time.perf_counter()
        generate(big, args.n)
        generate(small, max(args.n // 10, 100))
        print(f"generated {args.n:,} + {max(args.n // 10, 100):,} documents in {time.perf_counter() - t0:.1f} s")
        floors, checks, cpus = [], [], []
        summary = ""
        for round_ in range(args.rounds):
            floors.append(floor(big))
            elapsed, cpu, summary = esc_check(big)
            checks.append(elapsed)
            cpus.append(cpu)
            print(f"round {round_ + 1}: floor {floors[-1]:.2f} s, esc check {elapsed:.2f} s wall, {cpu:.2f} s CPU")
        f, c, u = statistics.median(floors), statistics.median(checks), statistics.median(cpus)
        print(f"esc check says: {summary}")
        print(f"median floor (read + CSafeLoader front matter, one core): {f:.2f} s  ({args.n / f:,.0f} docs/s)")
        print(f"median esc check (subprocess, start-up included, {os.cpu_count()} cores): {c:.2f} s wall "
              f"({args.n / c:,.0f} docs/s), {u:.2f} s CPU")
        print(f"ratio esc check / floor: {c / f:.2f}x wall (target <= 2.0x), {u / f:.2f}x CPU")
        rss_small, rss_big = rss_of_one_run(small), rss_of_one_run(big)
        print(f"peak RSS: {rss_small / 1024:.0f} MiB at {max(args.n // 10, 100):,} docs, "
              f"{rss_big / 1024:.0f} MiB at {args.n:,} docs (ratio {rss_big / rss_small:.2f} for {args.n / max(args.n // 10, 100):.0f}x the documents)")
        heap_small, heap_big = heap_peak(small), heap_peak(big)
        print(f"peak Python heap (tracemalloc, one worker): {heap_small:.1f} MB at {max(args.n // 10, 100):,} docs, "
              f"{heap_big:.1f} MB at {args.n:,} docs (ratio {heap_big / heap_small:.2f})")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
