"""`esc overdue --raise-issues` end to end: the CLI, PyGithub unmodified, the sandbox's
GitHub emulator over real HTTP, documents in a tmp folder, `--now` for time."""

from __future__ import annotations

import threading

from support.overdue import esc, utc, write_doc

from escalation_desk.connectors.github import GitHubClient
from escalation_desk.config import load_config
from escalation_desk.overdue.items import load_overdue
from escalation_desk.overdue.issues import marker_id, raise_issues


def run(repo, github, now, *extra, broken: bool = False, **env):
    """`esc overdue --raise-issues`; with a document that does not parse the issues are
    still kept, and the job is red (exit 2) so somebody fixes it."""
    result = esc("--repo", str(repo), "--now", now, "overdue", "--raise-issues", *extra, env=github.env(**env))
    assert result.code == (2 if broken else 0), result.err
    return result


def test_overdue_sev2_raises_one_issue_then_goes_quiet_then_closes(repo, github):
    write_doc(repo, "ESC-4001", opened="2026-11-23T14:00:00Z", comms=("2026-11-23T14:30:00Z",))

    first = run(repo, github, "2026-11-23T19:00:00Z")
    (issue,) = github.issues()
    assert "created #1 for ESC-4001" in first.out
    assert issue.assignees == ["dwhitfield"]
    assert sorted(issue.labels) == ["SEV-2", "overdue-update"]
    assert marker_id(issue.body) == "ESC-4001"
    assert issue.title == "Overdue: Next customer update — ESC-4001 Acme Corp (SEV-2)"
    body = issue.body
    assert "| **Next customer update** | Overdue | 2026-11-23 18:30 UTC<br>Mon 2026-11-23 13:30 America/New_York |" in body
    assert "every 4 business hours" in body                                   # the SLA that applies
    assert "“we're still working on this” is better than silence" in body    # the playbook's advice
    assert f"({github.server.url}/acme/escalations/blob/main/escalations/ESC-4001-acme-corp.md)" in body
    assert "late by" not in body.lower()
    assert github.state.labels["overdue-update"].color == "d93f0b"

    # Later, still overdue with the same facts: no write at all, the same single issue.
    writes = github.writes()
    second = run(repo, github, "2026-11-24T15:00:00Z")
    assert "unchanged #1 for ESC-4001" in second.out
    assert github.writes() == writes
    assert len(github.issues("all")) == 1 and github.issues()[0].body == body

    # The owner logs a customer update: the next run closes the issue with a comment.
    logged = esc("--repo", str(repo), "--now", "2026-11-24T15:10:00Z", "log", "ESC-4001", "comm",
                 "--channel", "phone", "Walked their admin through the fix")
    assert logged.code == 0, logged.err
    third = run(repo, github, "2026-11-24T15:15:00Z")
    assert "closed #1 for ESC-4001 (caught up)" in third.out
    assert github.issues() == []
    closed = github.state.issues[1]
    assert closed.state == "closed" and closed.state_reason == "completed"
    assert closed.comments[-1].body.startswith("ESC-4001 is caught up: nothing is overdue as of 2026-11-24 15:15 UTC")


def test_resolved_escalation_with_overdue_week_1_milestone(repo, github):
    write_doc(repo, "ESC-4002", opened="2026-11-02T14:00:00Z", comms=("2026-11-02T14:30:00Z",))
    resolved = esc("--repo", str(repo), "--now", "2026-11-05T19:30:00Z", "resolve", "ESC-4002")
    assert resolved.code == 0, resolved.err
    assert "Week 1: Immediate stabilization — due 2026-11-12" in resolved.out

    assert "Nothing overdue" in run(repo, github, "2026-11-10T20:00:00Z").out
    assert github.issues() == []

    # A quarter of the week left: the issue says "due soon" before it says "overdue".
    soon = run(repo, github, "2026-11-12T20:00:00Z")
    assert "Week 1: Immediate stabilization: due 2026-11-12 23:59 UTC, due soon: in 3 h 59 min" in soon.out
    (issue,) = github.issues()
    assert issue.title.startswith("Due soon: Week 1: Immediate stabilization — ESC-4002")
    assert "| Due soon |" in issue.body and "nothing is late yet" in issue.body

    result = run(repo, github, "2026-11-13T09:00:00Z", "--json")
    (issue,) = github.issues()
    data = result.json()
    assert data["issues"]["updated"] == 1 and data["issues"]["actions"][0]["number"] == issue.number
    assert issue.title.startswith("Overdue: Week 1: Immediate stabilization — ESC-4002")
    assert "Confirm the issue is fully resolved" not in issue.body   # the playbook's words, shortened:
    assert "confirm the issue is fully resolved (not just patched)" in issue.body
    assert issue.assignees == ["dwhitfield"]


def test_changed_facts_update_the_issue_and_keep_peoples_additions(repo, github):
    path = write_doc(repo, "ESC-4003", opened="2026-11-23T14:00:00Z", comms=("2026-11-23T14:30:00Z",))
    run(repo, github, "2026-11-23T19:00:00Z")
    with github.state.lock:   # a person adds a label and a helper, and retitles the issue
        issue = github.state.issues[1]
        github.state.add_collaborator("helper")
        issue.labels.append(github.state.add_label("customer:acme").name)
        issue.assignees.append("helper")
        issue.title = "Acme: chase the update"

    # The severity goes up to SEV-1: labels, title and body follow; people's additions stay.
    path.write_text(path.read_text().replace("severity: SEV-2", "severity: SEV-1")
                    .replace("owner: Dana Whitfield", "owner: Marcus Chen"))
    result = run(repo, github, "2026-11-23T19:05:00Z")
    assert "updated #1 for ESC-4003 (title, body, labels, assignees)" in result.out
    (issue,) = github.issues()
    assert sorted(issue.labels) == ["SEV-1", "customer:acme", "overdue-update"]
    assert issue.assignees == ["mchen"]
    assert "SEV-1 (Critical)" in issue.body and "hourly, around the clock" in issue.body
    assert issue.title.endswith("(SEV-1)")
    assert len(github.issues("all")) == 1


def test_closed_or_removed_escalations_close_their_issues(repo, github):
    keep = write_doc(repo, "ESC-4004", opened="2026-11-23T14:00:00Z", comms=("2026-11-23T14:30:00Z",))
    gone = write_doc(repo, "ESC-4005", opened="2026-11-23T14:00:00Z", comms=("2026-11-23T14:30:00Z",),
                     customer="Globex")
    run(repo, github, "2026-11-23T19:00:00Z")
    assert len(github.issues()) == 2
    keep.write_text(keep.read_text().replace("status: In Progress", "status: Closed"))
    gone.unlink()
    result = run(repo, github, "2026-11-23T19:30:00Z")
    assert github.issues() == []
    comments = {i.number: i.comments[-1].body for i in github.issues("all")}
    assert any("ESC-4004 is Closed" in c for c in comments.values())
    assert any("No tracking document has the ID ESC-4005" in c for c in comments.values())
    assert "(escalation closed)" in result.out and "(no document)" in result.out


def test_issue_of_a_broken_document_is_left_alone(repo, github):
    path = write_doc(repo, "ESC-4006", opened="2026-11-23T14:00:00Z", comms=("2026-11-23T14:30:00Z",))
    run(repo, github, "2026-11-23T19:00:00Z")
    path.write_text(path.read_text().replace("severity: SEV-2", "severity: SEV-9"))
    result = run(repo, github, "2026-11-23T19:30:00Z", broken=True)
    assert len(github.issues()) == 1
    assert "skipped because they do not parse" in result.out


def test_owner_without_a_login_or_access_is_named_not_assigned(repo, github):
    write_doc(repo, "ESC-4007", owner="Priya Raman", opened="2026-11-23T14:00:00Z",
              comms=("2026-11-23T14:30:00Z",))
    write_doc(repo, "ESC-4008", owner="Lee Park", customer="Initech", opened="2026-11-23T14:00:00Z",
              comms=("2026-11-23T14:30:00Z",))
    with github.state.lock:
        github.state.collaborators.remove("leepark")
    run(repo, github, "2026-11-23T19:00:00Z")
    issues = {marker_id(i.body): i for i in github.issues()}
    assert issues["ESC-4007"].assignees == [] and "no GitHub login in the `escalations.toml` roster" in issues["ESC-4007"].body
    assert issues["ESC-4008"].assignees == [] and "(@leepark)" in issues["ESC-4008"].body
    assert "the owner could not be assigned" in issues["ESC-4008"].body


def test_two_runs_at_once_leave_one_issue(repo, github):
    """Both runs list before either creates; the newer duplicate is closed with a comment."""
    write_doc(repo, "ESC-4009", opened="2026-11-23T14:00:00Z", comms=("2026-11-23T14:30:00Z",))
    config = load_config(repo / "escalations.toml")
    report = load_overdue(repo, config, utc("2026-11-23T19:00:00Z"))
    barrier = threading.Barrier(2, timeout=10)

    class RacingClient(GitHubClient):
        listed = 0

        def open_issues(self):  # type: ignore[no-untyped-def]
            found = super().open_issues()
            self.listed += 1
            if self.listed == 1:
                barrier.wait()   # both have listed (nothing) before either creates
            return found

    results, errors = [], []

    def one_run() -> None:
        try:
            client = RacingClient(github.state.token, "acme/escalations", github.api_url, throttle=False, retries=0)
            results.append(raise_issues(report, client, config))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=one_run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    assert [i.number for i in github.issues()] == [1]
    duplicate = github.state.issues[2]
    assert duplicate.state == "closed" and duplicate.state_reason == "not_planned"
    assert duplicate.comments[-1].body.startswith("Duplicate of #1")
    assert sum(r.count("created") for r in results) == 2
    assert sum(r.count("duplicate-closed") for r in results) >= 1

    # And the next scheduled run sees one issue and changes nothing.
    writes = github.writes()
    run(repo, github, "2026-11-23T19:15:00Z")
    assert github.writes() == writes and len(github.issues()) == 1


def test_against_the_seeded_sandbox(repo, sandbox):
    """The whole sandbox (`sandbox` fixture): its repository already has lower-case
    severity labels and the team as collaborators; both are reused, nothing duplicated."""
    write_doc(repo, "ESC-4010", opened="2026-11-23T14:00:00Z", comms=("2026-11-23T14:30:00Z",))
    env = {**sandbox.env, "ESC_GITHUB_THROTTLE": "0", "ESC_GITHUB_RETRIES": "0"}
    labels_before = set(sandbox.github.labels)
    for now in ("2026-11-23T19:00:00Z", "2026-11-23T19:30:00Z"):
        result = esc("--repo", str(repo), "--now", now, "overdue", "--raise-issues", env=env)
        assert result.code == 0, result.err
    issues = [i for i in sandbox.github.issues.values() if i.pull is None and marker_id(i.body or "") == "ESC-4010"]
    assert len(issues) == 1 and issues[0].state == "open"
    assert issues[0].assignees == ["dwhitfield"]
    assert sorted(issues[0].labels) == ["overdue-update", "sev-2"]
    assert set(sandbox.github.labels) == labels_before
    assert "unchanged" in result.out


def test_unreadable_document_protects_issues_it_might_own(repo, github):
    path = write_doc(repo, "ESC-4011", opened="2026-11-23T14:00:00Z", comms=("2026-11-23T14:30:00Z",))
    run(repo, github, "2026-11-23T19:00:00Z")
    path.write_text("---\n: not yaml [\n---\n")   # not even its ID can be read
    run(repo, github, "2026-11-23T19:30:00Z", broken=True)
    assert len(github.issues()) == 1
