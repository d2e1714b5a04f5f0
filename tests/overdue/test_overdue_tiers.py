"""A tier means something: each tier above 1 obliges us to notify its leaders, on a clock."""

from __future__ import annotations

from support.overdue import esc, items_of, overdue_json, write_config, write_doc


def test_tier_4_needs_the_cro_or_ceo_and_the_cto(repo):
    write_config(repo, extra='[[people]]\nname = "Morgan Hale"\nrole = "CEO"\n')
    # The default stakeholders are the SEV leaders (VP CS, VP Engineering, CTO, …), no CRO or CEO.
    path = write_doc(repo, "ESC-6001", opened="2026-11-23T14:00:00Z", comms=("2026-11-23T14:30:00Z",), tier=4)
    assert "tier_leaders" not in items_of(overdue_json(repo, "2026-11-23T14:10:00Z"), "ESC-6001")
    item = items_of(overdue_json(repo, "2026-11-23T14:31:00Z"), "ESC-6001")["tier_leaders"]
    assert item["label"] == "Tier 4 leaders notified" and item["due"] == "2026-11-23T14:30:00Z"
    assert "missing: CRO or CEO (Morgan Hale)" in item["rule"]     # the roster names who to call
    logged = esc("--repo", str(repo), "--now", "2026-11-23T14:40:00Z", "log", "ESC-6001", "stakeholder",
                 "--name", "Morgan Hale", "--role", "CEO")
    assert logged.code == 0, logged.err
    assert "tier_leaders" not in items_of(overdue_json(repo, "2026-11-23T14:41:00Z"), "ESC-6001")
    assert path.exists()


def test_tier_1_brings_no_duty_and_triggers_imply_a_tier(repo):
    write_config(repo)
    write_doc(repo, "ESC-6002", opened="2026-11-23T14:00:00Z", comms=("2026-11-23T14:30:00Z",), tier=1, leaders=False)
    assert "tier_leaders" not in items_of(overdue_json(repo, "2026-11-24T14:00:00Z"), "ESC-6002")
    # No tier written: the recorded triggers imply one (keyword:cancel → Tier 2).
    write_doc(repo, "ESC-6003", opened="2026-11-23T14:00:00Z", comms=("2026-11-23T14:30:00Z",), leaders=False,
              triggers=["keyword:cancel"])
    item = items_of(overdue_json(repo, "2026-11-24T14:00:00Z"), "ESC-6003")["tier_leaders"]
    assert item["label"] == "Tier 2 leaders notified"
    assert "CS Manager or Senior CSM (Dana Whitfield)" in item["rule"] and "Engineering Lead" in item["rule"]
