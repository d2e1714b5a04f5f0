"""Writing new documents (and other artefacts) from templates, with untrusted text made safe.

Existing documents are never re-rendered: see :mod:`tracking.edit`. A new document is
rendered once from ``templates/document.md.j2``, then parsed back to prove it is valid.
"""

from __future__ import annotations

import re
from datetime import datetime

from escalation_desk.playbook.text import normalise
from escalation_desk.templates import render

from .edit import one_line_value, yaml_scalar
from .entries import clean_inline
from .model import FIELD_ORDER
from .parse import parse_document

SUMMARY_LIMIT = 4000


def safe_block(text: str, limit: int = SUMMARY_LIMIT) -> str:
    """Untrusted multi-line text (a ticket description) as a Markdown blockquote.

    Quoting every line means nothing in it can open a section (`## …`), close the
    front matter (`---`), open a code fence that swallows the rest of the document,
    or pose as a sync marker; jinja never evaluates it because it is data, not template.
    """
    text = normalise(text).strip()
    if len(text) > limit:
        text = text[:limit].rstrip() + " …(truncated; see the ticket)"
    text = text.replace("<!--", "&lt;!--").replace("-->", "--&gt;")
    out = []
    for line in text.split("\n"):
        line = line.rstrip()
        out.append(f"> {line}" if line else ">")
    return "\n".join(out)


def slugify(text: str, limit: int = 40) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:limit].rstrip("-")


def document_filename(ident: str, customer: str, title: str) -> str:
    slug = slugify(f"{customer} {title}")
    return f"{ident}-{slug}.md" if slug else f"{ident}.md"


def new_document(
    fields: dict[str, object],
    *,
    title: str,
    summary: str = "",
    timeline: list[str] = (),
    plan: list[str] = (),
    comms: list[str] = (),
    stakeholders: list[str] = (),
    path: str = "new.md",
) -> str:
    """Render a new tracking document; raises ValueError if the result would not parse cleanly."""
    ordered = [(key, yaml_scalar(one_line_value(fields[key]))) for key in FIELD_ORDER
               if key in fields and fields[key] is not None and fields[key] != [] and fields[key] != ()]
    text = render(
        "document.md.j2",
        fields=ordered,
        id=fields["id"],
        customer_line=clean_inline(fields["customer"], 80),
        title_line=clean_inline(title or "Escalation", 120),
        summary=safe_block(summary) if summary and summary.strip() else "",
        timeline=list(timeline), plan=list(plan), comms=list(comms), stakeholders=list(stakeholders),
    )
    doc = parse_document(path, text)
    errors = [p for p in doc.problems if p.level == "error"]
    if errors:
        raise ValueError("; ".join(p.message for p in errors))
    return text


def stamp(at: datetime) -> str:
    return at.strftime("%Y-%m-%d %H:%M UTC")
