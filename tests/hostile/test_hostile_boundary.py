"""Issue #14 (1, 2): text is normalised where it enters, and documents cannot explode."""

from __future__ import annotations

import os
import time
import tracemalloc
from datetime import datetime, timezone
from pathlib import Path

import pytest

from escalation_desk.connectors.records import Comment, Organization, Ticket, User
from escalation_desk.playbook.text import normalise, single_line
from escalation_desk.tracking.parse import parse_document
from support.hostile import hostile_ticket
from support.hostile_text import BILLION_LAUGHS, BYTES
from support.sync import doc_path, esc, upstream_later

T0 = datetime(2026, 11, 20, 14, 5, tzinfo=timezone.utc)
FORBIDDEN = ["\x00", "\x1b", "\x07", "\x7f", "\x9b", "\u202e", "\u2066", "\u2028", "\r"]


def _clean(text: str, one_line: bool) -> None:
    text.encode("utf-8")                                  # no lone surrogate survives
    assert not any(c in text for c in FORBIDDEN), repr(text)
    if one_line:
        assert "\n" not in text and "\t" not in text


@pytest.mark.parametrize("hostile", BYTES)
def test_records_hold_only_normalised_text(hostile: str) -> None:
    ticket = Ticket(1, hostile, hostile, "open", None, T0, T0, tags=(hostile,), recipients=(hostile,))
    comment = Comment(1, 1, 2, hostile, True, T0, channel=hostile)
    user = User(2, hostile, email=hostile, title=hostile)
    org = Organization(3, hostile, external_id=hostile, fields={"tier": hostile})
    for one_line in (ticket.subject, ticket.tags[0], ticket.recipients[0], comment.channel, user.name, user.title,
                     org.name, org.external_id):
        _clean(one_line, one_line=True)
    for multi in (ticket.description, comment.body, org.fields["tier"]):
        _clean(multi, one_line=False)
    assert normalise("a\r\nb\tc") == "a\nb\tc" and single_line(" a\n\tb ") == "a b"


def _document(customer_yaml: str) -> str:
    return ("---\nid: ESC-1\ncustomer: " + customer_yaml + "\nseverity: SEV-2\nstatus: Open\nowner: Dana\n"
            "opened: 2026-11-20T14:05:00Z\n---\n# ESC-1 — Acme — x\n\n" + "".join(
                f"## {s}\n\n" for s in ("Issue Summary", "Timeline of Events", "Root Cause", "Resolution Plan",
                                        "Customer Communication Log", "Internal Stakeholders Notified",
                                        "Resolution Summary", "Post-Escalation Actions", "Recovery Plan")))


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    (tmp_path / "escalations").mkdir()
    return tmp_path


@pytest.mark.parametrize("value", ['"Acme\\n::stop-commands::tok"', '"Acme\\u001b[2J"', '"Acme\\u202e"',
                                   "|\n  Acme\n  ::add-mask::x"])
def test_check_refuses_a_single_line_field_that_is_not_one_line(docs: Path, value: str) -> None:
    (docs / "escalations" / "ESC-1.md").write_text(_document(value))
    run = esc(docs, "check")
    assert run.code == 1
    assert "escalations/ESC-1.md:3:" in run.out and "customer: holds a" in run.out
    assert not [line for line in run.out.splitlines() if line.lstrip().startswith("::")]


def test_check_refuses_raw_control_characters_in_the_body(docs: Path) -> None:
    (docs / "escalations" / "ESC-1.md").write_text(_document("Acme").replace("## Root Cause\n\n",
                                                                             "## Root Cause\nNUL \x00 ESC \x1b[2J\n\n"))
    run = esc(docs, "check")
    assert run.code == 1 and "ESC-1.md:16:" in run.out and "U+0000" in run.out
    assert "\x1b" not in run.text and "\x00" not in run.text


def _cpu() -> float:
    """CPU seconds of this process and the commands it ran (esc runs as a subprocess or in-process)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def test_a_billion_laughs_fails_fast_in_bounded_memory(docs: Path) -> None:
    (docs / "escalations" / "ESC-1.md").write_text(BILLION_LAUGHS)
    tracemalloc.start()
    started = _cpu()
    try:
        runs = [esc(docs, "check", "--format", fmt) for fmt in ("text", "github", "json")]
        seconds = _cpu() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert all(r.code == 1 for r in runs)
    # CPU, not wall time (a loaded machine stretches the wall): an expanded billion laughs takes minutes.
    assert seconds < 6 and peak < 50 * 2**20, (seconds, peak)
    assert "anchors and aliases" in runs[0].out and ":2:" in runs[0].out
    assert max(len(line) for r in runs for line in r.out.splitlines()) < 2000


def _hostile_documents() -> list[str]:
    """Each about 10 KB: every way YAML can be made expensive or loud."""
    pad = "x" * 9000
    return [
        BILLION_LAUGHS + "\n" * 100 + pad,
        "---\nid: ESC-1\ncustomer: " + "[" * 5000 + "\n---\n",
        "---\nid: ESC-1\ncustomer: \"" + "\\u0000" * 1500 + "\"\n---\n",
        "---\n" + "".join(f"k{i}: &a{i} v\n" for i in range(1000)) + "---\n",
        "---\nid: ESC-1\ncustomer: " + "a" * 10000 + "\nseverity: SEV-9\n---\n",
        "---\nid: ESC-1\nopened: " + "9" * 10000 + "\n---\n",
        "---\ntriggers: [" + ", ".join(["keyword:cancel"] * 700) + "]\nid: " + "Z" * 300 + "\n---\n",
    ]


@pytest.mark.parametrize("text", _hostile_documents(), ids=range(7))
def test_a_hostile_10kb_document_is_refused_quickly_with_short_messages(text: str) -> None:
    started = time.process_time()
    doc = parse_document("h.md", text.encode())
    assert time.process_time() - started < 0.5       # CPU of this process: a blow-up takes far longer
    assert [p for p in doc.problems if p.level == "error"]
    for problem in doc.problems:
        assert len(problem.message) < 400 and "\n" not in problem.message, problem


def test_one_bad_character_does_not_stop_the_sync(repo: Path, sandbox) -> None:
    """A subject with a lone surrogate, NUL and escapes in a reply: the sync completes,
    and the document holds none of them."""
    upstream_later(sandbox)
    ticket = hostile_ticket(sandbox, "Broken \ud800 export \x1b[31m\u202e", description="NUL \x00 here",
                            requester_name="Jo\x00rdan \ud83d", replies=["ESC \x1b]0;pwned\x07 and \x9b2J"])
    run = esc(repo, "sync")
    assert run.code == 0, run.text
    text = doc_path(repo, f"ESC-{ticket}").read_bytes().decode("utf-8")    # valid UTF-8 throughout
    _clean(text.replace("\n", ""), one_line=False)
    assert "Broken \ufffd export" in text
    assert esc(repo, "check").code == 0
