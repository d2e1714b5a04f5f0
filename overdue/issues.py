"""One GitHub issue per escalation with something overdue — raised, kept current, closed.

An issue is found again by the hidden marker in its body
(``<!-- escalation-desk:overdue:ESC-48213 -->``), never by its title, so people may
retitle or relabel it. The body states facts that only change when the overdue items
change ("was due at T", never "late by N minutes"), so a re-run with the same facts
sends no write at all. Two runs at once (the workflow's concurrency group prevents
it, a retried POST can still cause it) converge on the oldest issue: after creating,
the open issues are listed again and newer duplicates are closed with a comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from types import SimpleNamespace
from urllib.parse import quote

from escalation_desk.connectors.github import GitHubClient, IssueRecord, LabelSpec, RepositoryInfo
from escalation_desk.config import Config
from escalation_desk.playbook.config import SEVERITIES
from escalation_desk.templates import render
from escalation_desk.templates.github_text import inert, inert_plain

from .items import EscalationOverdue, OverdueList, local_text, utc_text

MARKER = "<!-- escalation-desk:overdue:{id} -->"
_MARKER = re.compile(r"<!--\s*escalation-desk:overdue:(?P<id>[A-Za-z][A-Za-z0-9]*-[0-9]+)\s*-->")
SEVERITY_COLORS = {"SEV-1": "b60205", "SEV-2": "d93f0b", "SEV-3": "fbca04", "SEV-4": "c5def5"}


@dataclass(frozen=True)
class IssueAction:
    id: str
    action: str          # created, updated, unchanged, closed, duplicate-closed
    number: int
    url: str
    reason: str = ""


@dataclass
class IssueSyncResult:
    actions: list[IssueAction] = field(default_factory=list)
    labels_created: list[str] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for a in self.actions if a.action == action)

    def as_dict(self) -> dict:
        return {
            "labels_created": self.labels_created,
            "actions": [{"id": a.id, "action": a.action, "number": a.number, "url": a.url, "reason": a.reason}
                        for a in self.actions],
            **{k: self.count(k) for k in ("created", "updated", "unchanged", "closed", "duplicate-closed")},
        }

    def lines(self) -> list[str]:
        out = [f"{a.action} #{a.number} for {a.id}" + (f" ({a.reason})" if a.reason else "") + f": {a.url}"
               for a in self.actions]
        out.append("issues: " + ", ".join(f"{self.count(k)} {k}" for k in
                                          ("created", "updated", "unchanged", "closed", "duplicate-closed")))
        return out


def marker_id(body: str) -> str | None:
    match = _MARKER.search(body or "")
    return match.group("id").upper() if match else None


def issue_title(e: EscalationOverdue) -> str:
    """"Due soon: …" while only warnings stand, "Overdue: …" once anything is past due."""
    what = inert_plain(", ".join(i.label.lower() if n else i.label for n, i in enumerate(e.overdue or e.items)))
    return f"{'Overdue' if e.overdue else 'Due soon'}: {what} — {e.id} {inert_plain(e.customer, 80)} ({e.severity})"


def document_url(info: RepositoryInfo, config: Config, path: str) -> str:
    if config.github.documents_url:
        return f"{config.github.documents_url.rstrip('/')}/{quote(path)}"
    return f"{info.html_url}/blob/{quote(info.default_branch)}/{quote(path)}"


def issue_body(e: EscalationOverdue, config: Config, url: str, assignable: bool) -> str:
    show_local = config.business_hours.timezone not in ("UTC", "Etc/UTC")
    items = [{"label": i.label, "state": "Overdue" if i.state == "overdue" else "Due soon", "due_utc": utc_text(i.due), "due_local": local_text(i.due, config) if show_local else "",
              # The rule and SLA texts quote the document (a plan step's owner and action): inert.
              "sla": inert(i.sla), "rule": inert(i.rule), "advice": i.advice, "fix": i.fix} for i in e.items]
    # A namespace, not a dict: in jinja `e.items` on a dict would be the dict method.
    view = SimpleNamespace(**{**{f.name: getattr(e, f.name) for f in fields(e)}, "items": items,
                              "overdue": bool(e.overdue)})
    return render("overdue_issue.md.j2", marker=MARKER.format(id=e.id), e=view, document_url=url,
                  assignable=assignable)


def _same_text(a: str, b: str) -> bool:
    return a.replace("\r\n", "\n").strip() == b.replace("\r\n", "\n").strip()


def _desired_labels(current: tuple[str, ...], overdue_label: str, severity: str) -> list[str]:
    others = [name for name in current if name.upper() not in SEVERITIES and name.lower() != overdue_label.lower()]
    return [overdue_label, severity, *others]


def _closing_text(ident: str, status: str | None, when: str) -> str:
    if status is None:
        return f"No tracking document has the ID {ident} any more (renamed or removed), so nothing is overdue. Closing."
    if status == "Closed":
        return f"{ident} is Closed and no recovery milestone is overdue as of {when}. Closing."
    if status == "Resolved":
        return f"{ident} is Resolved and no recovery milestone is overdue as of {when}. Closing."
    return f"{ident} is caught up: nothing is overdue as of {when}. Closing."


def _group(issues: list[IssueRecord]) -> dict[str, list[IssueRecord]]:
    groups: dict[str, list[IssueRecord]] = {}
    for issue in sorted(issues, key=lambda i: i.number):
        ident = marker_id(issue.body)
        if ident:
            groups.setdefault(ident, []).append(issue)
    return groups


def raise_issues(overdue: OverdueList, client: GitHubClient, config: Config) -> IssueSyncResult:
    """Make the repository's open issues match the overdue list: one per overdue escalation."""
    run = _IssueSync(client, config)
    if overdue.escalations:
        run.ensure_labels(overdue)
    existing = _group(client.open_issues())
    created = [e.id.upper() for e in overdue.escalations if run.raise_one(e, existing.pop(e.id.upper(), []))]
    if created:
        run.close_raced_duplicates(created)
    run.close_caught_up(existing, overdue)
    return run.result


class _IssueSync:
    """One run of :func:`raise_issues`: the client, the configuration and what was done."""

    def __init__(self, client: GitHubClient, config: Config) -> None:
        self.client, self.config = client, config
        self.label = config.github.overdue_label
        self.info = client.repository_info()
        self.result = IssueSyncResult()

    def ensure_labels(self, overdue: OverdueList) -> None:
        wanted = [LabelSpec(self.label, "d93f0b", "An escalation is behind the playbook (raised by Escalation Desk)")]
        wanted += [LabelSpec(s, SEVERITY_COLORS[s], f"Escalation severity {s}")
                   for s in sorted({e.severity for e in overdue.escalations})]
        self.result.labels_created = self.client.ensure_labels(wanted)

    def close_duplicates(self, ident: str, keep: IssueRecord, duplicates: list[IssueRecord]) -> None:
        for dup in duplicates:
            self.client.close_issue(dup.number, f"Duplicate of #{keep.number}, which tracks what is overdue for "
                                                f"{ident}.", reason="not_planned")
            self.result.actions.append(IssueAction(ident, "duplicate-closed", dup.number, dup.url,
                                                   f"kept #{keep.number}"))

    def raise_one(self, e: EscalationOverdue, group: list[IssueRecord]) -> bool:
        """Create the escalation's issue, or bring the open one up to date; True when created."""
        client = self.client
        login = e.owner_github if e.owner_github and client.can_assign(e.owner_github) else None
        title = issue_title(e)
        body = issue_body(e, self.config, document_url(self.info, self.config, e.path), assignable=login is not None)
        if not group:
            record = client.create_issue(title, body, [self.label, e.severity], [login] if login else [])
            self.result.actions.append(IssueAction(e.id, "created", record.number, record.url))
            return True
        keep, duplicates = group[0], group[1:]
        self.close_duplicates(e.id, keep, duplicates)
        labels = _desired_labels(keep.labels, self.label, e.severity)
        changes = {
            "title": title if keep.title != title else None,
            "body": body if not _same_text(keep.body, body) else None,
            "labels": labels if {n.lower() for n in labels} != {n.lower() for n in keep.labels} else None,
            "assignees": [login] if login and login.lower() not in {a.lower() for a in keep.assignees} else None,
        }
        if any(value is not None for value in changes.values()):
            client.edit_issue(keep.number, **changes)
            what = ", ".join(k for k, v in changes.items() if v is not None)
            self.result.actions.append(IssueAction(e.id, "updated", keep.number, keep.url, what))
        else:
            self.result.actions.append(IssueAction(e.id, "unchanged", keep.number, keep.url))
        return False

    def close_raced_duplicates(self, created: list[str]) -> None:
        """Another run may have raised the same escalation at the same moment: keep the oldest."""
        again = _group(self.client.open_issues())
        for ident in created:
            group = again.get(ident, [])
            if len(group) > 1:
                self.close_duplicates(ident, group[0], group[1:])

    def close_caught_up(self, existing: dict[str, list[IssueRecord]], overdue: OverdueList) -> None:
        when = utc_text(overdue.now)
        broken_ids = {b.upper() for b in overdue.broken_ids}
        unreadable = len(overdue.broken) > len(overdue.broken_ids)   # a broken document whose ID is unknown
        reason = {None: "no document", "Closed": "escalation closed", "Resolved": "resolved, recovery on track"}
        for ident, group in sorted(existing.items()):
            if ident in broken_ids:
                continue   # its document does not parse: leave the issue alone until it does
            status = next((s for i, s in overdue.statuses.items() if i.upper() == ident), None)
            if status is None and unreadable:
                continue   # "no document" cannot be told from "a document we cannot read" this run
            for issue in group:
                self.client.close_issue(issue.number, _closing_text(ident, status, when))
                self.result.actions.append(IssueAction(ident, "closed", issue.number, issue.url,
                                                       reason.get(status, "caught up")))
