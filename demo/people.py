"""What a person does to a tracking document in git, for the demo: the same edits as
`esc confirm`, `esc log`, `esc resolve` (and ticking a checklist box in an editor), then one
commit with that person as its author, dated when they did it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from escalation_desk import gitrepo
from escalation_desk.config import Config
from escalation_desk.errors import DeskError
from escalation_desk.tracking import actions, store
from escalation_desk.tracking.confirm import confirm_severity
from escalation_desk.tracking.model import Document
from escalation_desk.tracking.edit import EditError, append_line
from escalation_desk.tracking.render import document_filename, new_document

VERBS = ("new", "confirm", "tick", "write", "log", "resolve", "close")


@dataclass(frozen=True)
class PersonEdit:
    """``verb``: new (args: ((field, value), …) with title, summary: what `esc new` writes),
    confirm (args: severity or nothing), tick (args: "plan" or "recovery", item
    number), write (args: (section, text), … — lines added to prose sections), log (args: kind,
    text, ((option, value), …)), resolve, close."""

    at: datetime
    person: str            # "Dana Whitfield"
    email: str
    ident: str             # ESC-… (or several, comma-separated)
    verb: str
    args: tuple = ()
    message: str = ""      # the commit's subject

    @property
    def author(self) -> str:
        return f"{self.person} <{self.email}>"


def tick(doc: Document, section: str, number: int) -> str:
    """The text with item `number` (1-based) of the plan or recovery checklist ticked, as a
    person does it in an editor: ``- [ ]`` becomes ``- [x]`` on that one line (``- Step 1: …``
    becomes ``- [x] Step 1: …``)."""
    items = doc.plan if section == "plan" else doc.recovery
    if not 1 <= number <= len(items):
        raise DeskError(f"{doc.path}: there is no {section} item {number}")
    lines = doc.text.splitlines(keepends=True)
    index = items[number - 1].line - 1
    line = lines[index]
    if "[ ]" in line:
        lines[index] = line.replace("[ ]", "[x]", 1)
    elif line.startswith("- ") and not line.startswith(("- [x]", "- [X]")):
        lines[index] = "- [x] " + line[2:]      # a plan step written without a box gets a ticked one
    return "".join(lines)


def write(doc: Document, section: str, text: str) -> Document:
    """`text` typed at the end of `section` (Root Cause, Resolution Summary, Post-Escalation
    Actions, …), one line per line, as a person adds to it; nothing already there changes."""
    try:
        for line in text.splitlines():
            doc = append_line(doc, section, line)
    except EditError as exc:
        raise DeskError(str(exc)) from None
    return doc


def _edited(doc: Document, edit: PersonEdit, config: Config) -> str:
    if edit.verb == "confirm":
        return confirm_severity(doc, edit.at, edit.person, edit.args[0] if edit.args else None).text
    if edit.verb == "tick":
        return tick(doc, edit.args[0], edit.args[1])
    if edit.verb == "write":
        for section, text in edit.args:
            doc = write(doc, section, text)
        return doc.text
    if edit.verb == "log":
        kind, text, options = edit.args
        given = dict(options)
        if "due" in given:
            given["due"] = date.fromisoformat(given["due"])
        return actions.log(doc, kind, edit.at, text=text, **given).text
    if edit.verb in ("resolve", "close"):
        return actions.resolve(doc, config, edit.at, close=edit.verb == "close").text
    raise DeskError(f"unknown edit {edit.verb!r}; one of {', '.join(VERBS)}")


def _find(repo: Path, ident: str) -> store.Located:
    """The document by its file name (`ESC-48213-….md`, as the sync names them) when that
    one carries the ID; else the search `esc confirm` and `esc log` do; else the document
    that tracks the ticket the ID was made from: with a bigger sandbox (`--tickets 2000`)
    the sync files ticket #48214 under an earlier escalation of the same customer, and the
    person works on that one."""
    for path in sorted((repo / "escalations").glob(f"{ident}-*.md")):
        doc = store.load(path, repo)
        if doc.front is not None and doc.id == ident:
            return store.Located(path, doc)
    try:
        return store.find(repo, ident)
    except DeskError:
        ticket = ident.rsplit("-", 1)[-1]
        tracking = [d for d in store.load_all(repo) if d.front is not None and ticket.isdigit()
                    and int(ticket) in d.front.zendesk_tickets]
        if len(tracking) != 1:
            raise
        return store.Located(repo / tracking[0].path, tracking[0])


def start(repo: Path, edit: PersonEdit) -> Path:
    """`esc new` by this person at `edit.at`: a document from the template; returns its path."""
    given = dict(edit.args)
    title, summary = given.pop("title"), given.pop("summary", "")
    fields = {"id": edit.ident, "status": "Open", "opened": edit.at, "zendesk_tickets": [], **given}
    path = repo / "escalations" / document_filename(edit.ident, given["customer"], title)
    if path.exists() or any((repo / "escalations").glob(f"{edit.ident}-*.md")):
        raise DeskError(f"{edit.ident} already exists")
    store.write_atomic(path, new_document(fields, title=title, summary=summary))
    return path


def apply_edit(repo: Path, config: Config, edit: PersonEdit) -> str:
    """Make the edit (on each document when `ident` lists several, "ESC-1, ESC-2": one
    person's triage of a few documents) and commit it as the person; returns the sha."""
    git_repo = gitrepo.open_repo(repo)
    paths = []
    if edit.verb == "new":
        paths.append(gitrepo.relative(git_repo, start(repo, edit)))
    # Every edit made before any is written: one that cannot apply leaves the repository untouched.
    edited = [(located.path, _edited(located.doc, edit, config))
              for located in (_find(repo, part.strip()) for part in edit.ident.split(",") if edit.verb != "new")]
    for path, text in edited:
        store.write_atomic(path, text)
        paths.append(gitrepo.relative(git_repo, path))
    message = (edit.message or f"{edit.ident}: {edit.verb}") + "\n"
    return gitrepo.commit_paths(git_repo, paths, message, edit.author, on_behalf_of=edit.author, at=edit.at)
