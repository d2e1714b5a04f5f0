"""Properties of the merge over concurrent human and machine edits, through the real driver
and real git: no conflict except the same human line or key changed two ways, no line of
either side lost, every result passes `esc check`."""

from __future__ import annotations

import difflib
import random
from datetime import datetime, timezone

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from escalation_desk import gitrepo
from escalation_desk.config import Config
from escalation_desk.tracking.check_rules import check_document
from escalation_desk.tracking.model import MACHINE_FIELDS
from escalation_desk.tracking.parse import parse_document
from support.edits import MergeRepo, Pair, make_pair

NOW = datetime(2026, 11, 26, 12, tzinfo=timezone.utc)
CONFIG = Config()


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> MergeRepo:
    return MergeRepo(tmp_path_factory.mktemp("merges"), driver=gitrepo.driver_command())


def added(base: str, side: str) -> list[str]:
    """The lines `side` has that `base` has not (what that side wrote)."""
    a, b = base.splitlines(), side.splitlines()
    out = []
    for op, _i1, _i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op in ("insert", "replace"):
            out += b[j1:j2]
    return out


def front_line(line: str) -> str | None:
    key = line.split(":", 1)[0]
    return key if ":" in line and key.isidentifier() else None


def errors(text: str, path: str) -> set[str]:
    return {f.code for f in check_document(parse_document(path, text), CONFIG, NOW) if f.level == "error"}


def assert_merge_properties(pair: Pair, clean: bool, result: str) -> None:
    base, ours, theirs = pair.texts()
    if not clean:
        assert pair.same_human_line_two_ways(), f"a conflict no person caused:\n{result}"
        return
    assert not pair.same_human_line_two_ways() or not {k for e in pair.ours for k in e.keys} & \
        {k for e in pair.theirs for k in e.keys}
    lines = set(result.splitlines())
    theirs_keys = {front_line(ln) for ln in added(base, theirs)}
    for side, other_keys in ((ours, theirs_keys), (theirs, set())):
        for line in added(base, side):
            key = front_line(line)
            if key in MACHINE_FIELDS and key in other_keys:
                continue      # a machine key both changed: theirs (the sync's) value wins
            if key in MACHINE_FIELDS and key in {front_line(ln) for ln in added(base, theirs)} and side is ours:
                continue
            assert line in lines, f"lost {line!r} of {'ours' if side is ours else 'theirs'}"
    for line in base.splitlines():     # a line neither side touched is still there
        if line in ours.splitlines() and line in theirs.splitlines():
            assert line in lines, f"lost the untouched {line!r}"
    assert errors(result, pair.path) <= errors(ours, pair.path) | errors(theirs, pair.path)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1))
def test_concurrent_edits_merge_through_git_and_the_driver(repo: MergeRepo, seed: int) -> None:
    pair = make_pair(random.Random(seed))
    clean, result = repo.merge(pair.path, *pair.texts())
    assert_merge_properties(pair, clean, result)
    if pair.same_human_line_two_ways():
        assert not clean, "the same human key or line changed two ways must be a conflict"
