"""The sync's bookmark, kept in the documents repository (``escalations/.sync-state.json``).

It moves forward only in the same commit as the documents it produced, so the
repository always says both what was synced and from where the next run resumes:

- ``zendesk.cursor`` / ``zendesk.as_of``: where the incremental ticket export resumes;
- ``recent``: tickets of the last repeat window (id, organization, issue field, created, and
  the same-issue signature: problem link, identifiers, subject words), so a third ticket on
  the same issue trips the repeat trigger even when the first two came in earlier runs;
- ``written_back``: per ticket, the tags (and note) last written to Zendesk and the
  ticket's ``updated_at`` after that write, so our own writes are not mistaken for news;
- ``comments_seen``: per ticket, the newest comment already turned into entries, so a line
  a person deleted from a document is not written again;
- ``salesforce_stale_since``: set while Salesforce is down and stale facts are kept;
- ``health_scores``: per Account, its health score whenever a run saw it change (the last
  week, plus the value in force when the week began), for the weekly health-drop trigger.

Written with sorted keys and fixed indentation: the same state is the same bytes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from escalation_desk.errors import DeskError
from escalation_desk.playbook.timefmt import iso, parse_iso  # noqa: F401 - the sync state's moments

from .sameissue import Signature

STATE_PATH = "escalations/.sync-state.json"
SCHEMA = "escalation-desk/sync-state@1"




@dataclass(frozen=True)
class RecentTicket:
    id: int
    organization_id: int | None
    issue: str | None                   # the configured issue field's value, lower case
    created_at: datetime
    problem: int | None = None          # see sameissue.Signature
    identifiers: tuple[str, ...] = ()
    wording: str = ""

    def signature(self) -> Signature:
        return Signature(self.id, self.problem, self.issue, self.identifiers, self.wording)


def _signature_part(extra: list) -> tuple[int | None, tuple[str, ...], str]:
    """The same-issue signature's problem link, identifiers and wording (absent in old states)."""
    if not extra:
        return None, (), ""
    problem, found, words = (list(extra) + [None, [], ""])[:3]
    return (int(problem) if problem is not None else None), tuple(str(i) for i in found or ()), str(words or "")


@dataclass(frozen=True)
class WrittenBack:
    tags: tuple[str, ...]
    note: str | None           # the escalation ID the note links, once written
    updated_at: str | None     # the ticket's updated_at right after our write


@dataclass
class SyncState:
    cursor: str | None = None
    as_of: datetime | None = None
    recent: dict[int, RecentTicket] = field(default_factory=dict)
    written_back: dict[int, WrittenBack] = field(default_factory=dict)
    salesforce_stale_since: datetime | None = None
    comments_seen: dict[int, int] = field(default_factory=dict)
    health_scores: dict[str, list[tuple[str, float]]] = field(default_factory=dict)

    # ------------------------------------------------------------------ io

    @classmethod
    def load(cls, repo: Path) -> "SyncState":
        path = repo / STATE_PATH
        if not path.exists():
            return cls()
        return cls.loads(path.read_text(encoding="utf-8"), str(path))

    @classmethod
    def loads(cls, text: str, where: str = STATE_PATH) -> "SyncState":
        try:
            raw = json.loads(text)
            if raw.get("schema") != SCHEMA:
                raise ValueError(f"unknown schema {raw.get('schema')!r}")
            zendesk = raw.get("zendesk", {})
            recent = {int(r[0]): RecentTicket(int(r[0]), r[1], r[2], parse_iso(r[3]), *_signature_part(r[4:]))
                      for r in raw.get("recent", [])}
            written = {int(k): WrittenBack(tuple(v.get("tags", ())), v.get("note"), v.get("updated_at"))
                       for k, v in raw.get("written_back", {}).items()}
            seen = {int(k): int(v) for k, v in raw.get("comments_seen", {}).items()}
            health = {str(k): [(str(p[0]), float(p[1])) for p in v] for k, v in raw.get("health_scores", {}).items()}
            return cls(zendesk.get("cursor"), parse_iso(zendesk.get("as_of")), recent, written,
                       parse_iso(raw.get("salesforce_stale_since")), seen, health)
        except (ValueError, TypeError, AttributeError, IndexError, KeyError) as exc:
            raise DeskError(f"{where}: the sync state does not parse ({exc})",
                            hint="restore it from git history, or delete it to sync from scratch") from None

    def dumps(self) -> str:
        """JSON with one line per remembered ticket (short diffs, stable order)."""
        def compact(value: object) -> str:
            return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(", ", ": "))

        recent = [compact([r.id, r.organization_id, r.issue, iso(r.created_at)]
                          + ([r.problem, list(r.identifiers), r.wording] if (r.problem or r.identifiers or r.wording)
                             else []))
                  for r in sorted(self.recent.values(), key=lambda r: r.id)]
        written = [f"{compact(str(k))}: " + compact({"tags": list(v.tags), "note": v.note, "updated_at": v.updated_at})
                   for k, v in sorted(self.written_back.items())]
        seen = [f"{compact(str(k))}: {v}" for k, v in sorted(self.comments_seen.items())]
        health = [f"{compact(k)}: " + compact([list(p) for p in v]) for k, v in sorted(self.health_scores.items())]

        def block(items: list[str], open_: str, close: str) -> str:
            return open_ + close if not items else open_ + "\n" + ",\n".join(f"    {i}" for i in items) + f"\n  {close}"

        return "\n".join([
            "{",
            f'  "comments_seen": {block(seen, "{", "}")},',
            *([f'  "health_scores": {block(health, "{", "}")},'] if health else []),
            f'  "recent": {block(recent, "[", "]")},',
            f'  "salesforce_stale_since": {compact(iso(self.salesforce_stale_since))},',
            f'  "schema": {compact(SCHEMA)},',
            f'  "written_back": {block(written, "{", "}")},',
            f'  "zendesk": {compact({"as_of": iso(self.as_of), "cursor": self.cursor})}',
            "}",
        ]) + "\n"

    # ------------------------------------------------------------------ changes

    def remember(self, tickets: list[RecentTicket], now: datetime, window_days: int) -> None:
        """Add tickets to the repeat-window memory and forget those that left the window."""
        for ticket in tickets:
            self.recent[ticket.id] = ticket
        horizon = now - timedelta(days=window_days)
        self.recent = {k: v for k, v in self.recent.items() if v.created_at >= horizon}

    def saw(self, ticket_id: int, comment_ids: list[int]) -> None:
        if comment_ids:
            self.comments_seen[ticket_id] = max([self.comments_seen.get(ticket_id, 0), *comment_ids])

    def copy(self) -> "SyncState":
        return SyncState.loads(self.dumps())
