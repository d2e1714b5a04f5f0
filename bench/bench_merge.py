"""Benchmark: conflicts of plain git vs `esc merge-driver` on one generated corpus of concurrent edits.

Each pair is one CSM's pull-request branch (an `esc log`, a plan step, a status, severity or
root-cause change, a stakeholder) against the sync's commit on main (appended replies and
timeline entries, machine fields, a new ticket) or a second CSM, all written with the
product's own writers (tests/support/edits.py). Both runs merge the same pairs with real
`git merge`; only the second has the driver registered. Also counted: conflicts no person
caused (the driver's target is 0: only the same human key or line changed two ways), lost
lines, and the time per merge (median) against plain git's as the floor.

    python bench/bench_merge.py              # 240 pairs, seed 13
    python bench/bench_merge.py -n 60 --seed 7

Prints numbers and ratios; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from escalation_desk import gitrepo  # noqa: E402
from support.edits import MergeRepo, corpus  # noqa: E402


def lost_lines(base: str, ours: str, theirs: str, result: str) -> int:
    """Lines both sides kept, or one side wrote, that the result does not have (front-matter
    lines of a key both sides changed excepted: only one value can win)."""
    import difflib

    kept = set(result.splitlines())

    def added(side: str) -> list[str]:
        a, b = base.splitlines(), side.splitlines()
        return [ln for op, _, _, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
                if op in ("insert", "replace") for ln in b[j1:j2]]
    mine, yours = added(ours), added(theirs)
    keys = lambda lines: {ln.split(":", 1)[0] for ln in lines if ":" in ln}  # noqa: E731
    both = keys(mine) & keys(yours)
    wanted = [ln for ln in mine + yours if ln.split(":", 1)[0] not in both]
    wanted += [ln for ln in base.splitlines() if ln in ours.splitlines() and ln in theirs.splitlines()]
    return sum(1 for ln in wanted if ln not in kept)


def run(pairs, driver: str | None, folder: Path) -> dict:
    repo = MergeRepo(folder, driver)
    conflicts = unexplained = lost = 0
    times = []
    for pair in pairs:
        texts = pair.texts()
        started = time.perf_counter()
        clean, result = repo.merge(pair.path, *texts)
        times.append(time.perf_counter() - started)
        if not clean:
            conflicts += 1
            unexplained += not pair.same_human_line_two_ways()
        else:
            lost += lost_lines(*texts, result)
    return {"conflicts": conflicts, "unexplained": unexplained, "lost": lost, "median": statistics.median(times)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=240)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    pairs = corpus(args.n, args.seed)
    human = sum(1 for p in pairs if p.same_human_line_two_ways())
    with_sync = sum(1 for p in pairs if p.theirs_is_sync)
    print(f"{len(pairs)} pairs ({with_sync} CSM vs sync, {len(pairs) - with_sync} CSM vs CSM); "
          f"{human} change the same human key or line two ways")
    with tempfile.TemporaryDirectory() as tmp:
        plain = run(pairs, None, Path(tmp) / "plain")
        driver = run(pairs, gitrepo.driver_command(), Path(tmp) / "driver")
    for name, found in (("plain git", plain), ("esc merge-driver", driver)):
        print(f"{name:17} {found['conflicts']:4}/{len(pairs)} conflicts ({found['unexplained']} no person caused), "
              f"{found['lost']} lost lines in clean merges, median {found['median'] * 1000:.0f} ms per merge")
    print(f"driver time per merge: {driver['median'] / plain['median']:.2f}x plain git's")


if __name__ == "__main__":
    main()
