"""esc-command.yml end to end: an `/esc …` comment on an escalation's issue, by a
collaborator, lands in the document on origin as a commit authored by the commenter and
gets a 👍; a malformed one gets a reply and 😕; a non-collaborator's does nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from escalation_desk.sandbox import Sandbox
from support.workflows import git
from test_workflows_end_to_end import Team

SEV1 = "ESC-48214"
NOW = "2026-11-26T12:00:00Z"


def issue_for(team: Team, ident: str):
    """The escalation's issue, as `esc notify` or `esc overdue` would have raised it."""
    body = f"<!-- escalation-desk:declared:{ident} -->\n**{ident}** is a SEV-1 escalation."
    return team.sandbox.github.new_issue(f"SEV-1 declared: {ident}", body, "esc-bot")


def comment_event(issue, comment, login: str, association: str, user_id: int = 4242) -> dict:
    return {"action": "created",
            "issue": {"number": issue.number, "title": issue.title, "body": issue.body, "pull_request": None},
            "comment": {"id": comment.id, "body": comment.body, "user": {"login": login, "id": user_id},
                        "author_association": association, "created_at": NOW}}


def document_on_main(team: Team, ident: str) -> str:
    name = next(f for f in team.files_on_main() if re.match(rf"escalations/{ident}-.*\.md$", f))
    return git(team.origin, "show", f"main:{name}")


@pytest.fixture
def synced(tmp_path: Path, sandbox: Sandbox) -> Team:
    team = Team(tmp_path, sandbox)
    assert team.run("sync.yml", event_name="schedule").ok
    return team


def test_a_collaborators_command_is_committed_as_theirs(synced: Team) -> None:
    team, github = synced, synced.sandbox.github
    issue = issue_for(team, SEV1)
    comment = github.add_comment(issue.number, "/esc sponsor Rachel Kim", "praman")
    before = team.main()
    run = team.run("esc-command.yml", event_name="issue_comment", event=comment_event(issue, comment, "praman", "MEMBER"))
    assert run.ok, run.log
    assert team.main() != before, run.log
    author = git(team.origin, "log", "-1", "--format=%an <%ae>|%cn", "main").strip()
    assert author == "Priya Raman <4242+praman@users.noreply.github.com>|github-actions[bot]"
    text = document_on_main(team, SEV1)
    assert "exec_sponsor: Rachel Kim" in text
    assert f"Priya Raman in GitHub #{issue.number}: sponsor Rachel Kim <!-- gh:comment:{comment.id} -->" in text
    assert [r.content for r in comment.reactions] == ["+1"]

    # The same event again (a re-run) changes nothing.
    again = team.run("esc-command.yml", event_name="issue_comment",
                     event=comment_event(issue, comment, "praman", "MEMBER"))
    assert again.ok and team.main() == git(team.origin, "rev-parse", "main").strip()
    assert document_on_main(team, SEV1).count(f"gh:comment:{comment.id}") == 1


def test_a_malformed_command_is_answered_and_records_nothing(synced: Team) -> None:
    team, github = synced, synced.sandbox.github
    issue = issue_for(team, SEV1)
    comment = github.add_comment(issue.number, "/esc cadence whenever", "praman")
    before = team.main()
    run = team.run("esc-command.yml", event_name="issue_comment", event=comment_event(issue, comment, "praman", "MEMBER"))
    assert run.ok, run.log
    assert team.main() == before
    replies = [c for c in issue.comments if c.id != comment.id]
    assert len(replies) == 1 and "not a cadence" in replies[0].body and "/esc cadence daily (why)" in replies[0].body
    assert [r.content for r in comment.reactions] == ["confused"]


def test_a_non_collaborators_command_does_not_run(synced: Team) -> None:
    team, github = synced, synced.sandbox.github
    issue = issue_for(team, SEV1)
    comment = github.add_comment(issue.number, "/esc sponsor Mallory", "drive-by")
    before = team.main()
    run = team.run("esc-command.yml", event_name="issue_comment", event=comment_event(issue, comment, "drive-by", "NONE"))
    assert run.ok, run.log
    assert "command" not in run.jobs or not run.jobs["command"].steps, "the job must be skipped"
    assert team.main() == before and not comment.reactions and len(issue.comments) == 1


def test_the_workflow_keeps_comment_text_out_of_run_lines() -> None:
    from support.workflows import load_workflow

    workflow = load_workflow(Path(__file__).resolve().parents[2] / "templates" / "workflows" / "esc-command.yml")
    assert workflow["permissions"] == {}
    job = workflow["jobs"]["command"]
    assert job["permissions"] == {"contents": "write", "issues": "write"}
    for step in job["steps"]:
        assert "${{" not in step.get("run", ""), step
