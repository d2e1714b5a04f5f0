"""A bad `escalations.toml` or a bad `--now` ends in one clear line, never a traceback."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from support.core import NOW_TEXT, esc, make_desk
from escalation_desk.config import Config, load_config
from escalation_desk.errors import DeskError

CONFIG_CASES = [
    # (id, file content, what the one line must say)
    ("unknown-top-level-key", "bogus = 1\n", "bogus: unknown key (a typo?)"),
    ("unknown-nested-key", "[business_hours]\ntimzone = 'UTC'\n", "business_hours.timzone: unknown key (a typo?)"),
    ("bad-duration", "[severities.SEV-2]\nack = '1 fortnight'\n",
     "severities.SEV-2.ack: '1 fortnight' is not a duration; write a number and a unit, e.g. 15m, 4h, 1d, 1w"),
    ("unknown-severity", "[severities.SEV-9]\nack = '1h'\n", "severities: unknown severity 'SEV-9'"),
    ("unknown-timezone", "[business_hours]\ntimezone = 'Mars/Olympus'\n",
     "business_hours.timezone: unknown time zone 'Mars/Olympus'; use an IANA name such as Europe/Berlin"),
    ("unknown-holiday-country", "[business_hours]\nholidays = 'XX'\n",
     "business_hours.holidays: 'XX' is not a country the holidays library knows"),
    ("unknown-holiday-subdivision", "[business_hours]\nholidays = 'US'\nsubdivision = 'ZZ'\n",
     "business_hours.subdivision: 'ZZ' is not a subdivision of US"),
    ("no-working-days", "[business_hours]\ndays = []\n", "business_hours.days: days must be weekday names"),
    ("closes-before-opening", "[business_hours]\nopen = 17:00:00\nclose = 09:00:00\n",
     "business_hours: open must be earlier than close"),
    ("bad-extra-holiday", "[business_hours]\nextra_holidays = ['next friday']\n",
     "business_hours.extra_holidays: 'next friday' is not a date; write YYYY-MM-DD"),
    ("impossible-extra-holiday", "[business_hours]\nextra_holidays = ['2026-13-01']\n",
     "business_hours.extra_holidays: '2026-13-01' is not a date; write YYYY-MM-DD"),
    ("negative-owner-limit", "[lints]\nowner_max_open = -1\n", "lints.owner_max_open: Input should be greater than or equal to 1"),
    ("instant-ack", "[severities.SEV-1]\nack = '0m'\n", "severities.SEV-1: ack must be longer than 0 minutes"),
    ("cadence-in-seconds", "[severities.SEV-1]\nupdate_every = '1s'\n",
     "severities.SEV-1: update_every must be at least 15 minutes"),
    ("tag-with-a-space", "[zendesk]\nescalation_tag = 'Escalation Tag'\n",
     "zendesk.escalation_tag: 'Escalation Tag' is not one Zendesk tag (Zendesk splits tags at spaces); "
     "write 'escalation_tag'"),
    ("lint-code-typo", "[lints]\nas_errors = ['heard-blam']\n",     # review F22: did nothing, silently
     "lints.as_errors: 'heard-blam' is not a lint code (did you mean 'heard-blame'? the codes are in the README's "
     "lint table)"),
    ("made-up-lint-code-off", "[lints]\noff = ['my-own-rule']\n",
     "lints.off: 'my-own-rule' is not a lint code"),
    ("always-error-off", "[lints]\noff = ['duplicate-id']\n",     # review3 M1: accepted, did nothing
     "lints.off: 'duplicate-id' is always an error (the document itself is broken) and cannot be turned off"),
    ("wrong-type", "[lints]\nowner_max_open = 'five'\n", "lints.owner_max_open: Input should be a valid integer"),
    ("person-without-role", "[[people]]\nname = 'Lee Park'\n", "people.0.role: Field required"),
    ("toml-syntax", "[business_hours\ntimezone = 'UTC'\n", "TOML syntax error: Expected ']' at the end of a table "
                                                            "declaration (at line 1, column 16)"),
]


@pytest.mark.parametrize("content, message", [c[1:] for c in CONFIG_CASES], ids=[c[0] for c in CONFIG_CASES])
def test_bad_config_is_one_line_naming_the_key(tmp_path: Path, content: str, message: str) -> None:
    desk = make_desk(tmp_path, roster=False)
    config = desk / "escalations.toml"
    config.write_text(content, encoding="utf-8")

    with pytest.raises(DeskError) as raised:
        load_config(config)
    assert str(raised.value) == f"{config}: {message}" or message in str(raised.value)

    for command in (["check"], ["status"], ["index", "--out", "-"]):
        result = esc("--repo", desk, "--now", NOW_TEXT, *command)
        assert result.code == 2, (command, result)
        assert len(result.err_lines) == 1, result.err
        assert result.err_lines[0].startswith(f"esc: error: {config}: ")
        assert message in result.err_lines[0]
        assert result.out == ""


def test_config_that_is_not_utf8(tmp_path: Path) -> None:
    desk = make_desk(tmp_path, roster=False)
    (desk / "escalations.toml").write_bytes(b"[business_hours]\ntimezone = '\xff'\n")
    result = esc("--repo", desk, "--now", NOW_TEXT, "check")
    assert (result.code, result.err_lines) == (2, [f"esc: error: {desk / 'escalations.toml'}: not UTF-8 text; "
                                                   "save the file as UTF-8"])


def test_an_explicit_config_that_does_not_exist(tmp_path: Path) -> None:
    desk = make_desk(tmp_path, roster=False)
    result = esc("--repo", desk, "--now", NOW_TEXT, "--config", tmp_path / "nope.toml", "check")
    assert (result.code, result.err_lines) == (2, [f"esc: error: {tmp_path / 'nope.toml'}: config file not found; "
                                                   "check --config"])


def test_no_config_file_means_every_default(tmp_path: Path) -> None:
    desk = make_desk(tmp_path, roster=False)
    assert load_config(desk / "escalations.toml") == Config()
    assert esc("--repo", desk, "--now", NOW_TEXT, "check").code == 0


def test_a_partial_severity_table_overrides_only_what_it_names(tmp_path: Path) -> None:
    path = tmp_path / "escalations.toml"
    path.write_text("[severities.SEV-2]\nack = '30m'\n", encoding="utf-8")
    config = load_config(path)
    assert config.severity("SEV-2").ack == timedelta(minutes=30)
    assert config.severity("SEV-2").action_plan == timedelta(hours=4)
    assert config.severity("SEV-1").ack == timedelta(minutes=15)


@pytest.mark.parametrize("value, message", [
    ("yesterday", "Invalid value for '--now': 'yesterday' is not an ISO 8601 time"),
    ("2026-11-26T12:00:00", "Invalid value for '--now': '2026-11-26T12:00:00' has no time zone"),
    ("2026-13-01T00:00:00Z", "Invalid value for '--now': '2026-13-01T00:00:00Z' is not an ISO 8601 time"),
])
def test_bad_now_is_a_clear_usage_error(desk: Path, value: str, message: str) -> None:
    result = esc("--repo", desk, "--now", value, "check")
    assert result.code == 2
    assert len(result.err_lines) == 1, "a usage error is one line"
    assert result.err_lines[0].startswith(f"esc: error: {message}")
    assert "Traceback" not in result.err and result.out == ""


def test_now_with_an_offset_is_converted_to_utc(desk: Path) -> None:
    import json

    def overdue(now: str) -> list[str]:
        result = esc("--repo", desk, "--now", now, "status", "ESC-51877", "--json")
        assert result.code == 0, result
        return [o["kind"] for o in json.loads(result.out)["overdue"]]

    # The next SEV-1 update is due at 13:05 UTC: 13:30+01:00 is 12:30 UTC, before it.
    assert overdue("2026-11-26T13:30:00+01:00") == []
    assert overdue("2026-11-26T13:30:00Z") == ["customer_update"]


def test_a_config_named_on_the_command_line_must_exist(tmp_path: Path) -> None:
    """`--config /nonexistent/escalations.toml` (the default's own name) is one error, not the defaults."""
    desk = make_desk(tmp_path, roster=False)
    missing = tmp_path / "nowhere" / "escalations.toml"
    result = esc("--repo", desk, "--now", NOW_TEXT, "--config", missing, "check")
    assert (result.code, result.err_lines) == (2, [f"esc: error: {missing}: config file not found; check --config"])
