"""Helpers for the overdue tests: small documents in tmp repositories, the CLI in-process,
and the sandbox's GitHub emulator on a real local HTTP port."""

from __future__ import annotations

import contextlib
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Iterator

from escalation_desk.sandbox.core import Controlled, FaultPlan, RequestLog, ServerThread
from escalation_desk.sandbox.github import GitHubEmulator, GitHubState, github_error_body
from escalation_desk.tracking import entries
from escalation_desk.tracking.render import new_document
from support.cli import Run, esc  # noqa: F401 - the one CLI runner

REPO_NAME = "acme/escalations"
ROSTER = """
[[people]]
name = "Dana Whitfield"
role = "Senior CSM"
github = "dwhitfield"

[[people]]
name = "Marcus Chen"
role = "Director"
github = "mchen"

[[people]]
name = "Lee Park"
role = "CSM"
github = "leepark"

[[people]]
name = "Priya Raman"
role = "CS Director"

[[people]]
name = "Tom Becker"
role = "Engineering Manager"
"""


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc)


def write_config(repo: Path, timezone_name: str = "America/New_York", holidays: str = "US",
                 extra: str = "") -> None:
    (repo / "escalations.toml").write_text(
        f'[business_hours]\ntimezone = "{timezone_name}"\nholidays = "{holidays}"\n{extra}\n{ROSTER}',
        encoding="utf-8")


def write_doc(repo: Path, ident: str = "ESC-1001", *, severity: str = "SEV-2", status: str = "In Progress",
              owner: str = "Dana Whitfield", opened: str = "2026-11-16T14:00:00Z",
              acknowledged: str | None = "2026-11-16T14:20:00Z", comms: tuple[str, ...] = (),
              plan: bool = True, leaders: bool = True, recovery: tuple[tuple[str, str, bool], ...] = (),
              customer: str = "Acme Corp", title: str = "Salesforce sync stopped", **fields: object) -> Path:
    """A valid document; by default everything but the customer-update clock is satisfied."""
    opened_at = utc(opened)
    front: dict[str, object] = {"id": ident, "customer": customer, "severity": severity, "status": status,
                                "owner": owner, "opened": opened_at}
    if acknowledged:
        front["acknowledged"] = utc(acknowledged)
    front.update(fields)
    text = new_document(
        front, title=title, summary="Their nightly sync stopped; the revenue team works from stale data.",
        plan=[entries.plan_line(1, "Restore the sync job", "Lee Park", date(2026, 11, 30))] if plan else [],
        comms=[entries.comm_line(utc(at), "email", "Status update") for at in comms],
        stakeholders=[entries.stakeholder_line("Priya Raman", "CS Director", opened_at),
                      entries.stakeholder_line("Tom Becker", "Engineering Manager", opened_at),
                      entries.stakeholder_line("Jordan Ellis", "VP CS", opened_at),
                      entries.stakeholder_line("Sam Okafor", "VP Engineering", opened_at),
                      entries.stakeholder_line("Rina Patel", "CTO", opened_at),
                      entries.stakeholder_line("Ana Souza", "CSM Manager", opened_at)] if leaders else [],
    )
    for name, due, done in recovery:
        text += entries.recovery_line(name, date.fromisoformat(due), done) + "\n"
    path = repo / "escalations" / f"{ident}-{customer.lower().replace(' ', '-')}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


Result = Run   # the shared runner's result


def overdue_json(repo: Path, now: str) -> dict:
    result = esc("--repo", str(repo), "--now", now, "overdue", "--json")
    assert result.code == 0, result.err
    return result.json()


def items_of(report: dict, ident: str) -> dict[str, dict]:
    for escalation in report["escalations"]:
        if escalation["id"] == ident:
            return {item["kind"]: item for item in escalation["items"]}
    return {}


class GitHubSandbox:
    """The GitHub emulator for one test, on a real HTTP port."""

    def __init__(self, collaborators: tuple[str, ...] = ("dwhitfield", "mchen", "leepark")) -> None:
        self.state = GitHubState(REPO_NAME, collaborators=collaborators, now=datetime(2026, 11, 23, tzinfo=timezone.utc))
        self.faults, self.log = FaultPlan(), RequestLog()
        app = Controlled("github", GitHubEmulator(self.state, self.faults), self.faults, self.log,
                         error_body=github_error_body)
        self.server = ServerThread(app).start()

    @property
    def api_url(self) -> str:
        return f"{self.server.url}/api/v3"

    def env(self, **overrides: str) -> dict[str, str]:
        return {"GITHUB_TOKEN": self.state.token, "GITHUB_REPOSITORY": REPO_NAME, "GITHUB_API_URL": self.api_url,
                "ESC_GITHUB_THROTTLE": "0", "ESC_GITHUB_RETRIES": "0", **overrides}

    def client(self):  # type: ignore[no-untyped-def]
        from escalation_desk.connectors.github import GitHubClient

        return GitHubClient(self.state.token, REPO_NAME, self.api_url, throttle=False, retries=0)

    def issues(self, state: str = "open") -> list:
        with self.state.lock:
            return [i for i in self.state.issues.values() if i.pull is None and (state == "all" or i.state == state)]

    def writes(self) -> int:
        return sum(1 for e in self.log.entries("github") if e.method in ("POST", "PATCH", "PUT", "DELETE"))

    def stop(self) -> None:
        self.server.stop()


@contextlib.contextmanager
def github_sandbox(**options: object) -> Iterator[GitHubSandbox]:
    box = GitHubSandbox(**options)  # type: ignore[arg-type]
    try:
        yield box
    finally:
        box.stop()
