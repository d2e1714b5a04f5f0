"""The long tables of the HTML page (open escalations, overdue now), row by row in Python.

At 10,000 open escalations and 40,000 overdue deadlines, rendering these rows through
jinja2 (an attribute lookup, an escape and a yield per value) was most of the page's
cost. Each row here is the exact text the template's loop wrote (tests/report holds the
page byte for byte), every value escaped as the autoescaping template escapes it
(:func:`markupsafe.escape`; :func:`escape_text` gives the same text, faster).
``templates/report.html.j2`` inserts the rows in batches (:class:`markupsafe.Markup`, so they
are not escaped twice) where its loops were.
"""

from __future__ import annotations

from datetime import datetime
from typing import Callable, Iterable, Iterator

from markupsafe import Markup

from . import formatting as fmt
from .model import OverdueItem
from .records import OpenEscalation

_BATCH = 256   # rows per piece the template yields
_SEVERITY = {s: f'<span class="sev" style="background: {colour}">{s}</span>'
             for s, colour in fmt.SEVERITY_COLOURS.items()}


def escape_text(value: object) -> str:
    """``str(markupsafe.escape(value))`` for the plain values of a row (str, int, None), faster."""
    text = value if type(value) is str else str(value)
    if "&" in text or "<" in text or ">" in text or "'" in text or '"' in text:
        return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;").replace("'", "&#39;") \
            .replace('"', "&#34;")
    return text


def open_rows(escalations: Iterable[OpenEscalation], now: datetime,
              url: Callable[[str], str | None]) -> Iterator[Markup]:
    """The open escalations' rows (the table's body when there is at least one)."""
    return _batched(_open_row(e, now, url) for e in escalations)


def overdue_rows(items: Iterable[OverdueItem]) -> Iterator[Markup]:
    """The overdue table's rows (its body when something is overdue)."""
    return _batched(_overdue_row(o) for o in items)


def _batched(rows: Iterator[str]) -> Iterator[Markup]:
    batch: list[str] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= _BATCH:
            yield Markup("".join(batch))
            batch = []
    if batch:
        yield Markup("".join(batch))


def _open_row(e: OpenEscalation, now: datetime, url: Callable[[str], str | None]) -> str:
    link = url(e["path"])
    ident = escape_text(e["id"])
    head = f'<a href="{escape_text(link)}">{ident}</a>' if link else ident
    late = "<br>".join(f'<span class="late">{escape_text(o.label)} ({escape_text(fmt.duration(o.late_minutes))})'
                       '</span>' for o in e.overdue_items()) or "—"
    return (
        f'\n        <tr>\n          <td>{head}<br><small>{escape_text(e["title"])}</small></td>\n'
        f'          <td>{_SEVERITY[e["severity"]]}</td>\n'
        f'          <td class="num">{escape_text(e["tier"] or "—")}</td>\n'
        f'          <td>{escape_text(e["status"])}</td>\n'
        f'          <td>{escape_text(e["customer"])}</td>\n'
        f'          <td>{escape_text(e["owner"])}</td>\n'
        f'          <td class="num">{escape_text(fmt.money(e["arr"]))}</td>\n'
        f'          <td>{escape_text(fmt.due_in(e["next_update_due"], now))}</td>\n'
        f'          <td>{late}</td>\n'
        f'        </tr>\n      '
    )


def _overdue_row(o: OverdueItem) -> str:
    return (f'<tr><td>{escape_text(o.id)} {escape_text(o.customer)}</td><td>{_SEVERITY[o.severity]}</td>'
            f'<td>{escape_text(o.label)}</td>'
            f'<td>{escape_text(fmt.when(o.due))}</td>'
            f'<td class="num late">{escape_text(fmt.late(o.late_minutes))}</td>'
            f'<td>{escape_text(o.owner)}</td></tr>')
