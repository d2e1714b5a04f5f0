"""Benchmark: start-up. `esc check FILE` (one document) and `esc --version` against the floor
`python -c "import yaml"`, round-robin, each a fresh process; plus which heavy modules
`esc check FILE` imports (it should import no vendor SDK, rich, jinja2, GitPython).

    python bench/bench_startup.py              # 15 rounds
    python bench/bench_startup.py --rounds 30

Target (issue #17): `esc check FILE` within 3x the floor. Prints medians and ratios; asserts nothing.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from common import ESC, NOW, document, interleaved, workspace

HEAVY = ("zenpy", "simple_salesforce", "github", "git", "rich", "jinja2", "requests", "holidays", "pydantic")


def imported_modules(cmd: list[str]) -> set[str]:
    """Top-level modules a command imports (python -X importtime)."""
    done = subprocess.run([sys.executable, "-X", "importtime", *cmd[1:]], capture_output=True, text=True)
    names = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    with workspace() as work:
        (work / "escalations").mkdir()
        name, text = document(1)
        path = work / "escalations" / name
        path.write_text(text, encoding="utf-8")
        check = ESC + ["--repo", str(work), "--now", NOW, "check", str(path)]
        found = interleaved({"floor": ([sys.executable, "-c", "import yaml"], work, None),
                             "esc check FILE": (check, work, None),
                             "esc --version": (ESC + ["--version"], work, None)}, args.rounds)
        floor = found["floor"]["wall"]
        print("| command | median wall | floor (`python -c \"import yaml\"`) | wall ratio | target | CPU ratio |\n"
              "|---|---:|---:|---:|---|---:|")
        for name in ("esc check FILE", "esc --version"):
            ratio = found[name]["wall"] / floor
            print(f"| {name} | {found[name]['wall'] * 1000:.0f} ms | {floor * 1000:.0f} ms | {ratio:.2f}× | "
                  + ("≤ 3× " + ("met" if ratio <= 3 else "NOT met") if name == "esc check FILE" else "—")
                  + f" | {found[name]['cpu'] / found['floor']['cpu']:.2f}× |")
        heavy = sorted(imported_modules(check) & set(HEAVY))
        print(f"\nheavy modules on the path of `esc check FILE`: {', '.join(heavy) or 'none'}")


if __name__ == "__main__":
    main()
