"""The product's jinja2 templates, one per artefact (document, brief, note, commit, …).

Markdown templates are not autoescaped (they are not HTML); every value that comes
from outside (ticket text, names) is made safe by the caller before it gets here,
see :mod:`tracking.render`. HTML templates are autoescaped.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterator

import jinja2

from .github_text import inert, inert_plain

TEMPLATE_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=False,
    )
    # Outside text in anything GitHub reads: see github_text.
    env.filters["inert"] = inert
    env.filters["inert_plain"] = inert_plain
    return env


def render(name: str, **context: object) -> str:
    return environment().get_template(name).render(**context)


def render_pieces(name: str, **context: object) -> Iterator[str]:
    """What :func:`render` gives, piece by piece (a long page is never held whole)."""
    return environment().get_template(name).generate(**context)
