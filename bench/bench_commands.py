"""Benchmark: the whole-repository commands at 1,000 and 10,000 documents against the floor.

`esc index`, `overdue` (lines and `--json`), `status` (the table and `--json`) and `report` in
every format (the README it writes, `--format json`, `--format markdown`, `--html`), each a
real subprocess (start-up included) on a generated repository with its documents committed
(so the report reads git history), round-robin with the floor: one Python process that reads
every document and loads its front matter with PyYAML's C loader.

    python bench/bench_commands.py                    # 1,000 and 10,000 documents, 3 rounds
    python bench/bench_commands.py --sizes 1000 --rounds 5
    python bench/bench_commands.py --only report      # the report in its four formats
    python bench/bench_commands.py --only index overdue status   # index, overdue and status in all forms

Targets (issue #17): each command within 2x the floor at 10,000 (bar 3x); peak RSS at 10,000
within 1.5x of 1,000. Prints medians, ratios (wall and CPU: on a shared machine read the CPU
ratio) and peak RSS; asserts nothing.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from common import ESC, NOW, TABLE_HEAD, floor_command, interleaved, make_repository, row, workspace


def commands(folder: Path, work: Path) -> dict[str, tuple]:
    esc = ESC + ["--repo", str(folder), "--now", NOW]
    found = {
        "index": esc + ["index"],
        "overdue": esc + ["overdue"],
        "overdue --json": esc + ["overdue", "--json"],
        "status": esc + ["status"],
        "status --json": esc + ["status", "--json"],
        "report": esc + ["report"],
        "report --format json": esc + ["report", "--format", "json"],
        "report --format markdown": esc + ["report", "--format", "markdown"],
        "report --html": esc + ["report", "--format", "json", "--html", str(work / "site")],
    }
    return {name: (cmd, folder, None) for name, cmd in found.items()} | {"floor": (floor_command(folder), folder, None)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", metavar="NAME", nargs="+",
                        help="only the commands whose name starts with NAME (e.g. --only report); the floor always runs")
    args = parser.parse_args()
    results: dict[int, dict] = {}
    with workspace() as work:
        for size in args.sizes:
            folder = work / f"repo-{size}"
            folder.mkdir()
            make_repository(folder, size)
            chosen = {name: spec for name, spec in commands(folder, work).items()
                      if name == "floor" or not args.only or name.startswith(tuple(args.only))}
            results[size] = interleaved(chosen, args.rounds)
            floor = results[size]["floor"]
            print(f"{size:,} documents: floor {floor['wall']:.2f} s; "
                  + ", ".join(f"{name} {r['wall'] / floor['wall']:.2f}x" for name, r in results[size].items()
                              if name != "floor"), flush=True)
    print()
    print(TABLE_HEAD)
    for size, found in results.items():
        for name, result in found.items():
            if name != "floor":
                print(row(name, size, result, found["floor"], 2 if size >= 10_000 else 3))
    if len(results) >= 2:
        small, big = min(results), max(results)
        print(f"\npeak RSS at {big:,} / at {small:,} (target <= 1.5x): " + ", ".join(
            f"{name} {results[big][name]['rss_mib'] / results[small][name]['rss_mib']:.2f}x"
            for name in results[big] if name != "floor"))


if __name__ == "__main__":
    main()
