"""Apprise: the one maintained library behind every notification channel (Slack, Microsoft
Teams, Mattermost, email, generic JSON webhooks and many more), the only module that imports it.

A channel's URLs come from one environment variable (several separated by spaces or
commas); they are secrets (webhook tokens, SMTP passwords) and never appear in what this
module returns. Email URLs (``mailto://``, ``mailtos://``) are addressed to the
recipients who have an email address in the roster. Apprise works offline: it needs no
account and downloads nothing.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Mapping
from urllib.parse import urlencode

import apprise

from .env import redacted_excerpt

_SPLIT = re.compile(r"[\s,]+")
_EMAIL = ("mailto://", "mailtos://")


@dataclass(frozen=True)
class Delivery:
    ok: bool
    error: str = ""           # why not, redacted, one line


def channel_urls(variable: str, environ: Mapping[str, str]) -> list[str]:
    return [u for u in _SPLIT.split(environ.get(variable, "").strip()) if u]


def _addressed(url: str, emails: list[str]) -> str:
    if not url.startswith(_EMAIL) or not emails:
        return url
    return url + ("&" if "?" in url else "?") + urlencode({"to": ",".join(emails)})


def send(urls: list[str], title: str, body: str, emails: list[str] = ()) -> Delivery:  # type: ignore[assignment]
    """Send one message to every URL; ok only when every one of them took it."""
    asset = apprise.AppriseAsset(app_id="Escalation Desk", app_desc="Escalation Desk", image_url_mask=None)
    client = apprise.Apprise(asset=asset)
    for url in urls:
        if not client.add(_addressed(url, list(emails))):
            return Delivery(False, f"not an Apprise URL (scheme {url.split('://', 1)[0]!r})")
    with apprise.LogCapture(level=logging.WARNING, fmt="%(message)s") as log:
        ok = bool(client.notify(title=title, body=body, body_format=apprise.NotifyFormat.TEXT))
        captured = log.getvalue()
    if ok:
        return Delivery(True)
    lines = [line.strip() for line in captured.splitlines() if line.strip()]
    reason = lines[-1] if lines else "delivery failed"
    secrets = tuple(urls) + tuple(part for u in urls for part in re.split(r"[/:@?&=]", u) if len(part) >= 8)
    return Delivery(False, redacted_excerpt(reason, secrets, 300))
