"""Benchmark: `esc sync` of N escalated tickets against the sandbox, then a no-change re-sync.

The sandbox runs in a child process (so the sync does not share its interpreter), with
every ticket tagged ``escalation``. The sync runs in this process through the library
(`sync.run.run_sync`), into a fresh git repository. For each run it prints wall time,
the process's peak RSS, requests per service (as the sandbox logged them) and the ratio
of Zendesk and Salesforce *reads* to the minimum paging the APIs need:

    Zendesk    ceil(changed tickets / 1000) incremental pages
               + ceil(comments / 100) per escalated ticket
    Salesforce ceil(linked accounts / 200) queries + 1 aggregate (total ARR, for the 1% rule)

Write-back (one update per linked ticket: tags and the note) is reported separately.

    python bench/bench_sync.py                 # 2,000 tickets
    python bench/bench_sync.py -n 500

Targets (issue #4): first sync <= 60 s with reads within 3x the minimum; re-sync <= 3 s.
Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import math
import multiprocessing as mp
import resource
import shutil
import subprocess
import tempfile
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

NOW = datetime(2026, 11, 26, 12, tzinfo=timezone.utc)


def _serve(tickets: int, conn) -> None:  # noqa: ANN001 - a multiprocessing Connection
    """Child process: the sandbox with every ticket escalated; answers 'log' and 'stop'."""
    from escalation_desk.sandbox import Sandbox

    with Sandbox(tickets=tickets) as sandbox:
        for ticket in sandbox.zendesk.tickets.values():
            if "escalation" not in ticket["tags"]:
                ticket["tags"] = sorted(ticket["tags"] + ["escalation"])
        comments = {t: len(c) for t, c in sandbox.zendesk.comments.items()}
        conn.send({"env": sandbox.env, "comments": comments, "accounts": len(sandbox.dataset.salesforce_accounts)})
        while True:
            command = conn.recv()
            if command == "log":
                conn.send([(e.api, e.method, e.path) for e in sandbox.log.entries()])
                sandbox.log.clear()
            else:
                break


def _repo(path: Path) -> Path:
    subprocess.run(["git", "init", "-q", "-b", "main", str(path)], check=True)
    (path / "escalations").mkdir()
    (path / "escalations" / ".gitkeep").write_text("")
    subprocess.run(["git", "-C", str(path), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(path), "-c", "user.name=bench", "-c", "user.email=bench@example.com",
                    "commit", "-q", "-m", "start"], check=True)
    return path


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _report(title: str, seconds: float, log: list, minimum: dict[str, int], result) -> None:  # noqa: ANN001
    counts = Counter(api for api, _m, _p in log)
    writes = Counter(api for api, method, _p in log if method in ("PUT", "POST", "DELETE"))
    print(f"\n{title}")
    print(f"  wall time        {seconds:8.2f} s")
    print(f"  peak RSS         {_peak_mb():8.1f} MB (this process: the sync, not the sandbox)")
    print(f"  documents        {len(result.created)} created, {len(result.updated)} updated")
    for api in ("zendesk", "salesforce"):
        reads = counts[api] - writes[api]
        floor = minimum.get(api, 0)
        ratio = f"{reads / floor:.2f}x the minimum {floor}" if floor else f"minimum {floor}"
        print(f"  {api:<10} reads {reads:6d} ({ratio}); writes {writes[api]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--tickets", type=int, default=2000)
    args = parser.parse_args()

    parent, child = mp.Pipe()
    server = mp.get_context("spawn").Process(target=_serve, args=(args.tickets, child), daemon=True)
    server.start()
    info = parent.recv()
    env, comments = info["env"], info["comments"]
    parent.send("log")
    parent.recv()

    from escalation_desk.config import Config
    from escalation_desk.sync.run import SyncOptions, run_sync

    folder = Path(tempfile.mkdtemp(prefix="esc-bench-sync-"))
    try:
        repo = _repo(folder / "docs")
        config = Config()
        started = time.perf_counter()
        first = run_sync(SyncOptions(repo, config, NOW, env=env))
        first_seconds = time.perf_counter() - started
        parent.send("log")
        log = parent.recv()
        escalated = len(comments)
        minimum = {
            "zendesk": math.ceil(escalated / 1000) + sum(math.ceil(n / 100) for n in comments.values()),
            "salesforce": math.ceil(info["accounts"] / 200) + 1,
        }
        print(f"sync benchmark: {escalated} escalated tickets, {info['accounts']} accounts")
        _report("first sync", first_seconds, log, minimum, first)

        started = time.perf_counter()
        again = run_sync(SyncOptions(repo, config, NOW, env=env))
        again_seconds = time.perf_counter() - started
        parent.send("log")
        log = parent.recv()
        _report("re-sync, nothing changed upstream", again_seconds, log, {"zendesk": 1, "salesforce": 1}, again)
        print(f"  commit           {'none' if again.commit is None else again.commit[:10]}")
        print("\ntargets: first sync <= 60 s, reads <= 3x minimum; re-sync <= 3 s, <= 3 Zendesk requests")
    finally:
        parent.send("stop")
        server.join(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
