"""The executive brief, through the CLI: "what we have done so far" includes what we told the
customer and who inside was told; the customer is quoted without their salutation and
sign-off; the sponsor's engagement is stated."""

from __future__ import annotations

from pathlib import Path

from support.core import NORTHWIND, NOW_TEXT, esc
from escalation_desk.tracking import entries
from escalation_desk.tracking.render import new_document
from support.overdue import utc


def brief(desk: Path, ident: str) -> str:
    result = esc("--repo", desk, "--now", NOW_TEXT, "brief", ident)
    assert result.code == 0, result.err
    return result.out


def section(text: str, heading: str) -> str:
    return text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]


def test_what_we_did_includes_the_communications_and_the_stakeholders(desk: Path) -> None:
    done = section(brief(desk, "ESC-51877"), "What we have done so far")
    assert "**Communications with the customer**\n" in done
    assert "- Nov 26 10:15 — video: Bridge call with VP Operations: cause isolated, restore under way\n" in done
    assert "**Stakeholders informed**\n" in done
    assert "- Morgan Hale (CEO), Nov 26 09:31\n" in done
    assert (desk / "escalations" / NORTHWIND).exists()


def test_the_customer_is_quoted_without_the_salutation(desk: Path) -> None:
    said = ("Hi team,\n\nWhile reviewing this morning's export we found 212 rows from another organisation.\n"
            "Could you tell us how to handle the file?\n\nKind regards,\nRuth Abernathy\nPrivacy Officer")
    text = new_document(
        {"id": "ESC-48211", "customer": "Pinecrest Health", "severity": "SEV-1", "status": "In Progress",
         "owner": "Marcus Chen", "opened": utc("2026-11-26T09:00:00Z"), "exec_sponsor": "Jordan Ellis",
         "sponsor_engaged_at": utc("2026-11-26T10:00:00Z"), "follows": "ESC-48100"},
        title="Records from another organisation", summary=said,
        comms=[entries.comm_line(utc("2026-11-26T09:10:00Z"), "email", "Acknowledged; privacy team engaged")])
    (desk / "escalations" / "ESC-48211-pinecrest.md").write_text(text, encoding="utf-8")
    out = brief(desk, "ESC-48211")
    happened = section(out, "What happened")
    assert happened.strip() == ("Pinecrest Health wrote: “While reviewing this morning's export we found 212 rows "
                                "from another organisation. Could you tell us how to handle the file?”")
    assert "Hi team" not in out and "Kind regards" not in out and "Ruth Abernathy" not in out
    assert "Executive sponsor: Jordan Ellis, engaged 2026-11-26 10:00 UTC. This escalation follows ESC-48100." in out
    assert "- Nobody recorded yet in Internal Stakeholders Notified." in out


def test_a_person_written_summary_is_kept_as_written(desk: Path) -> None:
    happened = section(brief(desk, "ESC-51877"), "What happened")
    assert "wrote: “" not in happened and "Northwind's dispatch console has returned HTTP 503" in happened
