"""Benchmark: `esc demo` (the README's first command) against two floors measured in the same run:
`python -c "import yaml"` (a Python start) and one `esc sync` of the plain sandbox into a fresh
repository (what the demo did before its people acted: one sync, no morning).

    python bench/bench_demo.py                 # 5 rounds, 240 tickets
    python bench/bench_demo.py --rounds 9 --tickets 60

The demo runs two syncs and the people's ~20 commits; read the ratio to the one-sync floor.
Prints medians and ratios; asserts nothing.
"""

from __future__ import annotations

import argparse
import sys

from common import ESC, NOW, interleaved, workspace

ONE_SYNC = """
import subprocess, sys, tempfile, pathlib
from escalation_desk.sandbox import Sandbox
from escalation_desk.sandbox.dataset import DEFAULT_NOW
from escalation_desk.demo.run import DemoSource, run_demo
with Sandbox(tickets=int(sys.argv[1]), now=DEFAULT_NOW) as sandbox:
    run_demo(DemoSource(sandbox.env, sandbox.dataset.now, sandbox.dataset.roster),
             pathlib.Path(tempfile.mkdtemp(prefix="esc-bench-sync-")) / "repo")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--tickets", type=int, default=240)
    args = parser.parse_args()
    with workspace() as work:
        tickets = str(args.tickets)
        found = interleaved({
            "floor": ([sys.executable, "-c", "import yaml"], work, None),
            "one sync (no people)": ([sys.executable, "-c", ONE_SYNC, tickets], work, None),
            "esc demo": (ESC + ["--now", NOW, "demo", "--tickets", tickets], work, None),
        }, args.rounds)
    sync = found["one sync (no people)"]
    print(f"| command ({args.tickets} tickets) | median wall | CPU | ratio to one sync (wall / CPU) | peak RSS |\n"
          "|---|---:|---:|---:|---:|")
    for name in ("floor", "one sync (no people)", "esc demo"):
        r = found[name]
        print(f"| {name} | {r['wall']:.2f} s | {r['cpu']:.2f} s | {r['wall'] / sync['wall']:.2f}× / "
              f"{r['cpu'] / sync['cpu']:.2f}× | {r['rss_mib']:.0f} MiB |")


if __name__ == "__main__":
    main()
