"""The HTML page's long tables (report.html_rows) and the JSON report's list items
(report.serialize) are written in Python, not through jinja2 and the plain copy: each must be
the text the old template loops / ``jsontext.dumps(_plain(item))`` wrote, for any values.

The loops below are the template's own, as they stood before the rows moved to Python.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import jinja2
import markupsafe
from hypothesis import given, settings, strategies as st

from escalation_desk.report import formatting as fmt
from escalation_desk.report import serialize
from escalation_desk.report.html_rows import escape_text, open_rows, overdue_rows
from escalation_desk.report.jsontext import dumps
from escalation_desk.report.model import (CategoryCount, Change, EscalationChanges, OverdueItem, OwnerLoad,
                                          WeekCount)
from escalation_desk.report.records import OpenEscalation

OPEN_LOOP = """{% for e in rows %}
        <tr>
          <td>{% if url(e.path) %}<a href="{{ url(e.path) }}">{{ e.id }}</a>{% else %}{{ e.id }}{% endif %}<br><small>{{ e.title }}</small></td>
          <td><span class="sev" style="background: {{ colours[e.severity] }}">{{ e.severity }}</span></td>
          <td class="num">{{ e.tier or "—" }}</td>
          <td>{{ e.status }}</td>
          <td>{{ e.customer }}</td>
          <td>{{ e.owner }}</td>
          <td class="num">{{ fmt.money(e.arr) }}</td>
          <td>{{ fmt.due_in(e.next_update_due, now) }}</td>
          <td>{% for o in e.overdue %}<span class="late">{{ o.label }} ({{ fmt.duration(o.late_minutes) }})</span>{% if not loop.last %}<br>{% endif %}{% else %}—{% endfor %}</td>
        </tr>
      {% endfor %}"""  # noqa: E501 - the template's lines as they were
OVERDUE_LOOP = """{% for o in rows %}<tr><td>{{ o.id }} {{ o.customer }}</td><td><span class="sev" style="background: {{ colours[o.severity] }}">{{ o.severity }}</span></td><td>{{ o.label }}</td><td>{{ fmt.when(o.due) }}</td><td class="num late">{{ fmt.late(o.late_minutes) }}</td><td>{{ o.owner }}</td></tr>{% endfor %}"""  # noqa: E501

ENV = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
OPEN_TEMPLATE, OVERDUE_TEMPLATE = ENV.from_string(OPEN_LOOP), ENV.from_string(OVERDUE_LOOP)
NOW = datetime(2026, 6, 30, 12, 0, tzinfo=timezone.utc)
TEXT = st.text(alphabet=st.sampled_from("aZ 09<>&'\"—é\u2028\t"), max_size=12)
SEVERITY = st.sampled_from(sorted(fmt.SEVERITY_COLOURS))
WHEN = st.integers(-20000, 20000).map(lambda minutes: NOW + timedelta(minutes=minutes))
ITEM = st.builds(OverdueItem, id=TEXT, customer=TEXT, severity=SEVERITY, owner=TEXT, kind=TEXT, label=TEXT,
                 due=WHEN, late_minutes=st.integers(0, 200000), path=TEXT)
RECORD = st.fixed_dictionaries({
    "id": TEXT, "title": TEXT, "path": TEXT, "severity": SEVERITY, "severity_state": st.sampled_from(["", "proposed"]),
    "tier": st.none() | st.integers(0, 4), "status": TEXT, "customer": TEXT, "owner": TEXT,
    "arr": st.none() | st.floats(0, 1e9, allow_nan=False) | st.integers(0, 10**9),
    "next_update_due": st.none() | WHEN.map(lambda w: w.strftime("%Y-%m-%dT%H:%M:%SZ")),
    "opened": TEXT, "deadlines": st.just([]),
})


def _escalation(record: dict, items: list[OverdueItem]) -> OpenEscalation:
    record = {**record, "overdue": [{"kind": o.kind, "label": o.label} for o in items]}
    return OpenEscalation(record, tuple(items), text=False)


def _urls(linked: bool):
    return (lambda path: f"https://example.com/docs/{path}") if linked else (lambda path: None)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(RECORD, st.lists(ITEM, max_size=3)), max_size=5), st.booleans())
def test_open_rows_are_the_template_loop(rows, linked) -> None:
    escalations = [_escalation(record, items) for record, items in rows]
    url = _urls(linked)
    want = OPEN_TEMPLATE.render(rows=escalations, url=url, colours=fmt.SEVERITY_COLOURS, fmt=fmt, now=NOW)
    assert "".join(open_rows(escalations, NOW, url)) == want


@settings(max_examples=60, deadline=None)
@given(st.lists(ITEM, max_size=8))
def test_overdue_rows_are_the_template_loop(items) -> None:
    want = OVERDUE_TEMPLATE.render(rows=items, colours=fmt.SEVERITY_COLOURS, fmt=fmt)
    assert "".join(overdue_rows(items)) == want


def test_rows_come_in_batches_of_markup() -> None:
    items = [OverdueItem("ESC-1", "<Acme>", "SEV-1", "Kim", "ack", "Acknowledge", NOW, 5, "p.md")] * 600
    pieces = list(overdue_rows(items))
    assert len(pieces) == 3 and all(isinstance(p, markupsafe.Markup) for p in pieces)
    assert "&lt;Acme&gt;" in pieces[0] and "<Acme>" not in pieces[0]


@given(TEXT | st.integers() | st.none())
def test_escape_text_is_markupsafe_escape(value) -> None:
    assert escape_text(value) == str(markupsafe.escape(value))


IDS = st.lists(TEXT, max_size=3).map(tuple)
ITEMS = (ITEM | st.builds(OwnerLoad, owner=TEXT, open=st.integers(0, 50), ids=IDS, over_limit=st.booleans(),
                          load=st.floats(0, 100, allow_nan=False))
         | st.builds(CategoryCount, category=TEXT, in_window=st.integers(0, 9), in_systemic_window=st.integers(0, 9),
                     systemic=st.booleans(), post_mortem_noted=st.booleans(), ids=IDS)
         | st.builds(EscalationChanges, id=TEXT, severity_changes=st.integers(0, 3), owner_changes=st.integers(0, 3),
                     changes=st.lists(st.builds(Change, field=TEXT, before=TEXT, after=TEXT, at=st.none() | WHEN,
                                                commit=st.none() | TEXT), max_size=2).map(tuple))
         | st.builds(WeekCount, week_start=WHEN.map(lambda w: w.date()), opened=st.integers(0, 9),
                     resolved=st.integers(0, 9)))


@settings(max_examples=200, deadline=None)
@given(ITEMS)
def test_a_list_item_of_the_json_report_is_its_plain_copy_dumped(item) -> None:
    assert serialize._item_text(item) == dumps(serialize._plain(item), depth=2)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="\nab", max_size=8), max_size=12))
def test_the_dashboard_s_blank_lines_are_squeezed_across_pieces(pieces) -> None:
    from escalation_desk.report.dashboard import _squeezed
    import re

    assert "".join(_squeezed(iter(pieces))) == re.sub(r"\n{3,}", "\n\n", "".join(pieces)).rstrip("\n") + "\n"
