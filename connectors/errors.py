"""How a connector says a source failed: still a DeskError (one clear line), plus which
service it was, so the sync can decide between failing and keeping stale facts."""

from __future__ import annotations

from escalation_desk.errors import DeskError


class SourceError(DeskError):
    """A source refused us or could not be reached (after the retries the budget allows)."""

    def __init__(self, service: str, message: str, *, hint: str | None = None) -> None:
        self.service = service
        super().__init__(f"{service}: {message}", hint=hint)
