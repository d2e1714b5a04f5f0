"""Commands that run at once never lose what another wrote.

Two `esc log` from a script, `esc log` while a person's editor saves, two `esc new` for the
same ticket: each read-change-write happens under a lock on the document (or the folder),
and a change is made again on the new text when the file changed while it was being made.
These run real processes (`python -m escalation_desk`), because a lock inside one process
proves nothing.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from support.cli import esc
from support.core import ACME, NOW_TEXT, make_desk

from escalation_desk.tracking import actions, store
from escalation_desk.tracking.parse import parse_document

PARALLEL = 8


def start(desk: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-P", "-m", "escalation_desk", "--repo", str(desk), "--now", NOW_TEXT,
                             *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=desk)


def finish(processes: list[subprocess.Popen]) -> list[tuple[int, str, str]]:
    done = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        done.append((process.returncode, out, err))
    return done


def test_entries_logged_at_the_same_moment_are_all_kept(tmp_path: Path) -> None:
    desk = make_desk(tmp_path / "desk", names=[ACME])
    runs = finish([start(desk, "log", "ESC-48213", "comm" if n % 2 else "event", f"entry number {n} of a burst")
                   for n in range(PARALLEL)])
    assert all(code == 0 for code, _, _ in runs), runs
    text = (desk / "escalations" / ACME).read_text(encoding="utf-8")
    assert [n for n in range(PARALLEL) if f"entry number {n} of a burst" in text] == list(range(PARALLEL))
    assert esc("--repo", desk, "--now", NOW_TEXT, "check", desk / "escalations" / ACME).code == 0


def test_two_new_documents_for_one_ticket_never_share_an_id(tmp_path: Path) -> None:
    desk = make_desk(tmp_path / "desk", names=[])
    runs = finish([start(desk, "new", "--customer", name, "--severity", "SEV-3", "--owner", "Dana Whitfield",
                         "--title", f"report from {name}", "--ticket", "777") for name in ("Alpha", "Bravo", "Charlie")])
    ids = [parse_document(p.name, p.read_bytes()).id for p in sorted((desk / "escalations").glob("*.md"))]
    assert len(ids) == len(set(ids)), ids
    created = [out for code, out, _ in runs if code == 0]
    refused = [err for code, _, err in runs if code != 0]
    assert len(created) == len(ids) >= 1
    assert all(len(err.strip().splitlines()) == 1 and "already" in err for err in refused), refused


def test_an_editor_saving_while_the_entry_is_made_keeps_both(tmp_path: Path) -> None:
    desk = make_desk(tmp_path / "desk", names=[ACME])
    path = desk / "escalations" / ACME
    person = "A line the CSM typed and saved at that very moment."
    saved = []

    def log_while_the_editor_saves(doc):
        if not saved:      # the editor's save lands between our read and our write, once
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("## Root Cause", f"## Root Cause\n\n{person}", 1),
                            encoding="utf-8")
            saved.append(True)
        return actions.log(doc, "event", doc.front.opened, text="Fix deployed to production")

    located, written = store.update(desk, "ESC-48213", log_while_the_editor_saves)
    text = path.read_text(encoding="utf-8")
    assert person in text and "Fix deployed to production" in text
    assert len(saved) == 1 and person in located.doc.text and person in written.text    # made again, on its text
