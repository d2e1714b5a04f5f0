"""`esc doctor`: everything a first run needs, checked against the configured services.

Each check returns one :class:`Check` (ok or not, what was found, the fix); nothing here
prints. A failed blocker means the sync or the overdue job would fail; a failed warning
means a feature is off.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Callable, Mapping

import requests

from escalation_desk.config import Config
from escalation_desk.connectors.env import SalesforceCredentials, ZendeskCredentials
from escalation_desk.connectors.github import GitHubClient
from escalation_desk.connectors.salesforce import SalesforceSource
from escalation_desk.connectors.transport import CallStats, RetryPolicy
from escalation_desk.connectors.zendesk import ZendeskSource
from escalation_desk.errors import DeskError
from escalation_desk.playbook.businesshours import validate_holidays

PR_SETTING = ("Settings → Actions → General → Workflow permissions → \"Allow GitHub Actions to create and "
              "approve pull requests\"")


@dataclass(frozen=True)
class Check:
    item: str
    ok: bool
    detail: str = ""
    fix: str = ""
    blocker: bool = True

    @property
    def failed_blocker(self) -> bool:
        return not self.ok and self.blocker


def _guard(item: str, probe: Callable[[], Check], blocker: bool = True) -> Check:
    """Run one probe; an expected failure (DeskError) becomes a failed check with its hint as the fix."""
    try:
        return probe()
    except DeskError as exc:
        return Check(item, False, exc.message, exc.hint or "", blocker)


def _policy() -> RetryPolicy:
    return RetryPolicy(budget_seconds=5, backoff_seconds=0.5, max_attempts=2, timeout_seconds=15)


def check_variables(env: Mapping[str, str]) -> list[Check]:
    out = []
    for item, reader in (("Zendesk variables", ZendeskCredentials.from_env),
                         ("Salesforce variables", SalesforceCredentials.from_env)):
        out.append(_guard(item, lambda r=reader, i=item: (r(env), Check(i, True, "set"))[1]))
    missing = [n for n in ("GITHUB_TOKEN", "GITHUB_REPOSITORY") if not env.get(n)]
    out.append(Check("GitHub variables", not missing, "set" if not missing else f"{', '.join(missing)} not set",
                     "" if not missing else "in GitHub Actions pass ${{ secrets.GITHUB_TOKEN }} through env:; "
                                            "locally export GITHUB_TOKEN and GITHUB_REPOSITORY=owner/name"))
    return out


def check_zendesk(config: Config, env: Mapping[str, str]) -> list[Check]:
    def probe() -> Check:
        source = ZendeskSource(ZendeskCredentials.from_env(env), config.zendesk, _policy(), CallStats())
        me = source.me()
        role = str(me.get("role") or "")
        if role not in ("agent", "admin"):
            return Check("Zendesk permissions", False, f"the API user {me.get('email')} is a {role or 'unknown role'}",
                         "use an agent or admin API user: end users cannot read other people's tickets, comments, "
                         "users and organizations, nor update tags")
        return Check("Zendesk permissions", True, f"authenticated as {me.get('email')} ({role}): can read tickets, "
                                                  "comments, users, organizations and update tags")
    return [_guard("Zendesk permissions", probe)]


def check_salesforce(config: Config, env: Mapping[str, str]) -> list[Check]:
    def probe() -> Check:
        source = SalesforceSource(SalesforceCredentials.from_env(env), config.salesforce, _policy(), CallStats())
        plan = source.fields()
        return Check("Salesforce fields", True, f"{config.salesforce.object}: " +
                     ", ".join(f"{k.removesuffix('_field')} = {v}" for k, v in plan.present.items()))
    checks = [_guard("Salesforce fields", probe)]
    if checks[0].ok:
        source = SalesforceSource(SalesforceCredentials.from_env(env), config.salesforce, _policy(), CallStats())
        for warning in source.fields().warnings:
            name = warning.split(" (", 1)[0].removeprefix("Salesforce: ")
            checks.append(Check("Salesforce optional field", False, name, warning.split(": ", 2)[-1], blocker=False))
    return checks


def check_github(config: Config, env: Mapping[str, str], pull_request: bool) -> list[Check]:
    if not (env.get("GITHUB_TOKEN") and env.get("GITHUB_REPOSITORY")):
        return []
    client = GitHubClient.from_env(env)

    def access() -> Check:
        perms = client.permissions()
        can_write = perms.get("push", False) or perms.get("admin", False) or perms.get("maintain", False)
        if perms and not can_write:
            return Check("GitHub access", False, f"the token can read {client.repository} but not write",
                         "give the token contents: write, issues: write and pull-requests: write")
        return Check("GitHub access", True, f"{client.repository}: contents, issues and pull requests")
    checks = [_guard("GitHub access", access)]
    if not checks[0].ok:
        return checks
    if pull_request:
        checks.append(_guard("Actions may open pull requests", lambda: _actions_prs(env, client)))
    for person in config.people:
        login = getattr(person, "github", None)
        if login:
            checks.append(_guard(f"roster login {login}", lambda l=login: _roster_login(client, l), blocker=False))
    return checks


def _roster_login(client: GitHubClient, login: str) -> Check:
    ok = client.can_assign(login)
    return Check(f"roster login {login}", ok, "exists and can be assigned" if ok else "cannot be assigned issues here",
                 "" if ok else f"invite {login} to {client.repository}, or fix people.github in escalations.toml",
                 blocker=False)


def _actions_prs(env: Mapping[str, str], client: GitHubClient) -> Check:
    url = f"{client.api_url}/repos/{client.repository}/actions/permissions/workflow"
    answer = requests.get(url, headers={"Authorization": f"Bearer {env['GITHUB_TOKEN']}",
                                        "Accept": "application/vnd.github+json"}, timeout=15)
    if answer.status_code != 200:
        return Check("Actions may open pull requests", False, f"cannot read the setting (HTTP {answer.status_code})",
                     f"an admin can check {PR_SETTING}", blocker=False)
    allowed = bool(answer.json().get("can_approve_pull_request_reviews"))
    return Check("Actions may open pull requests", allowed, "allowed" if allowed else "off (GitHub's default)",
                 "" if allowed else f"turn on {PR_SETTING}, or give the sync a GitHub App / fine-grained token")


def check_business_hours(config: Config) -> list[Check]:
    hours = config.business_hours
    try:
        validate_holidays(hours)
    except ValueError as exc:
        return [Check("business hours", False, str(exc), "fix [business_hours] in escalations.toml")]
    return [Check("business hours", True, f"{hours.timezone}, holidays {hours.holidays or 'none'}")]


def check_roster(config: Config) -> list[Check]:
    """The roster (``[[people]]``) switches rules on: an empty one leaves them silently off."""
    people = config.people
    if not people:
        return [Check("roster", False, "no [[people]] in escalations.toml: the owner-seniority rule (owner-level), "
                      "assigning overdue issues and the executive-to-our-CEO trigger are off",
                      "add each CS and engineering person as [[people]] name, role, github, email "
                      "(`esc init`'s commented config shows one)", blocker=False)]
    checks = [Check("roster", True, f"{len(people)} people")]
    if not any(p.email and p.role.strip().upper() == "CEO" for p in people) and not config.triggers.ceo_addresses:
        checks.append(Check("our CEO", False, "no person with role CEO and an email, and no triggers.ceo_addresses: "
                            "a customer executive writing to our CEO is not detected",
                            "add the CEO to [[people]] with their email, or set [triggers] ceo_addresses",
                            blocker=False))
    return checks


def run_doctor(config: Config, env: Mapping[str, str] | None = None, pull_request: bool = False) -> list[Check]:
    env = dict(os.environ if env is None else env)
    checks = check_variables(env)
    if checks[0].ok:
        checks += check_zendesk(config, env)
    if checks[1].ok:
        checks += check_salesforce(config, env)
    checks += check_github(config, env, pull_request or config.sync.pull_request)
    checks += check_business_hours(config)
    checks += check_roster(config)
    return checks
