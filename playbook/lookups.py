"""What the playbook's settings answer, apart from their validation: the methods of the
settings models (:mod:`.config`, :mod:`.impact_config`), as plain mixins.

The pydantic models inherit them, and so do the read-only records of the default
playbook (:mod:`.frozen`, :mod:`.default_playbook`) that `esc check FILE` uses when there
is no configuration file: one body of code answers for both, whichever holds the values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .config import Person, SeverityRule
    from .impact_config import MatrixRow


class PlaybookLookups:
    """The playbook's rules by name: a severity's, a person's, the lints that are errors."""

    def severity(self, name: str) -> SeverityRule:
        return self.severities[name]

    def person(self, name: str | None) -> Person | None:
        if not name:
            return None
        wanted = name.strip().lower()
        for person in self.people:
            if person.name.lower() == wanted:
                return person
        return None

    def people_in(self, role: str) -> list[Person]:
        """The roster's people holding `role` (as the playbook or a document names it)."""
        wanted = self.roles.canonical(role).lower()
        return [p for p in self.people if self.roles.canonical(p.role).lower() == wanted]

    def error_lints(self) -> frozenset[str]:
        return frozenset(self.lints.as_errors)


class RolesLookups:
    """Roles from the most junior to the most senior; the owner-level rule compares positions."""

    def canonical(self, role: str) -> str:
        """The playbook's name for a role as written in a document (case-insensitive aliases)."""
        text = " ".join(role.split())
        return self.aliases.get(text.lower(), text)

    def level(self, role: str) -> int | None:
        canonical = self.same_as.get(role, role)
        lowered = [r.lower() for r in self.levels]
        if canonical.lower() in lowered:
            return lowered.index(canonical.lower())
        return None


class TierDutyLookups:
    """Who a tier brings in: each entry is one role to notify ("A / B": either will do)."""

    def groups(self) -> list[tuple[str, ...]]:
        return [tuple(r.strip() for r in entry.split("/") if r.strip()) for entry in self.notify]

    def roles(self) -> tuple[str, ...]:
        """Every role the tier engages (each side of "A / B"): whom `esc notify` tells."""
        return tuple(role for group in self.groups() for role in group)


class ImpactLookups:
    """The impact matrix's answer to a set of answers."""

    def decide(self, answers: dict[str, bool]) -> MatrixRow:
        """The first row whose every condition holds (an unanswered question counts as no)."""
        return next(row for row in self.matrix
                    if all(answers.get(q, False) == want for q, want in row.when.items()))
