"""`esc check --base REF`: the pull-request check, reading only what the pull request changed.

Git is asked a handful of questions, each one process: the base's file list (``ls-tree``),
what changed since the base (``diff``), when the base's ``index.json`` was last written
(``log -1``) and what changed after that; one ``cat-file --batch`` reads the base versions
of the changed documents, another the index's check summary (``check-summary.json``, a
few fields a document, :mod:`tracking.checksummary`) — or the index itself when that
summary is missing, unreadable or made from another index. The documents the pull request
does not touch are not read: the cross-document rules take their ID, owner, status,
category and tickets from the index, and only for the documents sharing one of those with
a changed document (the others cannot change a finding on it). The work tree is listed as
strings; only the changed documents become paths. When the base has no usable index, when
too many documents changed after it was written, or when the configuration itself changed
(every document's findings may then change), the whole folder is checked instead, and the
note says why.
"""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from escalation_desk import gitrepo
from escalation_desk.playbook.config import Playbook
from escalation_desk.tracking import checksummary
from escalation_desk.tracking.check_rules import Summary
from escalation_desk.tracking.check_files import CheckResult, run_check
from escalation_desk.tracking.findings import Finding
from escalation_desk.tracking.parse import parse_document
from escalation_desk.tracking.store import SKIP_NAMES, display_path, document_files, document_paths, read_bytes
from escalation_desk.tracking.summaries import Keys, Table, summaries_from_index

INDEX_NAME = "index.json"
BEHIND_LIMIT = 200    # documents changed after the index was written, read from git instead; more: check all
SUMMARY_ROOM = 64 * 1024, 4096    # a check summary over 64 KiB + 4 KiB a base document is not read


@dataclass
class Plan:
    """What to read: the documents to check, the base bytes they are compared with, and where
    the summaries of the rest come from (`known` None: check everything)."""

    targets: list[Path]
    base: dict[str, bytes] = field(default_factory=dict)
    known: list[Summary] | None = None
    note: str = ""
    gone: dict[str, str] = field(default_factory=dict)     # base documents not in the work tree: path → blob
    new: list[str] = field(default_factory=list)           # work-tree documents with no base version (by path)
    table: Table | None = None                             # the index's summaries of the documents not read
    from_table: set[str] = field(default_factory=set)      # the paths whose summary the table gives
    generated: list[Finding] = field(default_factory=list)  # a generated file this change left unlike its writer's


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


def _documents_of(tree: dict[str, str], prefix: str) -> dict[str, str]:
    """Shown path → blob of the documents among git paths: ``*.md`` (PurePosixPath's suffix
    rule: ``.md`` alone has none), not a README."""
    found = {}
    for path, sha in tree.items():
        if path.endswith(".md"):
            name = path.rpartition("/")[2]
            if len(name) > 3 and name not in SKIP_NAMES:
                found[path.removeprefix(prefix)] = sha
    return found


def _in_order(shown: Iterable[str]) -> list[str]:
    """Shown paths in the order of their Paths (part by part), the order the full check lists them."""
    return sorted(shown, key=lambda s: s.split("/"))


def _head_documents(docs_dir: Path, repo: Path) -> dict[str, str]:
    """Shown path → path as listed, for every document in the work tree: strings, no Path per
    file (the same shown paths as :func:`tracking.store.display_path`)."""
    listed = document_files(docs_dir)
    folder, root = os.path.abspath(docs_dir), os.path.abspath(repo)
    if folder != root and not folder.startswith(root + os.sep):
        return {display_path(Path(p), repo): p for p in listed}
    cut = len(str(docs_dir)) + 1
    prefix = "" if folder == root else folder[len(root) + 1:].replace(os.sep, "/") + "/"
    if os.sep == "/":
        return {prefix + p[cut:]: p for p in listed}
    return {prefix + p[cut:].replace(os.sep, "/"): p for p in listed}


@dataclass
class _Tree:
    """The base and the work tree, as the plan sees them."""

    reader: gitrepo.Reader
    where: _Paths
    short: str
    tree: dict[str, str]                 # git path → blob, under the documents folder at the base
    base_docs: dict[str, str]            # shown path → blob
    head: dict[str, str]                 # shown path → path as listed
    diff: set[str]


def _blobs_under(reader: gitrepo.Reader, rev: str, folder: str) -> dict[str, str]:
    """:meth:`gitrepo.Reader.tree`, each ``<mode> blob <sha>\t<path>`` read by position (10,000
    splits cost); any other shape (a submodule, SHA-256 ids) → that general reading instead."""
    found = {}
    for entry in reader.git("ls-tree", "-r", "-z", "--full-tree", rev, "--", folder).split(b"\0"):
        if entry[6:12] == b" blob " and entry[52:53] == b"\t":
            found[entry[53:].decode()] = entry[12:52].decode()
        elif entry:
            return reader.tree(rev, folder)
    return found


def _read_tree(repo: Path, docs_dir: Path, config_path: Path, base: str) -> tuple[_Tree, str]:
    reader = gitrepo.Reader.at(repo)
    base_sha = reader.resolve_base(base)
    where = _Paths(reader, repo, docs_dir)
    tree = _blobs_under(reader, base_sha, where.docs)
    base_docs = _documents_of(tree, where.prefix)
    watched = [where.docs] + ([reader.relative(config_path)] if _inside(config_path, reader) else [])
    diff = reader.changed(base_sha, None, *watched)
    return _Tree(reader, where, base_sha[:7], tree, base_docs, _head_documents(docs_dir, where.repo), diff), base_sha


def plan_check(repo: Path, docs_dir: Path, config_path: Path, base: str, paths: list[Path] | None) -> Plan:
    """Decide what the check against `base` reads (see the module docstring)."""
    seen, base_sha = _read_tree(repo, docs_dir, config_path, base)
    reader, where, base_docs, head = seen.reader, seen.where, seen.base_docs, seen.head
    new = head.keys() - base_docs.keys()
    changed = new | {where.shown(p) for p in seen.diff if where.shown(p) in head}
    if paths is None:
        targets, wanted = [Path(head[s]) for s in sorted(changed)], set(changed)
    else:
        targets = list(document_paths(paths))
        wanted = {display_path(p, where.repo) for p in targets}
    index_path = f"{where.docs}/{INDEX_NAME}"
    written = reader.last_commit(base_sha, index_path) if index_path in seen.tree else None
    behind = {where.shown(p) for p in reader.changed(written, base_sha, where.docs)} if written else set()
    rest = head.keys() - wanted
    from_base = (rest - changed) & base_docs.keys()
    reread = _in_order(from_base & behind)
    data = dict(reader.blobs([base_docs[s] for s in wanted if s in base_docs] + [base_docs[s] for s in reread]))
    gone = base_docs.keys() - head.keys()
    plan = Plan(targets, base={s: data[base_docs[s]] for s in wanted if s in base_docs}, new=_in_order(new),
                gone={s: sha for s, sha in base_docs.items() if s in gone} if gone else {},   # in the base's order
                generated=_generated_edited(seen, docs_dir))
    if any(not p.startswith(where.docs + "/") for p in seen.diff):
        return _everything(plan, seen, paths, f"the configuration changed since {seen.short}")
    table, aside = _table(seen, index_path) if written else (None, "")
    if table is None:
        return _everything(plan, seen, paths,
                           f"no readable {index_path} at {seen.short} (commit the one `esc index` writes "
                           "to check pull requests by the changed documents only)")
    indexed = table.entries
    missing = _in_order(from_base - behind - indexed.keys())
    if len(reread) + len(missing) > BEHIND_LIMIT:
        return _everything(plan, seen, paths, _why_not_by_index(index_path, seen.short, len(reread), len(missing)))
    extra = dict(reader.blobs(base_docs[s] for s in missing))   # documents the index skipped (they did not parse)
    known = _summaries((s, data.get(base_docs[s]) or extra.get(base_docs[s], b"")) for s in reread + missing)
    known += _summaries((s, read_bytes(Path(head[s]))) for s in _in_order(rest & changed))
    plan.table, plan.known = table, known
    plan.from_table = (from_base - behind) & indexed.keys()
    plan.note = (f"checked the {len(targets)} document(s) changed since {seen.short}; the other "
                 f"{len(plan.from_table) + len(known)} from {index_path} at {seen.short}"
                 + (f" and {len(reread) + len(missing)} read from git" if reread or missing else "") + aside)
    return plan


def _why_not_by_index(index_path: str, short: str, behind: int, skipped: int) -> str:
    """Too many documents to read from git one by one: those committed after the index, and
    those the index skips because they do not parse (not "behind": a fresh index skips them too)."""
    parts = [f"{index_path} at {short} is {behind} document(s) behind"] if behind else []
    if skipped:
        parts.append(f"{skipped} document(s) at {short} do not parse, so {index_path} leaves them out "
                     "(`esc check` on the base names them)")
    return "; ".join(parts)


def _table(seen: _Tree, index_path: str) -> tuple[Table | None, str]:
    """The index's summaries: from its check summary when that was made from this very index
    (its blob is named in it), else from the index itself, saying why in the note's aside."""
    index_blob = seen.tree[index_path]
    summary_path = f"{seen.where.docs}/{checksummary.NAME}"
    aside = f" ({summary_path} at {seen.short} is missing: the whole index was read; `esc index` writes it)"
    if summary_path in seen.tree:
        room = SUMMARY_ROOM[0] + SUMMARY_ROOM[1] * len(seen.base_docs)
        data = dict(seen.reader.blobs([seen.tree[summary_path]], limit=room)).get(seen.tree[summary_path])
        table = summaries_from_index(data) if data is not None else None
        if table is not None and table.index_blob == index_blob:
            return table, ""
        why = ("is over its size limit" if data is None else "is unreadable" if table is None
               else "was left stale by a merge" if table.index_blob == checksummary.MERGED
               else "is made from another index.json")
        aside = f" ({summary_path} at {seen.short} {why}: the whole index was read; `esc index` rewrites it)"
    data = dict(seen.reader.blobs([index_blob])).get(index_blob)
    return summaries_from_index(data), aside


def _inside(path: Path, reader: gitrepo.Reader) -> bool:
    return not reader.relative(path).startswith("../")


def _summaries(items) -> list[Summary]:  # noqa: ANN001 - (shown path, bytes) pairs
    found = []
    for shown, data in items:
        doc = parse_document(shown, data)
        if doc.front is not None:
            found.append(Summary.of(doc))
    return found


def _everything(plan: Plan, seen: _Tree, paths: list[Path] | None, why: str) -> Plan:
    """The full check: every document, each compared with its base version (one batched read)."""
    targets = sorted(Path(p) for p in seen.head.values()) if paths is None else plan.targets
    shown = {display_path(p, seen.where.repo) for p in targets}
    wanted = {seen.base_docs[s]: s for s in shown if s in seen.base_docs and s not in plan.base}
    base = dict(plan.base)
    base.update((wanted[sha], data) for sha, data in seen.reader.blobs(wanted))
    return Plan(targets, base=base, known=None, note=f"checked every document: {why}", gone=plan.gone, new=plan.new,
                generated=plan.generated)


def _generated_edited(seen: _Tree, docs_dir: Path) -> list[Finding]:
    """A change to ``check-summary.json`` or ``index.json`` after which the summary is not what
    `esc index` writes beside this change's index (rows edited or merged by hand, or one file
    committed without the other). Once merged it would be the next pull request's base: the
    check would not believe it there (its rows' digest, the index blob it names) and read the
    whole index, so this is a warning, not an error. A merge's stale summary is left alone."""
    folder = seen.where.docs
    if f"{folder}/{checksummary.NAME}" not in seen.diff and f"{folder}/{INDEX_NAME}" not in seen.diff:
        return []
    summary, index = docs_dir / checksummary.NAME, docs_dir / INDEX_NAME
    if not summary.is_file():
        return []
    found = checksummary.read_summary(read_bytes(summary))
    if found is not None and found[0] == checksummary.MERGED:
        return []
    if found is not None and index.is_file() and found[0] == checksummary.file_blob_sha(
            index, gitrepo.object_format(seen.reader.root)):
        return []
    return [Finding(seen.where.shown(f"{folder}/{checksummary.NAME}"), 0, "warning", "generated-file-edited",
                    f"{checksummary.NAME} is not what `esc index` writes beside this change's {INDEX_NAME} (edited "
                    "or merged by hand, or one of the two committed alone); run `esc index` and commit both")]


def _known(plan: Plan, repo: Path) -> list[Summary]:
    """The summaries of the documents not checked that share a key with a checked one, in the
    order the whole list would give them (the cross-document rules' messages follow it)."""
    root = repo.resolve()
    checked = [parse_document(display_path(p, root), read_bytes(p)) for p in document_paths(plan.targets)]
    keys = Keys.of(Summary.of(doc) for doc in checked if doc.front is not None)
    related = {s.path: s for s in plan.table.related(keys, plan.from_table)}
    return [related[s] for s in _in_order(related)] + [s for s in plan.known if keys.shared_by(s)]


def check_against_base(repo: Path, docs_dir: Path, config_path: Path, config: Playbook, now, base: str,
                       paths: list[Path] | None) -> tuple[CheckResult, str]:
    repo, docs_dir = _real(repo, docs_dir)
    collecting = gc.isenabled()
    gc.disable()    # the summaries are ~150,000 acyclic objects: a full collection over them and every module costs ~17 ms
    try:
        plan = plan_check(repo, docs_dir, config_path, base, paths)
        if plan.table is not None:
            plan.known = _known(plan, repo)
    finally:
        if collecting:
            gc.enable()
    moved, deleted = _moved_and_deleted(repo, plan)
    plan.base.update(moved)
    deleted = deleted + _as_configured(plan.generated, config) if paths is None else []   # named files: only those
    scope = [docs_dir] if plan.known is None and docs_dir.is_dir() else None
    result = run_check(plan.targets, repo, config, now, base=plan.base, collection_scope=scope,
                       known=plan.known or ())
    result.findings[:0] = deleted
    return result, plan.note


def _real(repo: Path, docs_dir: Path) -> tuple[Path, Path]:
    """`--repo` through a symbolic link: the repository and its folder as git names them (the
    work tree's paths and the base's must be the same strings, or every document would look
    new and every base one deleted, and no change rule would run)."""
    real = Path(os.path.realpath(repo))
    if str(real) == os.path.abspath(repo):
        return repo, docs_dir
    inside = os.path.relpath(os.path.abspath(docs_dir), os.path.abspath(repo))
    return real, (docs_dir if inside.startswith("..") else real / inside)


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


def _as_configured(findings: list[Finding], config: Playbook) -> list[Finding]:
    """Lint findings made outside a document's check, with ``[lints] off`` and ``as_errors`` applied."""
    errors, off = config.error_lints(), frozenset(config.lints.off)
    return [Finding(f.path, f.line, "error" if f.code in errors else f.level, f.code, f.message)
            for f in findings if f.code not in off]
