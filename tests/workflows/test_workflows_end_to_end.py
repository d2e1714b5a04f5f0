"""The shipped workflows, run end to end: each file's own steps (support.workflows) against the
sandbox, in a documents repository made by `esc init`, with a local bare repository as origin.

What a team would see: the scheduled sync's commit on origin's main, no commit when nothing
changed, one overdue issue per late escalation however often the job runs, the PR check
annotating a broken document, and no secret anywhere in the logs.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from escalation_desk.bootstrap.init import init_repository
from escalation_desk.sandbox import Sandbox
from support.workflows import WorkflowRun, git, make_origin, run_workflow

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / "templates" / "workflows"
NOW = "2026-11-26T12:00:00Z"
SECRET_NAMES = ("ZENDESK_URL", "ZENDESK_EMAIL", "ZENDESK_API_TOKEN", "SF_INSTANCE_URL", "SF_ACCESS_TOKEN",
                "SF_USERNAME", "SF_PASSWORD", "SF_SECURITY_TOKEN", "GITHUB_TOKEN")
SENSITIVE = ("ZENDESK_API_TOKEN", "SF_ACCESS_TOKEN", "SF_PASSWORD", "SF_SECURITY_TOKEN", "GITHUB_TOKEN")


def _roster(sandbox: Sandbox) -> str:
    lines = []
    for person in sandbox.dataset.roster:
        lines += ["", "[[people]]", f'name = "{person["name"]}"', f'role = "{person["title"]}"',
                  f'email = "{person["email"]}"']
        if person.get("github"):
            lines.append(f'github = "{person["github"]}"')
    return "\n".join(lines) + "\n"


class Team:
    """A documents repository on a 'GitHub' made of a bare origin and the sandbox."""

    def __init__(self, tmp_path: Path, sandbox: Sandbox, extra_config: str = "") -> None:
        self.tmp = tmp_path
        self.sandbox = sandbox
        seed = tmp_path / "seed"
        init_repository(seed)
        config = seed / "escalations.toml"
        text = config.read_text(encoding="utf-8")
        for key, value in re.findall(r"^(\w+) = (.*)$", extra_config, re.M):
            text, count = re.subn(rf"^{key} = .*$", f"{key} = {value}", text, count=1, flags=re.M)
            assert count == 1, f"{key} is not in the config esc init writes"
        config.write_text(text + _roster(sandbox), encoding="utf-8")
        self.origin = make_origin(tmp_path / "origin.git", seed)
        env = sandbox.env
        self.secrets = {name: env[name] for name in SECRET_NAMES}
        self.secrets["GITHUB_TOKEN"] = sandbox.github.actions_token    # what a workflow's GITHUB_TOKEN is
        self.machine = {"REQUESTS_CA_BUNDLE": env["REQUESTS_CA_BUNDLE"], "ESC_NOW": NOW}
        self.runs: list[WorkflowRun] = []

    def run(self, name: str, **kwargs) -> WorkflowRun:
        kwargs.setdefault("secrets", self.secrets)
        result = run_workflow(WORKFLOWS / name, self.origin, self.tmp / f"run{len(self.runs)}",
                              env=self.machine, repository=self.sandbox.github.full_name,
                              api_url=self.sandbox.env["GITHUB_API_URL"], **kwargs)
        self.runs.append(result)
        return result

    def main(self) -> str:
        return git(self.origin, "rev-parse", "main").strip()

    def files_on_main(self) -> list[str]:
        return git(self.origin, "ls-tree", "-r", "--name-only", "main").split()

    def logs(self) -> str:
        return "\n".join(run.log for run in self.runs)


@pytest.fixture
def team(tmp_path: Path, sandbox: Sandbox) -> Team:
    return Team(tmp_path, sandbox)


def test_the_scheduled_sync_commits_to_origin_and_a_second_run_commits_nothing(team: Team) -> None:
    start = team.main()
    first = team.run("sync.yml", event_name="schedule")
    assert first.ok, first.log
    assert team.main() != start, "the sync's commit did not reach origin:\n" + first.log
    subject = git(team.origin, "log", "-1", "--format=%s", "main").strip()
    assert subject.startswith("sync: "), subject
    documents = [f for f in team.files_on_main() if re.match(r"escalations/ESC-.*\.md$", f)]
    assert documents, team.files_on_main()
    assert "escalations/.sync-state.json" in team.files_on_main()
    assert "### Escalation Desk sync" in first.jobs["sync"].summary

    after_first = team.main()
    second = team.run("sync.yml", event_name="schedule")
    assert second.ok, second.log
    assert team.main() == after_first, "a sync with nothing new made a commit:\n" + git(
        team.origin, "show", "--stat", "main") + second.log
    assert "warning: the commit was not pushed" not in team.logs()
    assert not any(value in team.logs() for name, value in team.secrets.items() if name in SENSITIVE)


def test_the_sync_keeps_one_rolling_pull_request_when_configured_and_allowed(tmp_path: Path, sandbox: Sandbox) -> None:
    team = Team(tmp_path, sandbox, extra_config="pull_request = true")
    start = team.main()
    refused = team.run("sync.yml", event_name="workflow_dispatch")     # GitHub's default: Actions may not
    assert not refused.ok
    assert "not permitted to create or approve pull requests" in refused.log
    assert "Allow GitHub Actions to create and approve pull requests" in refused.log
    assert git(team.origin, "rev-parse", "esc-sync").strip() != start, "the commit is on the branch even so"
    sandbox.github.actions_can_create_prs = True                         # the repository setting, turned on
    run = team.run("sync.yml", event_name="workflow_dispatch")
    assert run.ok, run.log
    assert team.main() == start, "with pull_request = true the sync must not push to main"
    assert git(team.origin, "rev-parse", "esc-sync").strip() != start
    pulls = [i for i in sandbox.github.issues.values() if i.pull is not None]
    assert [(p.pull.head_ref, p.pull.base_ref) for p in pulls] == [("esc-sync", "main")]


def test_overdue_issues_are_raised_once(team: Team) -> None:
    assert team.run("sync.yml", event_name="schedule").ok
    first = team.run("overdue.yml", event_name="schedule")
    assert first.ok, first.log
    issues = _issues(team.sandbox)
    assert issues, first.log
    titles = [i.title for i in issues]
    assert len(titles) == len(set(titles))
    again = team.run("overdue.yml", event_name="schedule")
    assert again.ok, again.log
    assert len(_issues(team.sandbox)) == len(issues), "the second run raised issues again"
    assert not any(value in team.logs() for name, value in team.secrets.items() if name in SENSITIVE)


def _issues(sandbox: Sandbox) -> list:
    return [i for i in sandbox.github.issues.values() if i.pull is None]


def test_the_pull_request_check_annotates_a_broken_document(team: Team) -> None:
    assert team.run("sync.yml", event_name="schedule").ok
    base = team.main()
    work = team.tmp / "person"
    git(team.tmp, "clone", "-q", str(team.origin), str(work))
    document = sorted((work / "escalations").glob("ESC-*.md"))[0]
    text = document.read_text(encoding="utf-8")
    broken = re.sub(r"^severity: .*$", "severity: SEV-9", text, count=1, flags=re.M)
    assert broken != text
    document.write_text(broken, encoding="utf-8")
    git(work, "checkout", "-q", "-b", "fix-severity")
    git(work, "commit", "-q", "-am", "severity")
    git(work, "push", "-q", "origin", "fix-severity")
    event = {"number": 7, "pull_request": {"number": 7, "base": {"ref": "main", "sha": base},
                                           "head": {"ref": "fix-severity",
                                                    "sha": git(work, "rev-parse", "HEAD").strip()}}}
    run = team.run("check.yml", event_name="pull_request", event=event, secrets={})
    assert not run.ok, run.log
    step = run.step("Check the documents")
    assert step.outcome == "failure"
    errors = [a for a in run.annotations if a.level == "error"]
    relative = f"escalations/{document.name}"
    assert any(a.file == relative and a.line for a in errors), run.log
    assert step.summary, "no job summary"
