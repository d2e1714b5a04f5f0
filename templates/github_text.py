"""GitHub-safe text: outside text (customer names, subjects, titles) made inert before it
goes into anything GitHub reads — commit messages, issue and pull-request titles and
bodies, comments.

GitHub acts on text (API-NOTES "GitHub text is live"): `@login` and `@org/team` notify
people; `fixes #N` (and close/resolve, any case, with `owner/repo#N` or an issue URL)
closes an issue once a commit reaches the default branch or a PR merges; raw HTML is
partly rendered; `[x](javascript:…)` is a link. So in outside text:

- a mention gets a zero-width space after its `@` (shown the same, notifies nobody); the
  roster logins the product adds itself are written by the templates, never through here;
- a closing keyword followed by a reference gets a zero-width space inside the keyword;
- in Markdown, `<` becomes `&lt;` (no raw HTML, no `<javascript:…>` autolink), a link
  whose target is not http(s) loses its brackets, and `|` cannot end a table cell;
- it is one line unless asked otherwise, so it cannot start a heading, a rule, a list,
  a quote or front matter where it is placed.

Used through the jinja filters ``inert`` (Markdown) and ``inert_plain`` (commit messages,
issue titles), or :func:`inert` directly.
"""

from __future__ import annotations

import re

from escalation_desk.playbook.text import normalise, single_line

ZWSP = "\u200b"

_MENTION = re.compile(r"(?<![\w`@])@(?=[A-Za-z0-9])")
_CLOSING = re.compile(r"\b(clos|fix|resolv)(e[sd]?|ed|es)?(?=\s*:?\s*(?:[\w.-]+/[\w.-]+)?(?:#|GH-|https?://)\s*\w)",
                      re.IGNORECASE)
_LINK = re.compile(r"\[([^\[\]]*)\]\((?!\s*<?https?://)")
_LINE_START = re.compile(r"^(\s*)([#>*+=_`~|-]|\d+[.)]|---|\.\.\.)", re.MULTILINE)


def _keyword(match: re.Match) -> str:
    word = match.group(0)
    return word[:2] + ZWSP + word[2:]


def inert(text: object, limit: int | None = None, *, markdown: bool = True, multi_line: bool = False) -> str:
    """`text` unable to mention, close, link or format on GitHub (see the module docstring)."""
    value = normalise(text) if multi_line else single_line(text)
    if limit is not None and len(value) > limit:
        value = value[: limit - 1].rstrip() + "…"
    value = _MENTION.sub("@" + ZWSP, value)
    value = _CLOSING.sub(_keyword, value)
    if markdown:
        value = value.replace("<", "&lt;")
        value = _LINK.sub(lambda m: f"\\[{m.group(1)}\\](", value)
        value = value.replace("|", "\\|")
        if multi_line:   # quoted lines: a line of its own cannot open a heading, rule, list or fence
            value = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), value)
    return value


def inert_plain(text: object, limit: int | None = None) -> str:
    """For text GitHub does not render as Markdown but still acts on (commit messages,
    issue titles): mentions and closing keywords neutralised, one line."""
    return inert(text, limit, markdown=False)


_EMAIL = re.compile(r"[^\s<>@,;]+@[^\s<>@,;]+\.[^\s<>@,;]+")


def co_author_trailer(author: str) -> str | None:
    """A `Co-authored-by:` trailer from an agent's Zendesk profile ("Name <email>"): the name
    inert (a display name "Aiko fixes #1" must not close issue #1), the address well formed."""
    name, _, rest = author.partition(" <")
    email = rest.removesuffix(">")
    if not name.strip() or not _EMAIL.fullmatch(email):
        return None
    return f"Co-authored-by: {inert_plain(name, 80)} <{email}>"

