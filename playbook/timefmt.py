"""The product's one way to write and read a moment.

Every file the product writes (documents, index.json, sync state, JSON output) uses
``iso`` (``2026-11-26T14:05:00Z``); every line a person reads uses ``utc_text``
(``2026-11-26 14:05 UTC``). ``parse_iso`` reads both ``Z`` and offsets and answers UTC.
"""

from __future__ import annotations

from datetime import datetime, timezone


def iso(moment: datetime | None) -> str | None:
    """``2026-11-26T14:05:00Z``; ``None`` stays ``None``."""
    if moment is None:
        return None
    utc = moment.astimezone(timezone.utc)
    if moment.tzinfo is None or not 1000 <= utc.year:   # strftime's own (local time; its unpadded years)
        return utc.strftime("%Y-%m-%dT%H:%M:%SZ")
    # The same text without strftime (a whole-repository command writes ~15 a document).
    return f"{utc.year}-{utc.month:02d}-{utc.day:02d}T{utc.hour:02d}:{utc.minute:02d}:{utc.second:02d}Z"


def parse_iso(text: object) -> datetime | None:
    """An ISO 8601 moment (``Z`` or an offset) as an aware UTC datetime; empty → ``None``."""
    if text is None or text == "":
        return None
    if isinstance(text, datetime):
        return text.astimezone(timezone.utc)
    return datetime.fromisoformat(str(text).replace("Z", "+00:00")).astimezone(timezone.utc)


def utc_text(moment: datetime) -> str:
    """``2026-11-26 14:05 UTC``: how entry lines and messages show a moment (``strftime("%Y-%m-%d
    %H:%M UTC")``, faster)."""
    utc = moment.astimezone(timezone.utc)
    if moment.tzinfo is None or not 1000 <= utc.year:   # strftime's own (local time; its unpadded years)
        return utc.strftime("%Y-%m-%d %H:%M UTC")
    return f"{utc.year}-{utc.month:02d}-{utc.day:02d} {utc.hour:02d}:{utc.minute:02d} UTC"
