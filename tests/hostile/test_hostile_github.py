"""Issue #14 (4): text written to GitHub is inert — commit messages, issue titles and
bodies: no @-mention but the roster's, no closing keyword, no raw HTML, no non-http(s) link."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from escalation_desk.templates.github_text import inert, inert_plain
from support.hostile import hostile_ticket
from support.hostile_text import ALL, GITHUB_ACTIVE
from support.sync import esc, git, upstream_later

# What GitHub itself acts on (written from its docs, not from the product's code).
MENTION = re.compile(r"(?<![\w`])@[A-Za-z0-9][\w-]*(?:/[\w.-]+)?")
CLOSING = re.compile(r"\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\b:?\s*(?:[\w.-]+/[\w.-]+)?#\d+"
                     r"|\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\b:?\s*https?://", re.IGNORECASE)
# The template's own marker and line breaks aside.
RAW_HTML = re.compile(r"<(?!!-- escalation-desk:overdue:ESC-\d+ -->|br>)[A-Za-z!/]")
BAD_LINK = re.compile(r"(?<!\\)\[[^\]]*(?<!\\)\]\(\s*(?!https?://)")
HOSTILE = "Fixes #1 @acme-cs/leads [x](javascript:alert(1)) <img src=x onerror=alert(1)>"


def assert_inert(text: str, markdown: bool, allowed: tuple[str, ...] = ()) -> None:
    mentions = [m for m in MENTION.findall(text) if m.lstrip("@") not in allowed]
    assert mentions == [], text
    assert not CLOSING.search(text), text
    if markdown:
        assert not RAW_HTML.search(text), text
        assert not BAD_LINK.search(text), text


@pytest.mark.parametrize("text", GITHUB_ACTIVE + ALL)
def test_inert_text(text: str) -> None:
    assert_inert(inert(text), markdown=True)
    assert_inert(inert_plain(text), markdown=False)
    assert "\n" not in inert(text) and "\n" not in inert_plain(text)


def test_quoted_lines_cannot_open_headings_rules_or_front_matter() -> None:
    quoted = inert("## Root Cause\n---\nid: x\n***\n1. list\n```", multi_line=True)
    assert not re.search(r"^(#|---|\*\*\*|```|\d+\.)", quoted, re.MULTILINE), quoted


def test_the_sync_commit_and_the_overdue_issue_are_inert(repo: Path, sandbox, sandbox_env: dict, fast_github) -> None:
    upstream_later(sandbox)
    zd = sandbox.zendesk
    ticket = hostile_ticket(sandbox, HOSTILE, requester_name=HOSTILE)
    org = zd.organizations[zd.tickets[ticket]["organization_id"]]
    org["name"] = "Closes #2 @octocat <b>Acme</b>"
    run = esc(repo, "sync")
    assert run.code == 0, run.text
    message = git(repo, "log", "-1", "--format=%B")
    assert "oses #2" in message and "octocat" in message                     # the name is there, inert
    assert_inert(message, markdown=False)

    raised = esc(repo, "overdue", "--raise-issues", now="2026-12-20T12:00:00Z")
    assert raised.code == 0, raised.text
    issues = [i for i in sandbox.github.issues.values() if i.pull is None]
    assert issues
    roster = tuple(p.get("github") for p in sandbox.dataset.roster if p.get("github"))
    for issue in issues:
        assert_inert(issue.title, markdown=False)
        assert_inert(issue.body, markdown=True, allowed=roster)
    mine = [i for i in issues if f"ESC-{ticket}" in i.title]
    assert mine and "javascript" in mine[0].body                                # shown, not a link


def test_a_plan_step_written_by_a_person_reaches_the_overdue_issue_inert(repo: Path, sandbox, sandbox_env: dict,
                                                                         fast_github) -> None:
    """A step's owner and action are the document's words, quoted by the SLA and rule texts."""
    assert esc(repo, "sync").code == 0
    ident = next(p.name[:9] for p in sorted((repo / "escalations").glob("ESC-*.md")))
    logged = esc(repo, "log", ident, "step", "Fixes #3 and tell @acme-cs/everyone", "--owner", "@evil-login",
                 "--due", "2026-12-01", now="2026-11-30T12:00:00Z")
    assert logged.code == 0, logged.text
    git(repo, "commit", "-qam", "a plan step")
    raised = esc(repo, "overdue", "--raise-issues", now="2026-12-20T12:00:00Z")
    assert raised.code == 0, raised.text
    mine = [i for i in sandbox.github.issues.values() if i.pull is None and ident in i.title]
    assert mine and "evil-login" in mine[0].body                                  # named, not mentioned
    roster = tuple(p.get("github") for p in sandbox.dataset.roster if p.get("github"))
    assert_inert(mine[0].title, markdown=False)
    assert_inert(mine[0].body, markdown=True, allowed=roster)
