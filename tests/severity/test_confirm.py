"""A person confirms the sync's proposed severity: the document records who and when,
`esc status` and index.json show "proposed" until then, `esc check` warns when a proposed
SEV-1/2 is still unconfirmed past its acknowledgement deadline."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from escalation_desk.tracking.entries import timeline_line
from escalation_desk.tracking.parse import parse_document
from escalation_desk.tracking.render import new_document
from support.cli import esc

OPENED = datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc)


def proposed(repo: Path, severity: str = "SEV-1") -> Path:
    """A document as the sync writes it: its severity is the impact model's proposal."""
    why = timeline_line(OPENED, "Proposed, to confirm (esc confirm): SEV-1 by the rule “data loss or breach”",
                        "esc:severity")
    text = new_document({"id": "ESC-48211", "customer": "Pinecrest", "severity": severity, "status": "Open",
                         "owner": "Dana Whitfield", "opened": OPENED, "zendesk_tickets": [48211]},
                        title="Records from another organisation", timeline=[why])
    path = repo / "escalations" / "ESC-48211-pinecrest.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_proposed_severity_is_shown_as_proposed_until_a_person_confirms(tmp_path: Path) -> None:
    path = proposed(tmp_path)
    later = ["--repo", str(tmp_path), "--now", "2026-11-26T09:10:00Z"]
    record = esc(*later, "status", "ESC-48211", "--json").json()
    assert (record["severity_state"], record["severity_set_by"]) == ("proposed", None)
    assert "SEV-1 proposed" in esc(*later, "status").out
    run = esc(*later, "confirm", "ESC-48211", "--by", "Dana Whitfield")
    assert run.code == 0 and "SEV-1 confirmed by Dana Whitfield" in run.out
    doc = parse_document(str(path), path.read_text(encoding="utf-8"))
    assert doc.front.severity_set_by == "Dana Whitfield" and doc.front.severity_set_at.isoformat() == "2026-11-26T09:10:00+00:00"
    assert list(doc.raw_front).index("severity_set_by") == list(doc.raw_front).index("severity") + 1
    assert doc.severity_state == "confirmed"
    assert doc.timeline[-1].text == "Severity SEV-1 confirmed by Dana Whitfield"
    record = esc(*later, "status", "ESC-48211", "--json").json()
    assert (record["severity_state"], record["severity_set_at"]) == ("confirmed", "2026-11-26T09:10:00Z")


def test_a_person_may_set_another_level(tmp_path: Path) -> None:
    path = proposed(tmp_path)
    run = esc("--repo", str(tmp_path), "--now", "2026-11-26T09:05:00Z", "confirm", "ESC-48211",
              "--severity", "SEV-2", "--by", "Priya Raman")
    assert run.code == 0
    doc = parse_document(str(path), path.read_text(encoding="utf-8"))
    assert (doc.front.severity, doc.front.severity_set_by) == ("SEV-2", "Priya Raman")
    assert doc.timeline[-1].text == "Severity changed from SEV-1 to SEV-2 by Priya Raman"
    assert esc("--repo", str(tmp_path), "confirm", "ESC-48211", "--by", "  ").code != 0   # who, not blank


def test_check_warns_on_an_unconfirmed_sev1_past_its_acknowledgement_deadline(tmp_path: Path) -> None:
    proposed(tmp_path)
    before = esc("--repo", str(tmp_path), "--now", "2026-11-26T09:10:00Z", "check")     # ack due 09:15
    assert "severity-unconfirmed" not in before.text
    after = esc("--repo", str(tmp_path), "--now", "2026-11-26T09:40:00Z", "check")
    assert "severity-unconfirmed" in after.text and "esc confirm ESC-48211 --by NAME" in after.text
    esc("--repo", str(tmp_path), "--now", "2026-11-26T09:41:00Z", "confirm", "ESC-48211", "--by", "Dana Whitfield")
    assert "severity-unconfirmed" not in esc("--repo", str(tmp_path), "--now", "2026-11-26T10:00:00Z", "check").text


def test_a_sev3_proposal_needs_no_warning(tmp_path: Path) -> None:
    proposed(tmp_path, "SEV-3")
    assert "severity-unconfirmed" not in esc("--repo", str(tmp_path), "--now", "2026-11-30T09:00:00Z", "check").text
