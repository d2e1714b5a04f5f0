"""Benchmark: start-up. `esc check FILE` (one document; without a config file, and with the
example roster's escalations.toml) and `esc --version` against the floor
`python -c "import yaml"`, round-robin, each a fresh process; plus where `esc check FILE`'s
import time goes (python -X importtime, self time summed per package, median of the runs)
and which heavy modules it imports (it should import no vendor SDK, rich, jinja2, GitPython).

The user cache folder (holiday dates) is the run's own: one cold `esc check FILE` fills it
(its wall is printed apart), the rounds then run warm, as every run after a person's first.

    python bench/bench_startup.py              # 15 rounds
    python bench/bench_startup.py --rounds 30

Target (issue #17): `esc check FILE` within 3x the floor. Prints medians, ratios and peak
RSS; asserts nothing. On a loaded machine read the instruction counts (valgrind's callgrind,
when installed: the same on a busy machine as on a quiet one), the CPU ratio and the import
breakdown.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
from collections import Counter
from pathlib import Path

from common import ESC, NOW, document, interleaved, measure, workspace

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("zenpy", "simple_salesforce", "github", "git", "rich", "jinja2", "requests", "holidays", "pydantic",
         "apprise", "dateparser", "vaderSentiment", "rapidfuzz")


def import_times(cmd: list[str], env: dict[str, str], rounds: int) -> tuple[Counter, set[str]]:
    """Median self import time (ms) per package (ours per room), and the top-level modules imported."""
    samples: list[Counter] = []
    names: set[str] = set()
    for _ in range(rounds):
        done = subprocess.run([sys.executable, "-X", "importtime", *cmd[1:]], capture_output=True, text=True,
                              env={**os.environ, **env})
        found: Counter = Counter()
        for line in done.stderr.splitlines():
            if not line.startswith("import time:") or "self [us]" in line:
                continue
            self_us, _, name = line.removeprefix("import time:").split("|")
            parts = name.strip().split(".")
            names.add(parts[0])
            found[".".join(parts[:2]) if parts[0] == "escalation_desk" else parts[0]] += int(self_us) / 1000
        samples.append(found)
    keys = set().union(*samples)
    return Counter({k: statistics.median(s.get(k, 0.0) for s in samples) for k in keys}), names


def instructions(cmd: list[str], env: dict[str, str]) -> int | None:
    """Instructions the command executes (valgrind's callgrind, `Ir`): a cost the machine's
    load does not change, unlike wall and CPU time. None without valgrind."""
    if shutil.which("valgrind") is None:
        return None
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
                          capture_output=True, text=True, env={**os.environ, **env})
    found = [line.rsplit(":", 1)[1] for line in done.stderr.splitlines() if "Collected :" in line]
    return int(found[-1]) if found else None


def instruction_ratios(commands: dict[str, list[str]], env: dict[str, str]) -> None:
    counts = {name: instructions(cmd, env) for name, cmd in commands.items()}
    if counts["floor"] is None:
        print("\n(no valgrind: instruction counts skipped)")
        return
    print("\ninstructions executed (valgrind callgrind, load-independent): "
          + ", ".join(f"{name} {count / 1e6:.0f} M = {count / counts['floor']:.2f}×"
                      for name, count in counts.items() if count))


def table(found: dict[str, dict], floor: dict) -> None:
    print("| command | median wall | floor (`python -c \"import yaml\"`) | wall ratio | target | CPU ratio "
          "| peak RSS | spread |\n|---|---:|---:|---:|---|---:|---:|---:|")
    for name, result in found.items():
        if name == "floor":
            continue
        ratio = result["wall"] / floor["wall"]
        target = ("≤ 3× " + ("met" if ratio <= 3 else "NOT met")) if name.startswith("esc check") else "—"
        print(f"| {name} | {result['wall'] * 1000:.0f} ms | {floor['wall'] * 1000:.0f} ms | {ratio:.2f}× | {target} "
              f"| {result['cpu'] / floor['cpu']:.2f}× | {result['rss_mib']:.0f} MiB | ±{result['spread'] * 50:.0f}% |")
    print(f"| floor | {floor['wall'] * 1000:.0f} ms | | 1.00× | | 1.00× | {floor['rss_mib']:.0f} MiB "
          f"| ±{floor['spread'] * 50:.0f}% |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--no-instructions", action="store_true", help="skip the valgrind instruction counts")
    args = parser.parse_args()
    # Every run reads its modules' cached bytecode, as an installed esc does: with
    # PYTHONDONTWRITEBYTECODE set, a module edited since its .pyc was written would be compiled
    # again in every run (a third of `esc check FILE` for a handful of edited files).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    with workspace() as work:
        plain, configured = work / "plain", work / "configured"
        for repo in (plain, configured):
            (repo / "escalations").mkdir(parents=True)
        name, text = document(1)
        for repo in (plain, configured):
            (repo / "escalations" / name).write_text(text, encoding="utf-8")
        shutil.copyfile(ROOT / "escalations.toml", configured / "escalations.toml")
        env = {"XDG_CACHE_HOME": str(work / "cache")}
        check = ESC + ["--repo", str(plain), "--now", NOW, "check", str(plain / "escalations" / name)]
        check_config = ESC + ["--repo", str(configured), "--now", NOW, "check",
                              str(configured / "escalations" / name)]
        cold = measure(check, work, env)
        load = os.getloadavg()
        found = interleaved({"floor": ([sys.executable, "-c", "import yaml"], work, env),
                             "esc check FILE": (check, work, env),
                             "esc check FILE (escalations.toml)": (check_config, work, env),
                             "esc --version": (ESC + ["--version"], work, env)}, args.rounds)
        load = [round(max(a, b), 1) for a, b in zip(load, os.getloadavg())]
        print(f"load average (1/5/15 min, the higher of before/after): {load[0]} / {load[1]} / {load[2]}\n")
        table(found, found["floor"])
        print(f"\nfirst `esc check FILE` with an empty user cache (computes the holiday dates): "
              f"{cold['wall'] * 1000:.0f} ms")
        times, names = import_times(check, env, max(3, args.rounds // 3))
        floor_times, _ = import_times([sys.executable, "-c", "import yaml"], env, max(3, args.rounds // 3))
        print(f"\nimport time of `esc check FILE` (self, median, ms): total {sum(times.values()):.0f} "
              f"(floor's {sum(floor_times.values()):.0f}); largest: "
              + ", ".join(f"{k} {v:.1f}" for k, v in times.most_common(14)))
        heavy = sorted(names & set(HEAVY))
        print(f"heavy modules on the path of `esc check FILE`: {', '.join(heavy) or 'none'}")
        if not args.no_instructions:
            instruction_ratios({"floor": [sys.executable, "-c", "import yaml"], "esc check FILE": check,
                                "esc check FILE (escalations.toml)": check_config,
                                "esc --version": ESC + ["--version"]}, env)


if __name__ == "__main__":
    main()
