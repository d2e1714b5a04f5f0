"""Running every check over a set of files: the engine behind `esc check`.

Documents are read, checked and dropped one at a time; only a small summary of each
is kept for the cross-document rules, so memory stays flat however many files.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable, Mapping, TYPE_CHECKING


from .check_rules import Summary, check_change, check_collection, check_document, owner_overload
from .clocks import clock_for
from .findings import Finding, sorted_findings
from .parse import parse_document
from .store import display_path, document_paths, read_bytes

if TYPE_CHECKING:   # the models load pydantic: `esc check FILE` runs on the defaults without it
    from escalation_desk.playbook.config import Playbook

BaseVersions = Mapping[str, bytes]   # shown path → the document's bytes at the base revision


@dataclass
class CheckResult:
    files: int = 0
    findings: list[Finding] = field(default_factory=list)   # each about one file
    summary: list[Finding] = field(default_factory=list)    # about no one file (an owner's load)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings + self.summary if f.level == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings + self.summary if f.level == "warning")


PARALLEL_FROM = 400   # below this, starting worker processes costs more than it saves
CHUNK = 250


def _check_files(paths: list[Path], repo: Path, config: Playbook, now: datetime,
                 base: BaseVersions | None) -> tuple[list[Finding], list[Summary]]:
    findings: list[Finding] = []
    summaries: list[Summary] = []
    resolved_repo = repo.resolve()
    for path in paths:
        shown = display_path(path, resolved_repo)
        doc = parse_document(shown, read_bytes(path), plain=True)
        findings.extend(check_document(doc, config, now))
        if doc.front is not None:
            summaries.append(Summary.of(doc))
            if base is not None:
                old = base.get(shown)
                if old is not None:
                    findings.extend(check_change(doc, parse_document(shown, old, plain=True), config, now))
    return findings, summaries


def _workers(count: int) -> int:
    if count < PARALLEL_FROM:
        return 1
    return min(os.cpu_count() or 1, 8)


def _base_of(chunk: list[Path], repo: Path, base: BaseVersions | None) -> dict[str, bytes] | None:
    """The base versions one worker needs (not the whole mapping)."""
    if base is None:
        return None
    shown = (display_path(p, repo) for p in chunk)
    return {s: base[s] for s in shown if s in base}


def run_check(targets: Iterable[Path], repo: Path, config: Playbook, now: datetime,
              base: BaseVersions | None = None, collection_scope: Iterable[Path] | None = None,
              progress: Callable[[int], None] | None = None, known: Iterable[Summary] = ()) -> CheckResult:
    """Check the documents named by `targets`.

    Cross-document rules (duplicate IDs, owner load, systemic categories) look at
    `collection_scope` (default: the targets), so checking one changed file in a PR
    still catches a clash with a file it did not change; `known` adds summaries of
    documents that are not read at all (the pull-request check takes them from the
    index at the base). An owner's load is said once, in `summary`, for the owners of
    the targets. Large sets are checked in chunks across the machine's cores; each chunk streams its files, so memory stays
    flat in the number of documents.
    """
    paths = list(document_paths(targets))
    result = CheckResult(files=len(paths))
    summaries: dict[str, Summary] = {}
    workers = _workers(len(paths))
    chunks = [paths[i:i + CHUNK] for i in range(0, len(paths), CHUNK)]
    done = 0
    if workers == 1:
        outputs = (_check_files(chunk, repo, config, now, base) for chunk in chunks)
        for (findings, found), chunk in zip(outputs, chunks):
            result.findings.extend(findings)
            summaries.update((s.path, s) for s in found)
            done += len(chunk)
            if progress:
                progress(done)
    else:
        # Load the holiday calendar once, here, so forked workers inherit it instead of each
        # importing the holidays package's country tables again.
        clock_for(config, "business").is_working_day(now.date())
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(_check_files, chunk, repo, config, now, _base_of(chunk, repo.resolve(), base))
                       for chunk in chunks]
            for future, chunk in zip(futures, chunks):
                findings, found = future.result()
                result.findings.extend(findings)
                summaries.update((s.path, s) for s in found)
                done += len(chunk)
                if progress:
                    progress(done)
    resolved_repo = repo.resolve()
    checked = {display_path(p, resolved_repo) for p in paths}
    for summary in known:
        summaries.setdefault(summary.path, summary)
    if collection_scope is not None:
        for path in document_paths(collection_scope):
            shown = display_path(path, resolved_repo)
            if shown not in checked:
                doc = parse_document(shown, read_bytes(path), plain=True)
                if doc.front is not None:
                    summaries[shown] = Summary.of(doc)
    collection = check_collection(summaries.values(), config, now)
    result.findings.extend(f for f in collection if f.path in checked)
    result.summary = owner_overload(summaries.values(), config, concerning=checked)
    result.findings = sorted_findings(result.findings)
    return result
