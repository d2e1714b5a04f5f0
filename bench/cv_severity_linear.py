"""k-fold cross-validation of the text model and its combination with the rules, on the
corpus's TUNING part only (held-aside tickets are never read here).

    python bench/cv_severity_linear.py             # CV numbers and the raise_at x max_raise grid
    python bench/cv_severity_linear.py --folds 10

Each tuning ticket is scored by a model trained on the other folds (a ticket's fold never
trains the model that scores it; folds by a hash of the id). The rules were tuned on these
tickets, so their in-sample score is optimistic; a second, honest view uses **fresh** rules:
for each field-batch ticket, the rules as they were on main before that batch existed
(34feef5 before batch 1, 25d2f57 before batch 2, deed452 before the fresh batch — `git archive` into a temp dir, run in a
subprocess), i.e. out-of-sample for both the rules and the model.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from support.severity_corpus import LEVELS, Ticket, load, parts  # noqa: E402
from train_severity_linear import text_of, train  # noqa: E402

from escalation_desk.playbook.config import Playbook  # noqa: E402
from escalation_desk.playbook.impact_config import TextModelSettings  # noqa: E402
from escalation_desk.playbook.impact_linear import LinearModel, TextReading  # noqa: E402
from escalation_desk.playbook.severity import classify_severity, raised  # noqa: E402

BEFORE_BATCH = ("34feef5", "25d2f57", "deed452")   # main before field batch 1 / before tuning on batch 2 / before the fresh batch
_OLD_RULES = """import json, sys
from escalation_desk.playbook.config import Playbook
from escalation_desk.playbook.severity import classify_severity
p = Playbook()
print(json.dumps({t["id"]: classify_severity(p, t["text"], (), None, t["title"]).severity for t in json.load(sys.stdin)}))
"""


def fold_of(ticket: Ticket, folds: int) -> int:
    return int(hashlib.sha256(f"fold:{ticket.id}".encode()).hexdigest()[:8], 16) % folds


def cross_readings(tune: list[Ticket], folds: int) -> dict[str, TextReading]:
    readings = {}
    for k in range(folds):
        model = LinearModel.from_json(train([t for t in tune if fold_of(t, folds) != k]))
        readings |= {t.id: model.read(text_of(t), t.title) for t in tune if fold_of(t, folds) == k}
    return readings


def rules_now(tickets: list[Ticket]) -> dict[str, str]:
    playbook = Playbook()
    return {t.id: classify_severity(playbook, text_of(t), (), None, t.title).rules_severity for t in tickets}


def rules_at(commit: str, tickets: list[Ticket]) -> tuple[set[str], dict[str, str]]:
    """(ids in that commit's corpus, the commit's rules on ``tickets``)."""
    with tempfile.TemporaryDirectory() as tmp:
        package = Path(tmp) / "escalation_desk"
        package.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit], capture_output=True, check=True).stdout
        with tarfile.open(fileobj=__import__("io").BytesIO(archive)) as tar:
            tar.extractall(package, filter="data")
        seen = {t.id for t in load(package / "tests" / "severity" / "corpus")}
        fresh = [{"id": t.id, "text": text_of(t), "title": t.title} for t in tickets if t.id not in seen]
        out = subprocess.run([sys.executable, "-c", _OLD_RULES], input=json.dumps(fresh), capture_output=True,
                             text=True, check=True, cwd=tmp, env={"PYTHONPATH": tmp, "PATH": "/usr/bin:/bin"})
        return seen, json.loads(out.stdout)


def fresh_rules(tune: list[Ticket]) -> dict[str, str]:
    """Each field-batch ticket scored by the last rules that had not seen it."""
    found: dict[str, str] = {}
    for commit in BEFORE_BATCH:
        _, predicted = rules_at(commit, tune)
        found |= predicted            # the later commit (fewer unseen tickets) overrides
    return found


def counts(pairs: list[tuple[str, str]]) -> tuple[float, int, int]:
    """(exact, SEV-1 at SEV-3/4, SEV-4 at SEV-1/2) over (expected, got) pairs."""
    exact = sum(a == b for a, b in pairs) / max(1, len(pairs))
    return exact, sum(a == "SEV-1" and b in ("SEV-3", "SEV-4") for a, b in pairs), \
        sum(a == "SEV-4" and b in ("SEV-1", "SEV-2") for a, b in pairs)


def cost(pairs: list[tuple[str, str]]) -> float:
    """What the choice minimises: every error 1, a SEV-1 at SEV-3/4 10 more, a SEV-4 at SEV-1/2 3 more
    (a missed SEV-1 costs far more than a false alarm; a false alarm still costs a leader's night)."""
    exact, missed, alarms = counts(pairs)
    return round((1 - exact) * len(pairs) + 10 * missed + 3 * alarms, 3)


def line(name: str, pairs: list[tuple[str, str]]) -> str:
    exact, missed, alarms = counts(pairs)
    return f"{name:<44} n={len(pairs):>3}  exact {exact:6.1%}  SEV-1@3/4 {missed:>2}  SEV-4@1/2 {alarms:>2}  cost {cost(pairs):>6}"


def combined(tickets: list[Ticket], rules: dict[str, str], readings: dict[str, TextReading],
             settings: TextModelSettings) -> list[tuple[str, str]]:
    return [(t.expected, raised(rules[t.id], readings[t.id], settings)) for t in tickets if t.id in rules]


def grid(tune: list[Ticket], views: dict[str, dict[str, str]], readings: dict[str, TextReading]) -> None:
    print(f"\n{'raise_at':>8} {'max':>3}  " + "  ".join(f"{name:^34}" for name in views))
    best: tuple[float, float, int] | None = None
    for raise_at in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01):
        for max_raise in (1, 2, 3):
            settings = TextModelSettings(raise_at=min(raise_at, 1.0), max_raise=max_raise)
            cells, total = [], 0.0
            for rules in views.values():
                exact, missed, alarms = counts(pairs := combined(tune, rules, readings, settings))
                cells.append(f"{exact:6.1%} miss {missed:>2} alarm {alarms:>2} cost {cost(pairs):>5}")
                total += cost(pairs)
            print(f"{raise_at:>8} {max_raise:>3}  " + "  ".join(cells) + f"  sum {total:g}")
            best = min(best or (total, raise_at, max_raise), (total, raise_at, max_raise))
    print(f"lowest summed cost {best[0]:g}: raise_at {best[1]}, max_raise {best[2]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    tune, _ = parts(load())
    readings = cross_readings(tune, args.folds)
    now, fresh = rules_now(tune), fresh_rules(tune)
    subset = [t for t in tune if t.id in fresh]
    model_pairs = [(t.expected, readings[t.id].severity) for t in tune]
    print(f"{args.folds}-fold CV on the tuning part ({len(tune)} tickets); fresh rules on {len(subset)} field tickets")
    print(line("model alone (CV), all tuning", model_pairs))
    print(line("rules now (in-sample), all tuning", [(t.expected, now[t.id]) for t in tune]))
    print(line("model alone (CV), field tickets", [(t.expected, readings[t.id].severity) for t in subset]))
    print(line("fresh rules (out-of-sample), field tickets", [(t.expected, fresh[t.id]) for t in subset]))
    shipped = Playbook().impact.text_model
    print(line(f"rules now + model {shipped.raise_at}/{shipped.max_raise}, all tuning", combined(tune, now, readings, shipped)))
    print(line(f"fresh rules + model {shipped.raise_at}/{shipped.max_raise}, field", combined(tune, fresh, readings, shipped)))
    grid(tune, {"rules now (in-sample), all tuning": now, "fresh rules, field tickets": fresh}, readings)


if __name__ == "__main__":
    main()
