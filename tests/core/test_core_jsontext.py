"""tracking.jsontext writes what ``json.dumps(value, indent=2)`` writes, character for character,
and tracking.spill gives texts back sorted by key, ties in the order they came."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from support.core import NOW, example_text, roster_config, ACME, BRIGHTPATH, NORTHWIND

from escalation_desk.tracking.index import record
from escalation_desk.tracking.jsontext import dumps_indented
from escalation_desk.tracking.parse import parse_document
from escalation_desk.tracking.spill import SortedTexts

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(),
                    st.sampled_from(["", "Zürich", "\u2028", "\x00", "\ud800", '"\\', "😀"]))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.tuples(inner, inner),
    st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=25)


@settings(max_examples=400, deadline=None, database=None)
@given(values, st.booleans(), st.integers(0, 3))
def test_the_same_text_as_json_dumps(value: object, ascii_only: bool, depth: int) -> None:
    pad = "  " * depth
    expected = pad + json.dumps(value, indent=2, ensure_ascii=ascii_only).replace("\n", "\n" + pad)
    assert dumps_indented(value, ensure_ascii=ascii_only, depth=depth) == expected


def test_records_and_what_it_does_not_know() -> None:
    config = roster_config()
    for name in (ACME, BRIGHTPATH, NORTHWIND):
        rec = record(parse_document(name, example_text(name)), config, NOW)
        for ascii_only in (True, False):
            assert dumps_indented(rec, ensure_ascii=ascii_only) == json.dumps(rec, indent=2, ensure_ascii=ascii_only)
    odd = {"set": {1: "int key"}, "inf": float("inf"), "bool subclass": [True, 1.0]}
    assert dumps_indented(odd) == json.dumps(odd, indent=2)
    assert dumps_indented(odd, depth=1) == "  " + json.dumps(odd, indent=2).replace("\n", "\n  ")


def test_sorted_texts_come_back_by_key_in_arrival_order_for_ties() -> None:
    texts = SortedTexts()
    for key, text in [("b", "B1"), ("a", "A — ü"), ("b", "B2"), ("c", ""), ("a", "A2")]:
        texts.add(key, text)
    assert len(texts) == 5
    assert list(texts.texts()) == ["A — ü", "A2", "B1", "B2", ""]
