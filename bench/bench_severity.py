"""Benchmark: the impact model over the labelled corpus (tests/severity/corpus).

Prints, for the tuning part and the held-aside part (20%, by id hash, never used to tune):
exact-match, the confusion matrix, and the two safety counts the targets name — SEV-1
tickets classified SEV-3/4 and SEV-4 tickets classified SEV-1/2. Misclassified tickets are
listed for the tuning part only (the held-aside part shows only its numbers).

    python bench/bench_severity.py            # rules
    python bench/bench_severity.py --linear   # also a scikit-learn linear model, if installed
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from support.severity_corpus import LEVELS, Ticket, load, parts  # noqa: E402

from escalation_desk.playbook.config import Playbook  # noqa: E402
from escalation_desk.playbook.severity import classify_severity  # noqa: E402
from escalation_desk.playbook.impact import assess_impact  # noqa: E402
from escalation_desk.playbook.impact_config import ImpactSettings  # noqa: E402

TARGET_EXACT = 0.90


def text_of(ticket: Ticket) -> str:
    return f"{ticket.subject}\n{ticket.body}"


def rules_predict(tickets: list[Ticket]) -> list[str]:
    """What the product decides (the priority is passed too: it must change nothing)."""
    playbook = Playbook()
    return [classify_severity(playbook, text_of(t), (), t.priority, t.title).severity for t in tickets]


def confusion(tickets: list[Ticket], predicted: list[str]) -> dict[tuple[str, str], int]:
    table = {(a, b): 0 for a in LEVELS for b in LEVELS}
    for ticket, got in zip(tickets, predicted):
        table[(ticket.expected, got)] += 1
    return table


def report(name: str, tickets: list[Ticket], predicted: list[str], show_misses: bool) -> dict[str, float]:
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--linear", action="store_true", help="also train and score a scikit-learn linear model")
    parser.add_argument("--misses", action="store_true", help="list the tuning part's misclassified tickets")
    parser.add_argument("--tuning-only", action="store_true", help="score the tuning part only (while tuning)")
    parser.add_argument("--explain", nargs="*", default=[], metavar="ID",
                        help="signals of tuning-part tickets (all-misses: every misclassified one)")
    parser.add_argument("--text", action="store_true", help="with --explain: also the ticket's words and label reason")
    args = parser.parse_args()
    if args.explain:
        return debug(args.explain, args.text)
    tune, held = parts(load())
    started = time.perf_counter()
    report("rules, tuning part", tune, rules_predict(tune), args.misses)
    if not args.tuning_only:
        report("rules, held-aside part", held, rules_predict(held), False)
    per_ticket = (time.perf_counter() - started) / (len(tune) + len(held))
    print(f"\nrules: {per_ticket * 1000:.2f} ms per ticket")
    if args.linear:
        from bench_severity_linear import compare  # noqa: PLC0415 (optional dependency)
        compare(tune, held, text_of, rules_predict, report)


if __name__ == "__main__":
    main()
