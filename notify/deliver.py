"""Delivering notices: one message per notice and channel, retried within a budget.

A channel is an Apprise URL set from the environment (see
:mod:`connectors.notify_settings`), or ``github``: the @-mentions of the recipients'
logins on the escalation's declaration issue (SEV-1/2 by default), found again by its
hidden marker. A person is recorded as told when at least one of their channels took
the message; a channel that still fails after the retries is reported, never recorded.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Mapping

from escalation_desk.config import Config
from escalation_desk.connectors import notify as apprise_channel
from escalation_desk.connectors.notify import Delivery
from escalation_desk.connectors.notify_settings import GITHUB_CHANNEL
from escalation_desk.playbook.timefmt import utc_text
from escalation_desk.templates import render
from escalation_desk.templates.github_text import inert_plain
from escalation_desk.tracking.entries import clean_inline

from .plan import Notice, Recipient

DECLARED_MARKER = "<!-- escalation-desk:declared:{id} -->"


@dataclass(frozen=True)
class Told:
    notice: Notice
    recipient: Recipient
    channels: tuple[str, ...]          # labels of the channels that took it ("Slack", "email")


@dataclass(frozen=True)
class Failure:
    ident: str
    event: str
    channel: str
    error: str

    def line(self) -> str:
        return f"FAILED {self.ident} {self.event} via {self.channel}: {self.error}"


@dataclass
class Deliveries:
    told: list[Told] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


def inert(text: str, limit: int = 160) -> str:
    """Outside text (customer names, titles) made unable to mention, link or format in a
    chat message or on GitHub: one line, no @-mentions, no <…> links or <!channel>."""
    # GitHub's dangers by the one GitHub-safe-text rule; chat's <…> links and <!channel> besides.
    return inert_plain(clean_inline(text, limit)).replace("@", "@\u200b").replace("<", "‹").replace(">", "›") \
        .replace("\u200b\u200b", "\u200b")


class Deliverer:
    def __init__(self, config: Config, environ: Mapping[str, str], *, github=None,  # noqa: ANN001
                 send: Callable[..., Delivery] = apprise_channel.send, sleep: Callable[[float], None] = time.sleep,
                 branch: str | None = None) -> None:
        self.config = config
        self.settings = config.notify
        self.environ = environ
        self._github, self._github_made = github, github is not None
        self.send_apprise = send
        self.sleep = sleep
        self.branch = branch

    # ------------------------------------------------------------------ routing

    def routes(self, notice: Notice) -> dict[str, list[Recipient]]:
        """channel → the recipients who hear on it, for one notice."""
        out: dict[str, list[Recipient]] = {}
        github_ok = notice.doc.front.severity in self.settings.github_severities
        for recipient in notice.recipients:
            for channel in self.settings.channels_for(recipient.role, self.config.roles.canonical):
                if channel == GITHUB_CHANNEL and not github_ok:
                    continue
                out.setdefault(channel, []).append(recipient)
        return out

    def deliver(self, notices: list[Notice]) -> Deliveries:
        result = Deliveries()
        for notice in notices:
            took: dict[str, list[str]] = {}
            for channel, people in self.routes(notice).items():
                delivery = self._retried(lambda c=channel, p=people: self._send(notice, c, p))
                if not delivery.ok:
                    result.failures.append(Failure(notice.doc.front.id, notice.event, self.settings.label(channel),
                                                   delivery.error))
                    continue
                for person in people:
                    if channel != GITHUB_CHANNEL or person.person.github:
                        took.setdefault(person.person.name, []).append(self.settings.label(channel))
            result.told += [Told(notice, r, tuple(took[r.person.name])) for r in notice.recipients
                            if r.person.name in took]
        return result

    def _retried(self, attempt: Callable[[], Delivery]) -> Delivery:
        wait = self.settings.retry_backoff.total_seconds()
        for number in range(1, self.settings.attempts + 1):
            delivery = attempt()
            if delivery.ok:
                return delivery
            if number < self.settings.attempts:
                self.sleep(wait)
                wait *= 2
        return Delivery(False, f"{delivery.error} (after {self.settings.attempts} attempts)")

    # ------------------------------------------------------------------ channels

    def _send(self, notice: Notice, channel: str, people: list[Recipient]) -> Delivery:
        if channel == GITHUB_CHANNEL:
            return self._mention(notice, people)
        variable = self.settings.variable(channel)
        urls = apprise_channel.channel_urls(variable, self.environ)
        if not urls:
            return Delivery(False, f"{variable} is not set (the channel's Apprise URL, a secret)")
        emails = [r.person.email for r in people if r.person.email]
        return self.send_apprise(urls, self.title(notice), self.body(notice, people), emails)

    def title(self, notice: Notice) -> str:
        front = notice.doc.front
        return f"{front.severity} {front.id} {inert(front.customer, 80)}: {notice.headline}"

    def url(self, notice: Notice) -> str:
        return self.config.github.document_url(notice.doc.path, self.branch, self.environ)

    def body(self, notice: Notice, people: list[Recipient]) -> str:
        front, item = notice.doc.front, notice.obligation
        rule = self.config.severity(front.severity)
        return render("notification.txt.j2", id=front.id, customer=inert(front.customer), title=inert(notice.doc.title),
                      severity=front.severity, severity_name=rule.name, tier=front.tier, status=front.status,
                      owner=inert(front.owner, 80), headline=notice.headline,
                      due=utc_text(item.due) if item else None, advice=item.advice if item else "",
                      names=", ".join(f"{r.person.name} ({r.role})" for r in people), url=self.url(notice))

    def _client(self):  # noqa: ANN202
        if not self._github_made:
            from escalation_desk.connectors.github import GitHubClient

            self._github, self._github_made = GitHubClient.from_env(self.environ), True
        return self._github

    def _mention(self, notice: Notice, people: list[Recipient]) -> Delivery:
        from escalation_desk.errors import DeskError

        logins = [f"@{r.person.github}" for r in people if r.person.github]
        if not logins:
            return Delivery(False, "no GitHub login in the roster for " + ", ".join(r.person.name for r in people))
        try:
            client = self._client()
            front = notice.doc.front
            marker = DECLARED_MARKER.format(id=front.id)
            issue = next((i for i in client.open_issues() if marker in i.body), None)
            if issue is None:
                client.create_issue(f"{front.severity} declared: {front.id} — {inert(front.customer, 80)}",
                                    self._issue_body(notice, marker, logins), [], [])
            else:
                client.comment(issue.number, f"{' '.join(logins)}: {front.id} {notice.headline}.")
        except DeskError as exc:
            return Delivery(False, str(exc))
        return Delivery(True)

    def _issue_body(self, notice: Notice, marker: str, logins: list[str]) -> str:
        front = notice.doc.front
        rule = self.config.severity(front.severity)
        return render("declared_issue.md.j2", marker=marker, id=front.id, customer=inert(front.customer),
                      title=inert(notice.doc.title), severity=front.severity, severity_name=rule.name,
                      definition=rule.definition, tier=front.tier, status=front.status, owner=inert(front.owner, 80),
                      path=notice.doc.path, url=self.url(notice), mentions=" ".join(logins))
