"""What the benchmarks share: generated documents repositories, measured child processes,
medians and the result table.

Every command runs as a real subprocess (start-up included), through a small wrapper
that reports its wall time and the peak RSS of the largest process it started (workers
included), so a number is what a user or a CI job sees. Floors are measured the same
way in the same run. The machine may be shared: read medians and ratios, not seconds.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterator

from escalation_desk.tracking.entries import comm_line, plan_line, stakeholder_line, timeline_line
from escalation_desk.tracking.render import new_document

NOW = "2026-11-26T12:00:00Z"
SEVERITIES = ("SEV-1", "SEV-2", "SEV-3", "SEV-4")
CUSTOMERS = ("Acme Corp", "Northwind Logistics", "Brightpath Learning", "Globex", "Initech", "Umbrella Health")
ESC = [sys.executable, "-m", "escalation_desk"]
GIT_ENV = {"GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.com",
           "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.com"}


def document(i: int) -> tuple[str, str]:
    """(file name, text) of one valid, realistic document: open, with timeline, plan, comms and stakeholders."""
    base = datetime(2026, 11, 2, 14, 0, tzinfo=timezone.utc)
    opened = base + timedelta(minutes=37 * i % 20000)
    ident = f"ESC-{100000 + i}"
    fields = {
        "id": ident, "customer": CUSTOMERS[i % len(CUSTOMERS)], "account_id": f"001Dn{i:013d}", "arr": 10000 + 137 * i,
        "renewal_date": (opened + timedelta(days=200)).date(), "health_score": 40 + i % 60,
        "severity": SEVERITIES[i % 4], "tier": 1 + i % 2, "status": "In Progress", "owner": f"Owner {i % 2500}",
        "opened": opened, "acknowledged": opened + timedelta(minutes=10),
        "zendesk_tickets": [100000 + i], "category": f"category-{i}",
    }
    text = new_document(
        fields, title="Integration sync delayed", path=f"{ident}.md",
        summary="The customer's nightly sync is delayed by several hours; their finance team works from stale data.",
        timeline=[timeline_line(opened, f"Ticket #{100000 + i} opened via email", f"zd:ticket:{100000 + i}")],
        plan=[plan_line(1, "Restore the sync job", "Lee Park", (opened + timedelta(days=1)).date())],
        comms=[comm_line(opened + timedelta(minutes=10 + 50 * k), "email", "Status update", f"zd:comment:{i}{k}")
               for k in range(3)],
        stakeholders=[stakeholder_line("Priya Raman", "CS Director", opened + timedelta(minutes=20))],
    )
    return f"{ident}-bench.md", text


def generate(folder: Path, count: int) -> None:
    docs = folder / "escalations"
    docs.mkdir(parents=True)
    for i in range(count):
        name, text = document(i)
        (docs / name).write_text(text, encoding="utf-8")


def git(folder: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")} | GIT_ENV
    return subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True, text=True).stdout


def commit_all(folder: Path, message: str) -> str:
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "--no-verify", "-m", message)
    return git(folder, "rev-parse", "HEAD").strip()


def make_repository(folder: Path, count: int, with_index: bool = True) -> str:
    """`count` documents (and, by default, their index.json) committed on main; returns the commit."""
    generate(folder, count)
    git(folder, "init", "-q", "-b", "main")
    if with_index:
        subprocess.run(ESC + ["--repo", str(folder), "--now", NOW, "index"], check=True, capture_output=True)
    return commit_all(folder, f"{count} escalations")


_WRAPPER = """
import json, os, resource, subprocess, sys, time
spec = json.loads(sys.argv[1])
start = time.perf_counter()
done = subprocess.run(spec["cmd"], cwd=spec["cwd"], env=spec["env"], shell=spec["shell"],
                      stdout=subprocess.PIPE, stderr=subprocess.PIPE)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "rss_kib": usage.ru_maxrss, "cpu": usage.ru_utime + usage.ru_stime,
                  "code": done.returncode, "err": done.stderr.decode(errors="replace")[-2000:],
                  "out_tail": done.stdout.decode(errors="replace")[-300:]}))
"""


def measure(cmd: list[str] | str, cwd: Path, env: dict[str, str] | None = None, ok: tuple[int, ...] = (0, 1),
            timeout: float = 900) -> dict:
    """Run one command in a fresh wrapper process: wall seconds, peak RSS (KiB), exit code, stderr."""
    spec = {"cmd": cmd, "cwd": str(cwd), "env": {**os.environ, **(env or {})}, "shell": isinstance(cmd, str)}
    done = subprocess.run([sys.executable, "-c", _WRAPPER, json.dumps(spec)], capture_output=True, text=True,
                          timeout=timeout, check=True)
    result = json.loads(done.stdout)
    if result["code"] not in ok:
        raise SystemExit(f"{cmd} failed ({result['code']}): {result['err'].strip()}")
    return result


def median_of(runs: list[dict]) -> dict:
    return {"wall": statistics.median(r["wall"] for r in runs), "rss_mib": max(r["rss_kib"] for r in runs) / 1024,
            "cpu": statistics.median(r["cpu"] for r in runs),
            "spread": (max(r["wall"] for r in runs) - min(r["wall"] for r in runs)) / statistics.median(r["wall"] for r in runs)}


def interleaved(commands: dict[str, tuple], rounds: int) -> dict[str, dict]:
    """Each command `rounds` times, round-robin (a burst of load hits all of them alike); medians."""
    runs: dict[str, list[dict]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, (cmd, cwd, env) in commands.items():
            runs[name].append(measure(cmd, cwd, env))
    return {name: median_of(found) for name, found in runs.items()}


FLOOR_SCRIPT = """
import pathlib, sys, yaml
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.md")):
    if path.name == "README.md":
        continue
    text = path.read_text(encoding="utf-8")
    yaml.load(text[4:text.index("\\n---", 3)], Loader=yaml.CSafeLoader)
"""


def floor_command(folder: Path) -> list[str]:
    """One Python process that reads every document and loads its front matter with the C loader."""
    return [sys.executable, "-c", FLOOR_SCRIPT, str(folder / "escalations")]


@contextmanager
def workspace(prefix: str = "esc-bench-") -> Iterator[Path]:
    work = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def row(name: str, size: int, result: dict, floor: dict, target: float) -> str:
    ratio = result["wall"] / floor["wall"]
    return (f"| {name} | {size:,} | {result['wall']:.2f} s | {floor['wall']:.2f} s | {ratio:.2f}× "
            f"| {'met' if ratio <= target else 'NOT met'} (≤ {target}×) | {result['cpu'] / floor['cpu']:.2f}× "
            f"| {result['rss_mib']:.0f} MiB | ±{result['spread'] * 50:.0f}% |")


TABLE_HEAD = ("| command | documents | median wall | floor | wall ratio | target | CPU ratio | peak RSS | spread |\n"
              "|---|---:|---:|---:|---:|---|---:|---:|---:|")
