"""`esc new` for the same customer and category again within the window: the new document
follows the earlier one (front matter and Timeline), and the sponsor is due within 24 hours."""

from __future__ import annotations

from support.overdue import esc, items_of, overdue_json, write_config


def new(repo, now: str, customer: str, category: str, ticket: str):
    result = esc("--repo", str(repo), "--now", now, "new", "--customer", customer, "--severity", "SEV-3",
                 "--owner", "Lee Park", "--title", "Exports failing", "--category", category, "--ticket", ticket)
    assert result.code == 0, result.err
    return result


def test_a_second_escalation_from_esc_new_follows_the_first(repo):
    write_config(repo, extra='[executive]\nrepeat_window = "14d"\n')
    new(repo, "2026-11-02T10:00:00Z", "Meridian", "exports", "9001")
    assert esc("--repo", str(repo), "--now", "2026-11-04T10:00:00Z", "resolve", "ESC-9001").code == 0

    again = new(repo, "2026-11-15T10:00:00Z", "Meridian", "exports", "9002")
    assert ("Second escalation for Meridian (exports) within 14 d: follows ESC-9001 (opened 2026-11-02, Resolved); "
            "engage the executive sponsor within 1 d: esc sponsor ESC-9002 \"Name\"") in again.out
    text = next((repo / "escalations").glob("ESC-9002-*.md")).read_text(encoding="utf-8")
    assert "\nfollows: ESC-9001\n" in text
    assert ("- 2026-11-15 10:00 UTC — Second escalation for Meridian (exports) within 14 d: follows ESC-9001 "
            "(opened 2026-11-02, Resolved) <!-- esc:follows:ESC-9001 -->") in text
    item = items_of(overdue_json(repo, "2026-11-16T10:01:00Z"), "ESC-9002")["exec_followup"]
    assert item["due"] == "2026-11-16T10:00:00Z" and "a second escalation (follows ESC-9001)" in item["rule"]

    # Another category, another customer, or past the window: a first escalation.
    for customer, category, ticket, now in (("Meridian", "billing", "9004", "2026-11-15T11:00:00Z"),
                                            ("Lakeshore", "exports", "9005", "2026-11-15T12:00:00Z")):
        out = new(repo, now, customer, category, ticket).out
        assert "Second escalation" not in out, (customer, category)
    new(repo, "2026-11-01T10:00:00Z", "Northwind", "exports", "9006")
    assert esc("--repo", str(repo), "--now", "2026-11-02T10:00:00Z", "resolve", "ESC-9006").code == 0
    assert "Second escalation" not in new(repo, "2026-11-17T10:01:00Z", "Northwind", "exports", "9007").out
