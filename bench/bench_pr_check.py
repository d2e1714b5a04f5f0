"""Benchmark: the pull-request check at 1,000 and 10,000 documents, one document changed.

Runs the workflow's own command line: the `run:` of the step in templates/workflows/check.yml
(what `esc init` installs) that calls `esc check`, in bash, in the repository, with BASE_SHA
set as the workflow sets it. The repository has the documents and their index.json
committed on main and one document changed on a branch (owner handed over, committed).

The floor, measured in the same run: `git diff --name-only $BASE_SHA`, then one Python
process that loads the changed document (read + front matter with PyYAML's C loader).

    python bench/bench_pr_check.py                  # 1,000 and 10,000 documents, 5 rounds
    python bench/bench_pr_check.py --sizes 1000 --rounds 3

Targets (issue #17): at 10,000 within 1.5x its time at 1,000, and within 20x the floor.
Prints medians, ratios and peak RSS; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import yaml

from common import TABLE_HEAD, commit_all, git, interleaved, make_repository, row, workspace

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / "templates" / "workflows" / "check.yml"

FLOOR = """git diff --name-only "$BASE_SHA" -- escalations > "$CHANGED" && python -c '
import sys, yaml
for path in open(sys.argv[1]).read().split():
    text = open(path, encoding="utf-8").read()
    yaml.load(text[4:text.index("\\n---", 3)], Loader=yaml.CSafeLoader)
' "$CHANGED"
"""


def workflow_command() -> tuple[str, dict]:
    """The `run:` line of the step that calls `esc check`, and that step's env."""
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            if "esc check" in step.get("run", ""):
                return step["run"], step.get("env", {})
    raise SystemExit(f"no `esc check` step in {WORKFLOW}")


def pull_request(folder: Path, count: int) -> str:
    """The repository with one document changed on a branch; returns the base commit."""
    base = make_repository(folder, count)
    git(folder, "checkout", "-q", "-b", "handover")
    changed = sorted((folder / "escalations").glob("ESC-*.md"))[count // 2]
    changed.write_text(changed.read_text(encoding="utf-8").replace("owner: Owner", "owner: New Owner", 1),
                       encoding="utf-8")
    commit_all(folder, "Hand-over")
    return base


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    command, step_env = workflow_command()
    print(f"workflow step: {command}   (env: {', '.join(step_env)})")
    bin_dir = str(Path(sys.executable).parent)   # `esc` and `python` as the job's setup-python puts them on PATH
    results = {}
    with workspace() as work:
        for size in args.sizes:
            folder = work / f"pr-{size}"
            folder.mkdir()
            base = pull_request(folder, size)
            env = {"BASE_SHA": base, "PATH": f"{bin_dir}:{os.environ['PATH']}", "ESC_NOW": "2026-11-26T12:00:00Z",
                   "CHANGED": str(work / "changed.txt"), "GITHUB_STEP_SUMMARY": str(work / "summary.md")}
            found = interleaved({"check": (command, folder, env), "floor": (FLOOR, folder, env)}, args.rounds)
            note = [line for line in _stderr(command, folder, env) if line.startswith("esc check:")]
            print(f"{size:,} documents: esc check {found['check']['wall']:.3f} s, floor {found['floor']['wall']:.3f} s; "
                  f"{note[0] if note else '(no note)'}")
            results[size] = found
    print()
    print(TABLE_HEAD)
    for size, found in results.items():
        print(row("PR check (check.yml)", size, found["check"], found["floor"], 20))
    if len(results) >= 2:
        small, big = min(results), max(results)
        growth = results[big]["check"]["wall"] / results[small]["check"]["wall"]
        cpu = results[big]["check"]["cpu"] / results[small]["check"]["cpu"]
        print(f"\nPR check at {big:,} / at {small:,}: {growth:.2f}x wall (target <= 1.5x), {cpu:.2f}x CPU "
              f"({results[big]['check']['cpu']:.3f} / {results[small]['check']['cpu']:.3f} s, all processes: "
              f"read this one on a loaded machine); peak RSS "
              f"{results[big]['check']['rss_mib']:.0f} / {results[small]['check']['rss_mib']:.0f} MiB")


def _stderr(command: str, folder: Path, env: dict) -> list[str]:
    from common import measure

    return measure(command, folder, env)["err"].splitlines()


if __name__ == "__main__":
    main()
