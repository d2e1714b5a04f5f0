"""Every document read once, across the machine's cores: the engine behind the whole-repository
commands (`esc index`, `status`, `overdue`, `report`).

:func:`scan` reads each document in a worker (the full parse, or with ``read=lean_document``
the lean read of :mod:`tracking.lean`: as deep as the clocks need), hands it to a picklable function that keeps
only what the command needs (an index record as JSON text, the overdue items, a slim
document) and drops the parsed document there. Only those small results travel back to the
main process, in the documents' order, so memory grows with what a command outputs, not
with the parsed documents. Below :data:`PARALLEL_FROM` documents, starting workers costs
more than it saves and everything runs in this process.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterator, TypeVar

from escalation_desk.playbook.config import Playbook

from .clocks import clock_for
from .model import Document
from .parse import parse_document
from .store import DOCS_DIR, display_path, document_paths, read_bytes

T = TypeVar("T")
PARALLEL_FROM = 400
CHUNK = 250


Read = Callable[[str, bytes], Document]


def _run(work: Callable[[Document], T], paths: list[Path], repo: Path, read: Read = parse_document) -> list[T]:
    return [work(read(display_path(path, repo), read_bytes(path))) for path in paths]


def workers_for(count: int) -> int:
    if count < PARALLEL_FROM:
        return 1
    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        available = os.cpu_count() or 1
    return max(1, min(available, 8))


def scan(repo: Path, work: Callable[[Document], T], config: Playbook | None = None,
         now: datetime | None = None, paths: list[Path] | None = None, read: Read = parse_document) -> Iterator[T]:
    """``work(document)`` for every document under ``repo/escalations`` (or `paths`), in order.

    `work` must be picklable (a module-level function or a functools.partial of one), and so
    must `read`: :func:`tracking.parse.parse_document`, or :func:`tracking.lean.lean_document`
    for a work function that needs only the front matter, title, sections and entries.
    `config` and `now`, when given, warm the business clock's holiday calendar before the
    workers start, so each of them does not load the holidays package again.
    """
    folder = repo / DOCS_DIR
    if paths is None:
        paths = list(document_paths([folder])) if folder.is_dir() else []
    root = repo.resolve()
    workers = workers_for(len(paths))
    if workers == 1:
        for path in paths:
            yield work(read(display_path(path, root), read_bytes(path)))
        return
    if config is not None and now is not None:
        clock_for(config, "business").is_working_day(now.date())
    from concurrent.futures import ProcessPoolExecutor

    chunks = [paths[i:i + CHUNK] for i in range(0, len(paths), CHUNK)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for part in pool.map(_run, [work] * len(chunks), chunks, [root] * len(chunks), [read] * len(chunks)):
            yield from part
