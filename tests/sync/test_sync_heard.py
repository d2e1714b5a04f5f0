"""HEARD on the public replies the sync imports: a direct-push sync runs no `esc check --base`,
so the run itself says what the new replies said wrong — in its summary and its commit
message, once: the next run does not raise them again."""

from __future__ import annotations

from pathlib import Path

from escalation_desk.sandbox import Sandbox
from escalation_desk.sandbox.dataset import SCENARIOS
from support.sync import esc, git, upstream_later

ACME = SCENARIOS["escalated_sync"]
REPLY = "Please calm down. Your admin misconfigured the connector, which caused this."


def agent(sandbox: Sandbox, name: str = "Dana Whitfield") -> int:
    return next(u["id"] for u in sandbox.zendesk.users.values() if u["name"] == name)


def heard_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if "[heard-" in line]


def test_a_synced_reply_is_checked_once(repo: Path, sandbox: Sandbox) -> None:
    first = esc(repo, "sync")
    assert first.code == 0, first.text
    assert heard_lines(first.text) == []   # the dataset's agents write well
    upstream_later(sandbox)
    sandbox.zendesk.add_comment(ACME, REPLY, agent(sandbox), public=True)
    run = esc(repo, "sync")
    assert run.code == 0, run.text
    said = heard_lines(run.text)
    assert [line.rsplit("[", 1)[1] for line in said] == ["heard-never-say]", "heard-blame]"]
    assert all(line.startswith("escalations/ESC-48213-") and ": warning: we wrote " in line for line in said)
    assert "acknowledge the emotion" in said[0] and "no blame during an escalation" in said[1]
    message = git(repo, "log", "-1", "--format=%B")
    assert [line.removeprefix("- ") for line in heard_lines(message)] == said

    # An internal note is not what we wrote to the customer; a later good reply raises nothing old.
    upstream_later(sandbox)
    sandbox.zendesk.add_comment(ACME, "Customer says calm down, we'll look into it", agent(sandbox), public=False)
    sandbox.zendesk.add_comment(ACME, "The connector is fixed; next update by 3pm.", agent(sandbox), public=True)
    again = esc(repo, "sync")
    assert again.code == 0, again.text
    assert heard_lines(again.text) == [] and heard_lines(git(repo, "log", "-1", "--format=%B")) == []
