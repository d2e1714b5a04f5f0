"""One setting says who a tier engages: `[tiers.N] notify` drives both the tier's
leaders-notified deadline and whom `esc notify` tells; the old `tier_roles` key is still
read, with one deprecation line. `esc notify`'s "due soon" is each deadline's own warning."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from support.overdue import esc, items_of, overdue_json, utc, write_config, write_doc

PEOPLE = """
[[people]]
name = "Jordan Ellis"
role = "VP CS"

[[people]]
name = "Sam Okafor"
role = "VP Engineering"

[[people]]
name = "Rina Patel"
role = "CTO"

[notify.channels.slack]
label = "Slack"

[notify.routes]
"*" = ["slack"]
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "escalations").mkdir()
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    return tmp_path


def dry_run(repo: Path, now: str):
    result = esc("--repo", str(repo), "--now", now, "notify", "--dry-run")
    assert result.code == 0, result.text
    return result


def told(result, event: str) -> list[str]:
    return [line for line in result.out.splitlines() if f" {event}: " in line]


def test_the_tier_setting_names_both_the_deadline_and_who_is_told(repo):
    write_config(repo, extra='[tiers.3]\nnotify = ["VP CS", "CTO"]\nwithin = "1h"\n' + PEOPLE)
    write_doc(repo, "ESC-8001", opened="2026-11-24T14:00:00Z", comms=("2026-11-24T14:30:00Z",), tier=3,
              leaders=False, target_resolution=utc("2026-11-30T17:00:00Z"))
    result = dry_run(repo, "2026-11-24T14:40:00Z")
    assert result.err == ""
    raised = told(result, "tier_raised")
    assert raised and all(line.startswith("told ESC-8001 tier_raised:") for line in raised)
    names = " ".join(raised)
    assert "Jordan Ellis" in names and "Rina Patel" in names
    assert "Sam Okafor" not in names          # the default Tier 3's VP Engineering is not this team's
    item = items_of(overdue_json(repo, "2026-11-24T15:01:00Z"), "ESC-8001")["tier_leaders"]
    assert item["due"] == "2026-11-24T15:00:00Z" and "VP CS (Jordan Ellis)" in item["rule"]

    # Told (recorded) → the deadline is met and nobody holding that entry is told again.
    logged = esc("--repo", str(repo), "--now", "2026-11-24T14:45:00Z", "log", "ESC-8001", "stakeholder",
                 "--name", "Jordan Ellis", "--role", "VP CS")
    assert logged.code == 0, logged.err
    again = " ".join(told(dry_run(repo, "2026-11-24T14:50:00Z"), "tier_raised"))
    assert "Jordan Ellis" not in again and "Rina Patel" in again


def test_the_old_tier_roles_key_is_still_read_with_one_deprecation_line(repo):
    write_config(repo, extra='[tier_roles]\n3 = ["CTO"]\n' + PEOPLE)
    write_doc(repo, "ESC-8002", opened="2026-11-24T14:00:00Z", comms=("2026-11-24T14:30:00Z",), tier=3,
              leaders=False, target_resolution=utc("2026-11-30T17:00:00Z"))
    result = dry_run(repo, "2026-11-24T14:40:00Z")
    assert result.err_lines == ["esc: deprecated: escalations.toml: tier_roles is deprecated: write [tiers.N] "
                                "notify = [...] (who a tier engages, and esc notify tells) instead; read as tiers "
                                "this time"]
    assert "Rina Patel" in " ".join(told(result, "tier_raised"))
    item = items_of(overdue_json(repo, "2026-11-24T16:00:00Z"), "ESC-8002")["tier_leaders"]
    assert "CTO (Rina Patel)" in item["rule"] and item["due"] == "2026-11-24T15:00:00Z"   # Tier 3's default 1 h


def test_due_soon_is_the_deadlines_own_warning_not_a_window_of_its_own(repo):
    # A SEV-2 update every 4 business hours warns with a quarter (1 business hour) left, i.e. at
    # 17:30 UTC for the 18:30 one; the old fixed 30-minute window would have said nothing until 18:00.
    write_config(repo, extra='[notify]\ndue_soon_within = "30m"\n' + PEOPLE)
    write_doc(repo, "ESC-8003", opened="2026-11-24T14:00:00Z", comms=("2026-11-24T14:30:00Z",), tier=1,
              target_resolution=utc("2026-11-30T17:00:00Z"), exec_sponsor="Jordan Ellis")
    early = dry_run(repo, "2026-11-24T17:20:00Z")
    assert "due_soon" not in early.out
    assert early.err_lines == ["esc: deprecated: escalations.toml: notify.due_soon_within is no longer used: esc "
                               "notify says \"due soon\" at each deadline's own warning time ([severities.SEV-n] "
                               "warn_fraction / warn_at_least / warn_before); delete it"]
    soon = told(dry_run(repo, "2026-11-24T17:35:00Z"), "due_soon")
    assert soon == ["told ESC-8003 due_soon: Dana Whitfield via Slack (dry run)"]
