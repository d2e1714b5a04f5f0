"""`esc check --base REF`: the pull-request check, reading only what the pull request changed.

Git is asked a handful of questions, each one process: the base's file list (``ls-tree``),
what changed since the base (``diff``), when the base's ``index.json`` was last written
(``log -1``) and what changed after that, then one ``cat-file --batch`` reads the index
and the base versions of the changed documents together. The documents the pull request
does not touch are not read: the cross-document rules take their ID, owner, status,
category and tickets from the index. When the base has no usable index, when too many
documents changed after it was written, or when the configuration itself changed (every
document's findings may then change), the whole folder is checked instead, and the note
says why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from escalation_desk import gitrepo
from escalation_desk.playbook.config import Playbook
from escalation_desk.tracking.check_rules import Summary
from escalation_desk.tracking.check_files import CheckResult, run_check
from escalation_desk.tracking.findings import Finding
from escalation_desk.tracking.parse import parse_document
from escalation_desk.tracking.store import SKIP_NAMES, display_path, document_paths, read_bytes
from escalation_desk.tracking.summaries import summaries_from_index

INDEX_NAME = "index.json"
BEHIND_LIMIT = 200    # documents changed after the index was written, read from git instead; more: check all


@dataclass
class Plan:
    """What to read: the documents to check, the base bytes they are compared with, and the
    summaries of the rest (None: check everything)."""

    targets: list[Path]
    base: dict[str, bytes] = field(default_factory=dict)
    known: list[Summary] | None = None
    note: str = ""
    gone: dict[str, str] = field(default_factory=dict)     # base documents not in the work tree: path → blob
    new: list[str] = field(default_factory=list)           # work-tree documents with no base version (by path)


class _Paths:
    """Maps between git's paths (from the work tree's top) and the paths findings show (from --repo)."""

    def __init__(self, reader: gitrepo.Reader, repo: Path, docs_dir: Path) -> None:
        self.repo = repo.resolve()
        self.docs = reader.relative(docs_dir)
        prefix = reader.relative(repo)
        self.prefix = "" if prefix == "." else prefix + "/"

    def shown(self, git_path: str) -> str:
        return git_path.removeprefix(self.prefix)

    def git(self, shown: str) -> str:
        return self.prefix + shown


def _is_document(path: str) -> bool:
    name = PurePosixPath(path)
    return name.suffix == ".md" and name.name not in SKIP_NAMES


def plan_check(repo: Path, docs_dir: Path, config_path: Path, base: str, paths: list[Path] | None) -> Plan:
    """Decide what the check against `base` reads (see the module docstring)."""
    reader = gitrepo.Reader.at(repo)
    base_sha = reader.resolve_base(base)
    where = _Paths(reader, repo, docs_dir)
    tree = reader.tree(base_sha, where.docs)
    base_docs = {where.shown(p): sha for p, sha in tree.items() if _is_document(p)}
    head = {display_path(p, where.repo): p for p in document_paths([docs_dir] if docs_dir.is_dir() else [])}
    watched = [where.docs] + ([reader.relative(config_path)] if _inside(config_path, reader) else [])
    diff = reader.changed(base_sha, None, *watched)
    changed = {s for s in head if s not in base_docs} | {where.shown(p) for p in diff if where.shown(p) in head}
    targets = [head[s] for s in sorted(changed)] if paths is None else list(document_paths(paths))
    wanted = {display_path(p, where.repo) for p in targets}
    config_changed = any(not p.startswith(where.docs + "/") for p in diff)
    index_path = f"{where.docs}/{INDEX_NAME}"
    written = reader.last_commit(base_sha, index_path) if index_path in tree else None
    behind = {where.shown(p) for p in reader.changed(written, base_sha, where.docs)} if written else set()
    rest = [s for s in head if s not in wanted]
    from_base = [s for s in rest if s not in changed and s in base_docs]
    reread = [s for s in from_base if s in behind]
    blobs = [base_docs[s] for s in wanted if s in base_docs] + [base_docs[s] for s in reread]
    data = dict(reader.blobs(blobs + ([tree[index_path]] if written else [])))
    index = summaries_from_index(data.get(tree[index_path])) if written else None
    plan = Plan(targets, base={s: data[base_docs[s]] for s in wanted if s in base_docs},
                gone={s: sha for s, sha in base_docs.items() if s not in head}, new=[s for s in head if s not in base_docs])
    short = base_sha[:7]
    everything = sorted(head.values()) if paths is None else plan.targets
    if config_changed:
        return _everything(plan, everything, where, reader, base_docs, f"the configuration changed since {short}")
    if index is None:
        return _everything(plan, everything, where, reader, base_docs,
                           f"no readable {index_path} at {short} (commit the one `esc index` writes "
                           "to check pull requests by the changed documents only)")
    missing = [s for s in from_base if s not in index and s not in behind]
    if len(reread) + len(missing) > BEHIND_LIMIT:
        return _everything(plan, everything, where, reader, base_docs,
                           f"{index_path} at {short} is {len(reread) + len(missing)} document(s) behind")
    extra = dict(reader.blobs(base_docs[s] for s in missing))   # documents the index skipped (they did not parse)
    known = [index[s] for s in from_base if s not in behind and s in index]
    known += _summaries((s, data.get(base_docs[s]) or extra.get(base_docs[s], b"")) for s in reread + missing)
    known += _summaries((s, read_bytes(head[s])) for s in rest if s in changed)
    plan.known = known
    plan.note = (f"checked the {len(targets)} document(s) changed since {short}; the other {len(known)} "
                 f"from {index_path} at {short}" + (f" and {len(reread) + len(missing)} read from git" if reread or missing else ""))
    return plan


def _inside(path: Path, reader: gitrepo.Reader) -> bool:
    return not reader.relative(path).startswith("../")


def _summaries(items) -> list[Summary]:  # noqa: ANN001 - (shown path, bytes) pairs
    found = []
    for shown, data in items:
        doc = parse_document(shown, data)
        if doc.front is not None:
            found.append(Summary.of(doc))
    return found


def _everything(plan: Plan, targets: list[Path], where: _Paths, reader: gitrepo.Reader,
                base_docs: dict[str, str], why: str) -> Plan:
    """The full check: every document, each compared with its base version (one batched read)."""
    shown = {display_path(p, where.repo) for p in targets}
    wanted = {base_docs[s]: s for s in shown if s in base_docs and s not in plan.base}
    base = dict(plan.base)
    base.update((wanted[sha], data) for sha, data in reader.blobs(wanted))
    return Plan(targets, base=base, known=None, note=f"checked every document: {why}", gone=plan.gone, new=plan.new)


def check_against_base(repo: Path, docs_dir: Path, config_path: Path, config: Playbook, now, base: str,
                       paths: list[Path] | None) -> tuple[CheckResult, str]:
    plan = plan_check(repo, docs_dir, config_path, base, paths)
    moved, deleted = _moved_and_deleted(repo, plan)
    plan.base.update(moved)
    deleted = deleted if paths is None else []      # named files: only what was asked about
    scope = [docs_dir] if plan.known is None and docs_dir.is_dir() else None
    result = run_check(plan.targets, repo, config, now, base=plan.base, collection_scope=scope,
                       known=plan.known or ())
    result.findings[:0] = deleted
    return result, plan.note


def _moved_and_deleted(repo: Path, plan: Plan) -> tuple[dict[str, bytes], list[Finding]]:
    """Documents the change removed from their base path. One renamed (the same ID at a new
    path) is compared with its base version, so a rename cannot hide a lowered severity or a
    moved target; one deleted while still open is an error (nobody would watch its deadlines,
    and the overdue job would close its issue as caught up)."""
    gone = plan.gone
    if not gone:
        return {}, []
    reader = gitrepo.Reader.at(repo)
    data = dict(reader.blobs(gone.values()))
    by_id = {}
    for shown, sha in gone.items():
        doc = parse_document(shown, data.get(sha, b""))
        if doc.front is not None:
            by_id[doc.front.id.upper()] = (shown, data[sha], doc.front)
    moved = {}
    for shown in plan.new:
        path = repo / shown
        if not path.is_file():
            continue
        front = parse_document(shown, read_bytes(path)).front
        if front is not None and front.id.upper() in by_id:
            moved[shown] = by_id.pop(front.id.upper())[1]
    return moved, [Finding(shown, 0, "error", "open-escalation-deleted",
                           f"{front.id} ({front.severity}, {front.status}) is deleted by this change; resolve or "
                           "close it instead (a deleted document's deadlines are watched by nobody)")
                   for shown, _, front in by_id.values() if front.is_open]
