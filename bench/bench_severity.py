"""Benchmark: severity over the labelled corpus (tests/severity/corpus).

Prints, for the tuning part and the held-aside part (20%, by id hash, never used to tune):
exact-match, the confusion matrix, and the two safety counts the targets name — SEV-1
tickets classified SEV-3/4 and SEV-4 tickets classified SEV-1/2 — for the product's result
(the rules, raised by the text model's reading as a proposal), the rules alone and the text
model alone, and the CPU time per ticket of each. Misclassified tickets are listed for the
tuning part only (the held-aside part shows only its numbers).

    python bench/bench_severity.py                      # product, rules, text model
    python bench/bench_severity.py --corpus DIR         # an outside folder of ticket YAML: counts only
    python bench/bench_severity.py --linear             # also a scikit-learn model on the raw text
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from support.severity_corpus import KEYS, LEVELS, Ticket, load, parts  # noqa: E402

from escalation_desk.playbook.config import Playbook  # noqa: E402
from escalation_desk.playbook.severity import classify_severity  # noqa: E402
from escalation_desk.playbook.impact import assess_impact  # noqa: E402
from escalation_desk.playbook.impact_config import ImpactSettings, TextModelSettings  # noqa: E402
from escalation_desk.playbook.impact_linear import shipped  # noqa: E402

TARGET_EXACT = 0.90


def text_of(ticket: Ticket) -> str:
    return f"{ticket.subject}\n{ticket.body}"


RULES_ONLY = Playbook(impact=ImpactSettings(text_model=TextModelSettings(enabled=False)))


def rules_predict(tickets: list[Ticket]) -> list[str]:
    """What the rules alone decide (the priority is passed too: it must change nothing)."""
    return [classify_severity(RULES_ONLY, text_of(t), (), t.priority, t.title).severity for t in tickets]


def model_predict(tickets: list[Ticket]) -> list[str]:
    return [shipped().read(text_of(t), t.title).severity for t in tickets]


def product_predict(tickets: list[Ticket]) -> list[str]:
    """What the product decides: the rules, raised by the text model's reading."""
    playbook = Playbook()
    return [classify_severity(playbook, text_of(t), (), t.priority, t.title).severity for t in tickets]


PREDICTORS = (("product (rules + text model)", product_predict), ("rules alone", rules_predict),
              ("text model alone", model_predict))


def timed(predict, tickets: list[Ticket]) -> tuple[list[str], float]:
    """(predictions, CPU ms per ticket)."""
    predict(tickets[:5])        # warm: the model file and the rules' patterns are read once per process
    started = time.process_time()
    predicted = predict(tickets)
    return predicted, (time.process_time() - started) * 1000 / max(1, len(tickets))


def confusion(tickets: list[Ticket], predicted: list[str]) -> dict[tuple[str, str], int]:
    table = {(a, b): 0 for a in LEVELS for b in LEVELS}
    for ticket, got in zip(tickets, predicted):
        table[(ticket.expected, got)] += 1
    return table


def report(name: str, tickets: list[Ticket], predicted: list[str], show_misses: bool = False) -> dict[str, float]:
    table = confusion(tickets, predicted)
    exact = sum(table[(a, a)] for a in LEVELS) / max(1, len(tickets))
    missed_sev1 = table[("SEV-1", "SEV-3")] + table[("SEV-1", "SEV-4")]
    false_alarm = table[("SEV-4", "SEV-1")] + table[("SEV-4", "SEV-2")]
    print(f"\n== {name}: {len(tickets)} tickets, exact {exact:.1%} (target ≥ {TARGET_EXACT:.0%}), "
          f"SEV-1 at SEV-3/4: {missed_sev1} (target 0), SEV-4 at SEV-1/2: {false_alarm} (target 0)")
    print("expected \\ got  " + "  ".join(f"{b:>5}" for b in LEVELS))
    for a in LEVELS:
        print(f"{a:>14}  " + "  ".join(f"{table[(a, b)]:>5}" for b in LEVELS))
    if show_misses:
        for ticket, got in zip(tickets, predicted):
            if got != ticket.expected:
                print(f"  {ticket.id}: expected {ticket.expected}, got {got} — {ticket.subject}")
    met = exact >= TARGET_EXACT and missed_sev1 == 0 and false_alarm == 0
    print(f"targets {'MET' if met else 'NOT met'}")
    return {"exact": exact, "missed_sev1": missed_sev1, "false_alarm": false_alarm}


def debug(ids: list[str], show_text: bool = False) -> None:
    """Signals and answers for tuning-part tickets (held-aside ones are never shown)."""
    tune, _ = parts(load())
    settings = ImpactSettings()
    for ticket in (t for t in tune if t.id in ids or "all-misses" in ids):
        result = assess_impact(settings, text_of(ticket), ticket.title)
        if "all-misses" in ids and result.severity == ticket.expected:
            continue
        print(f"{ticket.id} expected {ticket.expected}: {result.explain()}")
        if show_text:
            print(f"    title: {ticket.title!r}\n    why: {ticket.why}\n    " + text_of(ticket).replace("\n", "\n    "))


def score_parts(parts_: list[tuple[str, list[Ticket], bool]]) -> None:
    """Every predictor over every part; misses only where the part allows it (tuning)."""
    cost = {}
    for name, predict in PREDICTORS:
        for part, tickets, misses in parts_:
            predicted, ms = timed(predict, tickets)
            cost[name] = cost.get(name, 0.0) + ms * len(tickets)
            report(f"{name}, {part}", tickets, predicted, misses)
    count = sum(len(tickets) for _, tickets, _ in parts_)
    print("\nCPU per ticket: " + ", ".join(f"{name} {ms / count:.2f} ms" for name, ms in cost.items()))


def outside(folder: Path) -> None:
    """An outside folder of tickets (same YAML format): counts and confusion matrices only."""
    try:
        tickets = load(folder)
    except (OSError, ValueError) as error:
        raise SystemExit(f"{folder}: not a corpus folder ({type(error).__name__}); each *.yaml holds a list of "
                         f"tickets with {sorted(KEYS)}")
    if not tickets:
        raise SystemExit(f"{folder}: no *.yaml tickets")
    score_parts([(folder.name, tickets, False)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, metavar="DIR",
                        help="score an outside folder of ticket YAML files (counts and matrices only, never tickets)")
    parser.add_argument("--linear", action="store_true", help="also train and score a scikit-learn model on raw text")
    parser.add_argument("--misses", action="store_true", help="list the tuning part's misclassified tickets")
    parser.add_argument("--tuning-only", action="store_true", help="score the tuning part only (while tuning)")
    parser.add_argument("--explain", nargs="*", default=[], metavar="ID",
                        help="signals of tuning-part tickets (all-misses: every misclassified one)")
    parser.add_argument("--text", action="store_true", help="with --explain: also the ticket's words and label reason")
    args = parser.parse_args()
    if args.corpus:
        return outside(args.corpus)
    if args.explain:
        return debug(args.explain, args.text)
    tune, held = parts(load())
    score_parts([("tuning part", tune, args.misses)] + ([] if args.tuning_only else [("held-aside part", held, False)]))
    if args.linear:
        from bench_severity_linear import compare  # noqa: PLC0415 (optional dependency)
        compare(tune, held, text_of, rules_predict, report)


if __name__ == "__main__":
    main()
