"""Public holiday dates for one (country, subdivision, year), cached on disk.

The ``holidays`` package computes them from rules, and importing any one country imports
every country module it ships (about 200: ~60–100 ms, most of `esc check FILE`'s start-up).
The dates of a year only change when the package does, so they are kept in the user's
cache folder, one small JSON file per (holidays version, country, subdivision, year); a
command that finds its file never imports the package. Anything wrong with the cache (no
folder, no permission, a damaged file, an unknown package version) means "compute", never
an error: the cache is only ever a copy of what the package answers.
"""

from __future__ import annotations

import json
import os
import re
import sys
from datetime import date
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

_SAFE = re.compile(r"[^A-Za-z0-9_.-]")


def holiday_dates(country: str, subdivision: str | None, year: int) -> frozenset[date]:
    """The public holidays of `country` (and `subdivision`) in `year`; empty for no country.
    Raises ValueError (one line naming the setting) for a country or subdivision the
    holidays package does not know."""
    if not country:
        return frozenset()
    path = _cache_file(country, subdivision, year)
    found = _read(path) if path is not None else None
    if found is not None:
        return found
    dates = _computed(country, subdivision, year)
    if path is not None:
        _write(path, dates)
    return dates


def _computed(country: str, subdivision: str | None, year: int) -> frozenset[date]:
    import holidays as holiday_calendars   # only when the cache has no answer

    try:
        return frozenset(holiday_calendars.country_holidays(country, subdiv=subdivision, years=year))
    except NotImplementedError:
        if subdivision is not None and country in holiday_calendars.list_supported_countries():
            raise ValueError(
                f"business_hours.subdivision: {subdivision!r} is not a subdivision of {country} the holidays "
                "library knows; use its ISO 3166-2 code such as CA or BE"
            ) from None
        raise ValueError(
            f"business_hours.holidays: {country!r} is not a country the holidays library knows; "
            "use an ISO 3166 code such as US, GB or DE"
        ) from None


@lru_cache(maxsize=1)
def package_version() -> str | None:
    """The installed holidays version, read from its dist-info folder's name (importing the
    package, or importlib.metadata, would cost what the cache saves); None if not found."""
    spec = find_spec("holidays")
    if spec is None or not spec.origin:
        return None
    site = Path(spec.origin).parent.parent
    try:
        names = [n for n in os.listdir(site) if n.startswith("holidays-") and n.endswith(".dist-info")]
    except OSError:
        return None
    return names[0][len("holidays-"):-len(".dist-info")] if len(names) == 1 else None


def cache_folder() -> Path:
    return Path(_user_cache_dir()) / "holidays"


def _user_cache_dir() -> str:
    """platformdirs' user cache folder for the product. On Linux with an absolute
    $XDG_CACHE_HOME or $HOME it is that (or ~/.cache) joined with the name, found here without
    importing platformdirs (its import is a third of `esc check FILE`'s own start-up); anything
    else asks platformdirs (tests/core/test_core_holiday_cache.py holds the two equal)."""
    if sys.platform == "linux" and not hasattr(sys, "getandroidapilevel") and os.environ.get("ANDROID_DATA") is None:
        xdg, home = os.environ.get("XDG_CACHE_HOME", ""), os.environ.get("HOME", "")
        if os.path.isabs(xdg):
            return os.path.join(xdg, _APP)
        if os.path.isabs(home):
            return os.path.join(os.path.expanduser("~/.cache"), _APP)
    from platformdirs import user_cache_dir

    return user_cache_dir(_APP, appauthor=False)


_APP = "escalation-desk"


def _cache_file(country: str, subdivision: str | None, year: int) -> Path | None:
    version = package_version()
    if version is None:
        return None
    name = "-".join(_SAFE.sub("_", part) for part in (version, country, subdivision or "", str(year)))
    return cache_folder() / f"{name}.json"


def _read(path: Path) -> frozenset[date] | None:
    try:
        return frozenset(date.fromisoformat(d) for d in json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def _write(path: Path, dates: frozenset[date]) -> None:
    """Write atomically (a concurrent reader sees the whole file or none); give up quietly."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    except OSError:
        return
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(sorted(d.isoformat() for d in dates), out)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
