"""refresh-prs.yml end to end (its own steps, support.workflows): after the sync appended a
reply to a document's Communication Log on main, a CSM's pull request that appended to the
same section is brought up to date with the semantic merge, so GitHub's merge button (plain
git, no custom driver) then merges it cleanly. A pull request from a fork is skipped, and
the run says why."""

from __future__ import annotations

import subprocess
from pathlib import Path

from escalation_desk.connectors.github import GitHubClient
from escalation_desk.sandbox import Sandbox
from escalation_desk.sandbox.dataset import SCENARIOS
from escalation_desk.sandbox.github_model import Pull
from support.sync import upstream_later
from support.workflows import git
from test_workflows_end_to_end import Team

ACME = SCENARIOS["escalated_sync"]
CSM_LINE = "- 2026-11-26 11:50 UTC: phone — Called their CFO: fix in review, next update at 16:00"
BRANCH = "csm/acme-cfo-call"


def clone(origin: Path, path: Path) -> Path:
    subprocess.run(["git", "clone", "-q", str(origin), str(path)], check=True, capture_output=True)
    git(path, "config", "user.name", "Dana Whitfield")
    git(path, "config", "user.email", "dana@example.com")
    return path


def acme(work: Path) -> Path:
    return next((work / "escalations").glob("ESC-48213-*.md"))


def button_merges_cleanly(origin: Path, work: Path) -> tuple[bool, str]:
    """What GitHub's merge button does: a plain `git merge` of the head into the base (no driver)."""
    plain = clone(origin, work)
    done = subprocess.run(["git", "-C", str(plain), "merge", "--no-edit", f"origin/{BRANCH}"],
                          capture_output=True, text=True)
    return done.returncode == 0, acme(plain).read_text(encoding="utf-8")


def test_a_csm_pull_request_is_kept_mergeable_after_the_sync_appends_to_the_same_section(
        tmp_path: Path, sandbox: Sandbox) -> None:
    team = Team(tmp_path, sandbox)
    assert team.run("sync.yml", event_name="schedule").ok

    csm = clone(team.origin, tmp_path / "csm")            # the CSM's pull request appends a call
    git(csm, "checkout", "-q", "-b", BRANCH)
    path = acme(csm)
    text = path.read_text(encoding="utf-8")
    head, tail = text.split("\n## Internal Stakeholders Notified", 1)
    path.write_text(head.rstrip("\n") + "\n" + CSM_LINE + "\n\n## Internal Stakeholders Notified" + tail,
                    encoding="utf-8")
    git(csm, "commit", "-qam", "Log the CFO call")
    git(csm, "push", "-q", "origin", BRANCH)
    # the CSM opens the pull request with their own token (the workflow's GITHUB_TOKEN may not, by default)
    client = GitHubClient(sandbox.env["GITHUB_TOKEN"], sandbox.github.full_name, sandbox.env["GITHUB_API_URL"])
    pull = client.ensure_pull_request(BRANCH, "main", "Log the CFO call", "")
    sandbox.github.new_issue("Fix a typo", None, "outsider", pull=Pull("typo", "outsider", "main"))

    upstream_later(sandbox)                               # the sync appends a reply to the same section
    reply = sandbox.zendesk.add_comment(ACME, "The fix is in review; next update at 16:00 UTC.",
                                        sandbox.zendesk.tickets[ACME]["assignee_id"])   # an agent's public reply
    assert team.run("sync.yml", event_name="schedule").ok
    clean, _ = button_merges_cleanly(team.origin, tmp_path / "before")
    assert not clean, "plain git should conflict here (both appended to the Communication Log)"

    run = team.run("refresh-prs.yml", event_name="push")
    assert run.ok, run.log
    assert f"#{pull.number} {BRANCH}: merged main (esc merge-driver) and pushed" in run.log
    assert "skipped: the branch is in the fork outsider/" in run.log and "cannot push to" in run.log
    assert "Pull requests kept current" in run.jobs["refresh"].summary
    clean, merged = button_merges_cleanly(team.origin, tmp_path / "after")
    assert clean
    assert CSM_LINE in merged and f"zd:comment:{reply['id']}" in merged

    again = team.run("refresh-prs.yml", event_name="push")
    assert again.ok and f"#{pull.number} {BRANCH}: already has origin/main" in again.log
