"""Holiday dates come from the holidays package once per (version, country, subdivision,
year) and from the user cache folder after that, without importing the package; the cache
only ever holds the package's own answer, and anything wrong with it means "compute"."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import holidays
import pytest

from escalation_desk.playbook import holiday_dates as hd


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "escalation-desk" / "holidays"


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.json")) if folder.is_dir() else []


@pytest.mark.parametrize("country, subdivision, year", [("US", None, 2026), ("DE", "BY", 2027), ("JP", None, 2025),
                                                        ("US", "CA", 2026)])
def test_the_dates_are_the_packages_and_the_second_answer_comes_from_the_file(cache, country, subdivision, year):
    expected = frozenset(holidays.country_holidays(country, subdiv=subdivision, years=year))
    assert hd.holiday_dates(country, subdivision, year) == expected
    (written,) = _files(cache)
    assert hd.package_version() in written.name and country in written.name and str(year) in written.name
    written.write_text(json.dumps(["2026-03-03"]), encoding="utf-8")   # what is read is what the file says
    assert hd.holiday_dates(country, subdivision, year) == {date(2026, 3, 3)}


def test_the_version_is_the_installed_packages() -> None:
    from importlib.metadata import version

    assert hd.package_version() == version("holidays")


def test_no_country_means_no_holidays_and_no_file(cache):
    assert hd.holiday_dates("", None, 2026) == frozenset()
    assert _files(cache) == []


@pytest.mark.parametrize("damage", ["{not json", '{"a": 1}', "[1, 2]", '["2026-13-45"]'])
def test_a_damaged_file_is_computed_again_and_rewritten(cache, damage):
    hd.holiday_dates("US", None, 2026)
    (written,) = _files(cache)
    written.write_text(damage, encoding="utf-8")
    assert date(2026, 11, 26) in hd.holiday_dates("US", None, 2026)     # Thanksgiving
    assert date(2026, 11, 26).isoformat() in json.loads(written.read_text(encoding="utf-8"))


def test_an_unusable_cache_folder_still_answers(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))                  # the folder cannot be created
    assert date(2026, 12, 25) in hd.holiday_dates("US", None, 2026)


@pytest.mark.parametrize("country, subdivision, message", [
    ("XX", None, "business_hours.holidays: 'XX' is not a country the holidays library knows"),
    ("US", "ZZ", "business_hours.subdivision: 'ZZ' is not a subdivision of US the holidays library knows"),
])
def test_an_unknown_country_or_subdivision_is_one_line_and_never_cached(cache, country, subdivision, message):
    for _ in range(2):
        with pytest.raises(ValueError, match=message):
            hd.holiday_dates(country, subdivision, 2026)
    assert _files(cache) == []


def test_a_file_for_another_package_version_is_not_used(cache):
    hd.holiday_dates("US", None, 2026)
    (written,) = _files(cache)
    other = written.with_name(written.name.replace(hd.package_version(), "0.0.1"))
    other.write_text(json.dumps([]), encoding="utf-8")
    written.unlink()
    assert date(2026, 11, 26) in hd.holiday_dates("US", None, 2026)


CLOCK = """
import sys
from datetime import datetime, timedelta, timezone
from escalation_desk.playbook.businesshours import BusinessClock
from escalation_desk.playbook.config import BusinessHours
start = datetime(2026, 11, 25, 20, 0, tzinfo=timezone.utc)                # Wed 15:00 in New York
print(BusinessClock(BusinessHours()).add(start, timedelta(hours=4)).isoformat(), "holidays" in sys.modules)
"""


def test_a_process_that_finds_the_file_never_imports_the_package(tmp_path):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-c", CLOCK], env=env, capture_output=True, text=True, check=True)
            for _ in range(2)]
    # Thanksgiving (Thu 26th) skipped both times: Fri 11:00 EST; the package only the first time.
    assert [r.stdout.split() for r in runs] == [["2026-11-27T16:00:00+00:00", "True"],
                                                ["2026-11-27T16:00:00+00:00", "False"]]


@pytest.mark.parametrize("xdg, home", [("/tmp/xdg-cache", "/home/dana"), ("", "/home/dana"), (None, "/home/dana/"),
                                       ("relative/cache", "/home/dana"), ("/x", None), ("", "relative-home")])
def test_the_cache_folder_is_where_platformdirs_puts_it(monkeypatch, xdg, home) -> None:
    """Found without importing platformdirs (on Linux): the same folder it names."""
    from platformdirs import user_cache_dir

    for name, value in (("XDG_CACHE_HOME", xdg), ("HOME", home)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    try:
        expected = user_cache_dir("escalation-desk", appauthor=False)
    except RuntimeError:   # platformdirs finds no home: neither may we
        with pytest.raises(RuntimeError):
            hd.cache_folder()
        return
    assert hd.cache_folder() == Path(expected) / "holidays"
