"""`esc init`: make a folder a documents repository Escalation Desk can work in.

It writes ``escalations/`` (with a ``.gitkeep``), ``escalations.toml`` with every default
(generated from the configuration model), the GitHub workflows (copies of
``templates/workflows/``), a ``.gitattributes`` (with the merge driver, registered in
``.git/config``) and a README section for CSMs, and runs
``git init`` when the folder is not in a repository yet.

Safe to re-run: a file that already has exactly the content it would write is
"unchanged"; any other existing file is "kept" — a person may have changed it, and
init never overwrites people's work. The only change it makes to an existing file is
appending the CSM section to a README that does not have it yet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from escalation_desk.config import Config, DEFAULT_CONFIG_NAME
from escalation_desk.playbook.durations import format_duration
from escalation_desk.errors import DeskError
from escalation_desk.templates import TEMPLATE_DIR, render
from escalation_desk.tracking.store import DOCS_DIR, write_atomic

from escalation_desk import gitrepo
from .config_file import default_config_toml

WORKFLOW_DIR = ".github/workflows"
WORKFLOW_TEMPLATES = TEMPLATE_DIR / "workflows"
SECTION_START = "<!-- escalation-desk:csm-guide -->"
SECTION_END = "<!-- /escalation-desk:csm-guide -->"

MERGE_LINE = "escalations/*.md merge=escalation-desk"
SUMMARY_MERGE_LINE = "escalations/check-summary.json merge=escalation-desk"
MERGE_LINES = (MERGE_LINE, SUMMARY_MERGE_LINE)
GITATTRIBUTES = f"""\
# Escalation Desk: documents are text with LF endings everywhere (the check and the sync
# compare bytes); generated files are collapsed in pull-request diffs; documents merge with
# `esc merge-driver` (registered in .git/config by `esc init` and by every workflow), which
# leaves the generated check summary stale instead of conflicting (the next `esc index` rewrites it).
escalations/*.md text eol=lf
{MERGE_LINE}
{SUMMARY_MERGE_LINE}
escalations.toml text eol=lf
escalations/index.json text eol=lf linguist-generated=true
escalations/check-summary.json text eol=lf linguist-generated=true
escalations/README.md linguist-generated=true
"""


@dataclass
class InitResult:
    root: Path
    outcomes: list[tuple[str, str]] = field(default_factory=list)   # (relative path, what happened)

    def add(self, path: str, what: str) -> None:
        self.outcomes.append((path, what))

    def lines(self) -> list[str]:
        width = max((len(what) for _, what in self.outcomes), default=0)
        out = [f"{what:<{width}}  {path}" for path, what in self.outcomes]
        kept = [path for path, what in self.outcomes if what == "kept"]
        if kept:
            out.append(f"{len(kept)} file(s) kept as they are (they differ from what init writes; "
                       "delete one and re-run to get the current version).")
        out.append(f"{self.root} is ready: add your team to the roster in escalations.toml ([[people]] with "
                   "GitHub logins), commit, and set the repository secrets the sync needs (ZENDESK_*, SF_*; "
                   "PIP_INDEX_URL if escalation-desk comes from a private package index).")
        return out


def workflow_templates() -> dict[str, str]:
    """The canonical workflows: file name → text."""
    found = {p.name: p.read_text(encoding="utf-8") for p in sorted(WORKFLOW_TEMPLATES.glob("*.yml"))}
    if not found:   # a broken installation must not produce a repository without its checks
        raise DeskError(f"no workflow templates in {WORKFLOW_TEMPLATES}",
                        hint="reinstall escalation-desk (the package data templates/workflows/*.yml is missing)")
    return found


def csm_section(config: Config | None = None) -> str:
    config = config or Config()
    severities = {name: {**rule.model_dump(), "ack_text": format_duration(rule.ack)}
                  for name, rule in config.severities.items()}
    return render("csm_readme.md.j2", severities=severities)


def _write_new(root: Path, relative: str, text: str, result: InitResult) -> None:
    """Create the file, or report whether the existing one matches (unchanged) or not (kept)."""
    path = root / relative
    if path.exists():
        if path.is_dir():
            raise DeskError(f"{path} is a folder; init needs to write a file there")
        same = path.read_bytes().replace(b"\r\n", b"\n") == text.encode("utf-8")
        result.add(relative, "unchanged" if same else "kept")
        return
    write_atomic(path, text)
    result.add(relative, "created")


def _readme(root: Path, result: InitResult) -> None:
    path = root / "README.md"
    section = csm_section()
    if not path.exists():
        write_atomic(path, "# Customer escalations\n\nOne tracking document per customer escalation, kept with "
                           f"Escalation Desk (`esc`).\n\n{section}")
        result.add("README.md", "created")
        return
    text = path.read_text(encoding="utf-8")
    if SECTION_START in text:
        start = text.index(SECTION_START)
        end = text.find(SECTION_END, start)
        current = text[start:end + len(SECTION_END)] if end >= 0 else text[start:]
        same = current.replace("\r\n", "\n").strip() == section.strip()
        result.add("README.md", "unchanged" if same else "kept")
        return
    separator = "" if text.endswith("\n\n") else ("\n" if text.endswith("\n") else "\n\n")
    write_atomic(path, text + separator + section)
    result.add("README.md", "appended CSM section to")


def init_repository(root: Path) -> InitResult:
    """Create or complete a documents repository at `root` (idempotent)."""
    if root.exists() and not root.is_dir():
        raise DeskError(f"{root} is a file, not a folder")
    outer = gitrepo.enclosing_repository_root(root)
    if outer is not None and outer != root.resolve():
        # GitHub runs workflows only from the repository root's .github/workflows, and the merge
        # driver would be registered in the outer repository: the check, sync and overdue jobs
        # would silently never run (review F27).
        raise DeskError(f"{root} is inside the git repository {outer}; GitHub runs workflows only from its "
                        f"root's .github/workflows", hint=f"run `esc init {outer}`, or pick a folder outside it")
    root.mkdir(parents=True, exist_ok=True)
    result = InitResult(root)
    if outer is None:
        gitrepo.init_repo(root)
        result.add(".git", "initialized")

    docs = root / DOCS_DIR
    if docs.is_file():
        raise DeskError(f"{docs} is a file; init needs it to be the documents folder")
    if docs.is_dir() and any(p.name != ".gitkeep" for p in docs.iterdir()):
        result.add(f"{DOCS_DIR}/", "unchanged")
    else:
        _write_new(root, f"{DOCS_DIR}/.gitkeep", "", result)

    _write_new(root, DEFAULT_CONFIG_NAME, default_config_toml(), result)
    for name, text in workflow_templates().items():
        _write_new(root, f"{WORKFLOW_DIR}/{name}", text, result)
    _gitattributes(root, result)
    _readme(root, result)
    gitrepo.register_merge_driver(gitrepo.open_repo(root))
    result.add(".git/config", "registered esc merge-driver in")
    return result


def _gitattributes(root: Path, result: InitResult) -> None:
    """Write .gitattributes, or add the merge-driver lines to one a person keeps."""
    path = root / ".gitattributes"
    if not path.exists():
        _write_new(root, ".gitattributes", GITATTRIBUTES, result)
        return
    text = path.read_text(encoding="utf-8")
    missing = [line for line in MERGE_LINES if line not in text]
    if not missing:
        result.add(".gitattributes", "unchanged" if text.replace("\r\n", "\n") == GITATTRIBUTES else "kept")
        return
    write_atomic(path, text + ("" if text.endswith("\n") or not text else "\n") + "".join(m + "\n" for m in missing))
    result.add(".gitattributes", "added the merge driver to")
