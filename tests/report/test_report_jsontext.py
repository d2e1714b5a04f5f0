"""report.jsontext renders exactly what json.dumps(value, indent=2, ensure_ascii=False) renders."""

from __future__ import annotations

import json

from hypothesis import given, settings, strategies as st

from escalation_desk.report import jsontext

SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text()
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
                      | st.dictionaries(st.text(), inner, max_size=4), max_leaves=30)


@settings(max_examples=150, deadline=None)
@given(VALUES)
def test_the_same_text_as_json_dumps(value: object) -> None:
    assert jsontext.dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_edge_cases() -> None:
    for value in ({}, [], {"a": {}}, {"a": []}, [[]], -0.0, 1.0, 1e100, 2**70, "Zürich \u2028 \x00 \"q\"",
                  {"n": float("nan"), "i": [float("inf")]}, {1: "int key"}, {"k": {2: [None]}}):
        assert jsontext.dumps(value) == json.dumps(value, indent=2, ensure_ascii=False), value


def test_an_index_record(git_report) -> None:
    for record in git_report.open_escalations:
        plain = record.record()
        assert jsontext.dumps(plain) == json.dumps(plain, indent=2, ensure_ascii=False)
