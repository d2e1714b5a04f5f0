"""Running every check over a set of files: the engine behind `esc check`.

Documents are read, checked and dropped one at a time; only a small summary of each
is kept for the cross-document rules, so memory stays flat however many files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable

from playbook.config import Config

from .check import Summary, check_change, check_collection, check_document
from .findings import Finding, sorted_findings
from .parse import parse_document
from .store import display_path, document_paths, read_bytes

BaseReader = Callable[[str], bytes | None]   # relative path → bytes at the base revision


@dataclass
class CheckResult:
    files: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.level == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.level == "warning")


def run_check(targets: Iterable[Path], repo: Path, config: Config, now: datetime,
              base: BaseReader | None = None, collection_scope: Iterable[Path] | None = None,
              progress: Callable[[int], None] | None = None) -> CheckResult:
    """Check the documents named by `targets`.

    Cross-document rules (duplicate IDs, owner load, systemic categories) look at
    `collection_scope` (default: the targets), so checking one changed file in a PR
    still catches a clash with a file it did not change.
    """
    result = CheckResult()
    summaries: dict[str, Summary] = {}
    checked: set[str] = set()
    for path in document_paths(targets):
        shown = display_path(path, repo)
        doc = parse_document(shown, read_bytes(path))
        result.files += 1
        checked.add(shown)
        result.findings.extend(check_document(doc, config, now))
        if doc.front is not None:
            summaries[shown] = Summary.of(doc)
            if base is not None:
                old = base(shown)
                if old is not None:
                    base_doc = parse_document(shown, old)
                    result.findings.extend(check_change(doc, base_doc, config, now))
        if progress:
            progress(result.files)
    if collection_scope is not None:
        for path in document_paths(collection_scope):
            shown = display_path(path, repo)
            if shown not in summaries and shown not in checked:
                doc = parse_document(shown, read_bytes(path))
                if doc.front is not None:
                    summaries[shown] = Summary.of(doc)
    collection = check_collection(summaries.values(), config, now)
    result.findings.extend(f for f in collection if f.path in checked)
    result.findings = sorted_findings(result.findings)
    return result
