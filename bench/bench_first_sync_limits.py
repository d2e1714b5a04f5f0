"""Benchmark: a 10,000-ticket first sync under Zendesk's incremental-export limit.

The sandbox enforces 10 export requests per rolling minute (429 past it). The sync paces
itself and reads at most `--per-run` export pages per run; a first sync bigger than that
commits what it read with its cursor and the next run resumes. Time is simulated: the
product's clock and sleep are injected and move the sandbox's clock too, so "minutes"
below are the minutes the runs would take for real, while the wall time is what this
machine spent.

    python bench/bench_first_sync_limits.py                  # 10,000 tickets, 3 pages per run
    python bench/bench_first_sync_limits.py -n 20000 --per-run 5 --per-minute 4

Prints numbers; asserts nothing except what a vendor would refuse (429s are counted).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from escalation_desk.config import load_config
from escalation_desk.sandbox import Sandbox
from escalation_desk.sync.run import SyncOptions, run_sync

NOW = datetime(2026, 11, 26, 12, tzinfo=timezone.utc)


class FakeTime:
    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox, self.now, self.slept = sandbox, 0.0, 0.0
        sandbox.zendesk.now = NOW + timedelta(hours=1)

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds
        self.slept += seconds
        self.sandbox.zendesk.now += timedelta(seconds=seconds)


def _repo(path: Path, per_run: int, per_minute: int) -> Path:
    path.mkdir(parents=True)
    run = lambda *a: subprocess.run(["git", "-C", str(path), *a], check=True, capture_output=True)  # noqa: E731
    run("init", "-q", "-b", "main")
    run("config", "user.name", "Bench")
    run("config", "user.email", "bench@example.com")
    (path / "escalations").mkdir()
    (path / "escalations" / ".gitkeep").write_text("")
    (path / "escalations.toml").write_text(f"[zendesk]\nexport_requests_per_run = {per_run}\n"
                                           f"export_requests_per_minute = {per_minute}\n"
                                           "[sync]\nretry_backoff = \"0s\"\n", encoding="utf-8")
    run("add", "-A")
    run("commit", "-q", "-m", "start")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--tickets", type=int, default=10_000)
    parser.add_argument("--per-run", type=int, default=3, help="export pages per run (zendesk.export_requests_per_run)")
    parser.add_argument("--per-minute", type=int, default=10, help="the vendor's limit (and the sync's pace)")
    args = parser.parse_args()
    started = time.perf_counter()
    with Sandbox(tickets=args.tickets) as sandbox, tempfile.TemporaryDirectory() as tmp:
        sandbox.zendesk.incremental_per_minute = args.per_minute
        clock = FakeTime(sandbox)
        repo = _repo(Path(tmp) / "docs", args.per_run, args.per_minute)
        built = time.perf_counter() - started
        runs = 0
        while runs < 100:
            runs += 1
            result = run_sync(SyncOptions(repo, load_config(repo / "escalations.toml"), NOW, env=sandbox.env,
                                          sleep=clock.sleep, clock=clock.clock))
            if not any("first sync continues" in n for n in result.notes):
                break
        refused = sum(1 for e in sandbox.log.entries("zendesk") if e.status == 429)
        exports = sum(1 for e in sandbox.log.entries("zendesk") if "/incremental/" in e.path)
        state = json.loads((repo / "escalations/.sync-state.json").read_text())
        documents = len(list((repo / "escalations").glob("ESC-*.md")))
    wall = time.perf_counter() - started
    print(f"tickets {args.tickets:,}; limit {args.per_minute} export requests/min; {args.per_run} pages per run")
    print(f"runs to complete the first sync: {runs}; export requests {exports}; 429 answers {refused}")
    print(f"simulated time waiting for the limit: {clock.slept / 60:.1f} min; documents {documents}; "
          f"cursor committed: {bool(state['zendesk']['cursor'])}")
    print(f"wall time {wall:.1f} s (sandbox start {built:.1f} s; no real sleep)")


if __name__ == "__main__":
    main()
