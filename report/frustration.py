"""Prevention signal, kept apart from severity: frustration building on tickets that are
not escalated, for proactive CSM outreach.

The customer's own public messages on a thread are scored with VADER (vaderSentiment, a
maintained lexicon shipped inside the package: nothing is downloaded); a thread whose
sentiment falls by ``drop`` or more from the first to the last message, ending below
``below``, is on the watch list. Nothing here reads or changes severity.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from escalation_desk.connectors.records import Comment, Ticket

MAX_CHARS = 2000          # a pasted log is not a feeling


@dataclass(frozen=True)
class Watch:
    ticket_id: int
    subject: str
    organization_id: int | None
    scores: tuple[float, ...]       # VADER compound per customer message, oldest first

    @property
    def change(self) -> float:
        return self.scores[-1] - self.scores[0]


@lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def sentiment(text: str) -> float:
    """VADER's compound score, -1 (most negative) … +1."""
    return float(_analyzer().polarity_scores(text[:MAX_CHARS])["compound"])


def customer_messages(ticket: Ticket, comments: Iterable[Comment]) -> list[str]:
    said = sorted((c for c in comments if c.public and c.author_id == ticket.requester_id), key=lambda c: c.created_at)
    return [c.body for c in said] or [ticket.description]


def watchlist(tickets: Iterable[Ticket], comments: dict[int, list[Comment]], *, drop: float = 0.5,
              below: float = -0.2) -> list[Watch]:
    """Threads where the customer's tone is souring, worst change first."""
    found = []
    for ticket in tickets:
        scores = tuple(round(sentiment(text), 3) for text in customer_messages(ticket, comments.get(ticket.id, [])))
        if len(scores) >= 2 and scores[-1] - scores[0] <= -drop and scores[-1] <= below:
            found.append(Watch(ticket.id, ticket.subject, ticket.organization_id, scores))
    return sorted(found, key=lambda w: (w.change, w.ticket_id))
