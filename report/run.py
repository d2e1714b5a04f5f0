"""The report's I/O: read the documents and git history, write the README and the HTML page.

Everything else in :mod:`report` is pure; this is the one place that touches files.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial
from pathlib import Path

from escalation_desk.playbook.config import Playbook
from escalation_desk.tracking import store
from escalation_desk.tracking.lean import lean_document
from escalation_desk.tracking.scan import scan

from .facts import Facts, facts_of
from .history import read_history
from .metrics import compute, fold
from .model import Report
from .records import Spool
from .window import window_since

DASHBOARD_NAME = "README.md"
HTML_NAME = "index.html"


def build_report(repo: Path, config: Playbook, now: datetime, since: str | None = None) -> Report:
    """The report for the documents in ``repo/escalations`` (with git history when there is a repository).

    Each document is parsed once, in the scan's worker processes, where it is reduced to its
    :class:`report.facts.Facts`; no parsed document is kept. A committed version with the same
    bytes as a file on disk (most of them) is neither read from git nor parsed again.
    """
    window = window_since(since, now)
    spool = Spool()   # the open escalations' JSON texts: on disk, not in memory
    work = partial(facts_of, config, now, window)
    facts = [_spooled(f, spool) for f in scan(repo, work, config, now, read=partial(lean_document, keep_text=True))]
    known = {f.blob: f for f in facts if f.id is not None and f.blob}
    return fold(facts, config, now, window, read_history(repo, known=known))


def _spooled(facts: Facts, spool: Spool) -> Facts:
    if facts.record is not None:
        facts.record.spooled(spool)
    return facts


def dashboard_text(docs: list, repo: Path, config: Playbook, now: datetime) -> str:
    """The dashboard for documents the caller already holds (the sync, before it commits them)."""
    from .dashboard import render_dashboard

    return render_dashboard(compute(docs, config, now, window_since(None, now), read_history(repo)), config)


def dashboard_path(repo: Path) -> Path:
    return repo / store.DOCS_DIR / DASHBOARD_NAME


def write_dashboard(repo: Path, config: Playbook, now: datetime, since: str | None = None) -> Path:
    """Regenerate ``escalations/README.md`` from the documents (and git history) in ``repo``.

    For the sync to call after documents changed (before it commits). The file is
    rewritten only when its bytes change, and the bytes depend only on the documents,
    their history, the configuration and ``now``.
    """
    return save_dashboard(build_report(repo, config, now, since), config, repo)


def save_dashboard(report: Report, config: Playbook, repo: Path) -> Path:
    from .dashboard import render_dashboard

    path = dashboard_path(repo)
    text = render_dashboard(report, config)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        _write(path, text)
    return path


def write_html(report: Report, config: Playbook, folder: Path) -> Path:
    """The static page (``index.html`` in ``folder``), ready for GitHub Pages."""
    from .html import render_html

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / HTML_NAME
    _write(path, render_html(report, config))
    return path


def _write(path: Path, text: str) -> None:
    store.write_atomic(path, text)
    # The temporary file behind an atomic write is private (0600); these pages are meant to be read.
    path.chmod(0o644)
