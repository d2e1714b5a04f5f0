"""The labelled severity corpus (tests/severity/corpus/*.yaml) and its fixed held-aside split.

The split is a hash of each ticket's id, so it never changes when tickets are added, and
it is decided before (and apart from) anything the impact model does: 20% of tickets are
held aside and never used to tune the rules.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml

CORPUS = Path(__file__).resolve().parents[1] / "severity" / "corpus"
LEVELS = ("SEV-1", "SEV-2", "SEV-3", "SEV-4")
KEYS = {"id", "expected", "priority", "title", "subject", "body", "why"}


@dataclass(frozen=True)
class Ticket:
    id: str
    subject: str
    body: str
    priority: str
    title: str
    expected: str
    why: str

    @property
    def held_aside(self) -> bool:
        return is_held_aside(self.id)


def is_held_aside(ticket_id: str) -> bool:
    """One ticket in five, by a hash of its id (stable, independent of the model)."""
    return int(hashlib.sha256(ticket_id.encode()).hexdigest()[:8], 16) % 5 == 0


def load(folder: Path = CORPUS) -> list[Ticket]:
    tickets: list[Ticket] = []
    seen: set[str] = set()
    for path in sorted(folder.glob("*.yaml")):
        for number, item in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")) or [], 1):
            if set(item) != KEYS or item["expected"] not in LEVELS or item["id"] in seen:
                raise ValueError(f"{path.name}: ticket {number} ({item.get('id')}): needs exactly {sorted(KEYS)}, "
                                 f"a level in {LEVELS} and a unique id")
            seen.add(item["id"])
            tickets.append(Ticket(**{k: str(v) for k, v in item.items()}))
    return tickets


def parts(tickets: list[Ticket]) -> tuple[list[Ticket], list[Ticket]]:
    """(tuning, held_aside)."""
    return [t for t in tickets if not t.held_aside], [t for t in tickets if t.held_aside]
