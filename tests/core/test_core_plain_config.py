"""A simple escalations.toml read without pydantic (playbook.plain_config) either declines or
gives exactly the playbook the models load (config.load_config): the same values, of the same
types; a file the models refuse is always declined, so their one-line message stays theirs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from escalation_desk.config import load_config
from escalation_desk.errors import DeskError
from escalation_desk.playbook.config import Playbook
from escalation_desk.playbook.plain_config import plain_playbook
from support.core import ROSTER
from support.records import plain_settings as _plain

zones = st.sampled_from(["America/New_York", "Europe/Berlin", "UTC", "Asia/Kolkata", "Mars/Olympus", "", "../etc",
                         "europe/berlin"])
countries = st.sampled_from(["US", "DE", "GB", "JP", "XX", "", "us"])
subdivisions = st.sampled_from(["CA", "BY", "NY", "ZZ", ""])
words = st.one_of(st.sampled_from(["Dana Whitfield", "Senior CSM", "CS Director", "VP CS", "", " x ", "Ünï"]),
                  st.text(max_size=8))
people = st.lists(st.fixed_dictionaries({"name": words, "role": words},
                                        optional={"github": words, "email": words, "phone": words}), max_size=3)
hours = st.fixed_dictionaries({}, optional={"timezone": zones, "holidays": countries, "subdivision": subdivisions,
                                            "days": st.just(["mon"])})
files = st.fixed_dictionaries({}, optional={"business_hours": hours, "people": people,
                                            "lints": st.just({"off": ["heard-blame"]})})


likely = st.fixed_dictionaries({}, optional={   # mostly what the plain reader takes
    "business_hours": st.fixed_dictionaries({}, optional={
        "timezone": st.sampled_from(["America/New_York", "Europe/Berlin", "UTC", "Asia/Kolkata"]),
        "holidays": st.sampled_from(["US", "DE", "GB"]), "subdivision": st.sampled_from(["CA", "NY", "ZZ"])}),
    "people": st.lists(st.fixed_dictionaries({"name": words, "role": words}, optional={"github": words, "email": words}),
                       max_size=4)})


def _toml(value: dict) -> str:
    lines: list[str] = []
    for key, table in value.items():
        if key == "people":
            for person in table:
                lines += ["[[people]]"] + [f"{k} = {json.dumps(v)}" for k, v in person.items()]
        else:
            lines += [f"[{key}]"] + [f"{k} = {json.dumps(v)}" for k, v in table.items()]
    return "\n".join(lines) + "\n"


def _models(path: Path) -> dict | None:
    try:
        config = load_config(path)
    except DeskError:
        return None
    whole = _plain(config)[1]
    return {name: whole[name] for name in Playbook.model_fields}


def _same_or_declined(path: Path) -> bool:
    """True when the plain reader took the file (and then it equals the models' playbook)."""
    plain = plain_playbook(path)
    if plain is None:
        return False
    assert _models(path) == _plain(plain)[1]
    return True


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files)
def test_the_plain_reader_declines_or_gives_the_models_playbook(tmp_path: Path, value: dict) -> None:
    path = tmp_path / "escalations.toml"
    path.write_text(_toml(value), encoding="utf-8")
    _same_or_declined(path)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(likely)
def test_near_what_it_takes_the_plain_reader_declines_or_gives_the_models_playbook(tmp_path: Path, value: dict) -> None:
    path = tmp_path / "escalations.toml"
    path.write_text(_toml(value), encoding="utf-8")
    _same_or_declined(path)


def test_the_example_roster_is_read_plainly_and_as_the_models_read_it(tmp_path: Path) -> None:
    assert _same_or_declined(ROSTER)


@pytest.mark.parametrize("text", [
    "[business_hours]\ntimezone = \"Mars/Olympus\"\n",          # the models refuse the zone
    "[business_hours]\nholidays = \"XX\"\n",                    # and the country (load_config's check)
    "[business_hours]\ntimezone = 5\n",
    "[[people]]\nname = \"Dana\"\n",                            # no role
    "[[people]]\nname = \"Dana\"\nrole = \"CSM\"\nphone = \"1\"\n",
    "[lints]\noff = [\"heard-blame\"]\n",                       # a key this reader does not take
    "tier_roles = {2 = [\"CSM\"]}\n",                          # deprecated: the models read it (and say so)
    "[business_hours\n",                                        # not TOML
    "people = 3\n",
])
def test_what_only_the_models_can_decide_is_declined(tmp_path: Path, text: str) -> None:
    path = tmp_path / "escalations.toml"
    path.write_text(text, encoding="utf-8")
    assert plain_playbook(path) is None


def test_a_file_that_is_not_utf8_is_declined(tmp_path: Path) -> None:
    path = tmp_path / "escalations.toml"
    path.write_bytes(b"[business_hours]\ntimezone = \"\xff\"\n")
    assert plain_playbook(path) is None
