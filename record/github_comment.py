"""`esc comment`: apply one `/esc …` command from a GitHub issue comment (the
``issue_comment`` workflow passes the event file, never the comment's text).

The comment counts only when its author is a repository collaborator (OWNER, MEMBER or
COLLABORATOR, as GitHub's ``author_association`` says), it is on an escalation's issue
(its declaration or overdue issue, found by the hidden marker), and its first line starts
with ``/esc``. Applied: one commit whose author is the commenter (the desk commits), a 👍
reaction. Not readable: a reply saying what was wrong and a 😕 reaction. Applied before
(the marker ``gh:comment:ID`` is in the document): nothing but the reaction.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from escalation_desk import gitrepo
from escalation_desk.config import Config
from escalation_desk.errors import DeskError
from escalation_desk.tracking import store
from escalation_desk.tracking.desk_commands import USAGE, CommandError, apply_command, command_line, parse_command
from escalation_desk.tracking.edit import EditError

COLLABORATORS = ("OWNER", "MEMBER", "COLLABORATOR")
_ISSUE_MARKER = re.compile(r"<!--\s*escalation-desk:(?:declared|overdue):(?P<id>[A-Za-z][A-Za-z0-9]*-[0-9]+)\s*-->")


@dataclass(frozen=True)
class CommentEvent:
    issue: int
    issue_body: str
    comment_id: int
    body: str
    login: str
    user_id: int
    association: str
    created_at: datetime
    action: str = "created"            # only a new comment acts (an edited one could rewrite history)
    on_pull_request: bool = False      # a pull request's body is anyone's text, fork authors' included
    issue_opened_by_collaborator: bool = True    # the issue's author: a collaborator or a bot (the desk)


@dataclass
class CommentResult:
    outcome: str             # applied, already, refused, ignored
    detail: str = ""
    commit: str | None = None

    def line(self) -> str:
        return f"comment: {self.outcome}" + (f" — {self.detail}" if self.detail else "") + \
            (f" (commit {self.commit[:10]})" if self.commit else "")


def read_event(path: Path) -> CommentEvent:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        comment, issue = data["comment"], data["issue"]
        opener = issue.get("user") or {}
        by_collaborator = (not opener or opener.get("type") == "Bot"
                           or str(issue.get("author_association") or "NONE") in COLLABORATORS)
        return CommentEvent(int(issue["number"]), str(issue.get("body") or ""), int(comment["id"]),
                            str(comment.get("body") or ""), str(comment["user"]["login"]),
                            int(comment["user"].get("id") or 0), str(comment.get("author_association") or "NONE"),
                            datetime.fromisoformat(str(comment["created_at"]).replace("Z", "+00:00")),
                            str(data.get("action") or "created"), bool(issue.get("pull_request")), by_collaborator)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DeskError(f"{path}: not an issue_comment event ({type(exc).__name__}: {exc})",
                        hint="run it from the issue_comment workflow (GITHUB_EVENT_PATH)") from None


def apply_comment(root: Path, config: Config, event: CommentEvent, github, *, push: bool = False,  # noqa: ANN001
                  remote: str = "origin") -> CommentResult:
    words = command_line(event.body, "/esc")
    if words is None:
        return CommentResult("ignored", "not an /esc command")
    if event.association not in COLLABORATORS:
        return CommentResult("ignored", f"{event.login} is not a collaborator ({event.association})")
    if event.action != "created":
        return CommentResult("ignored", f"an {event.action} comment (only a new comment records anything)")
    if event.on_pull_request:
        return CommentResult("ignored", "a comment on a pull request (only the desk's issues take /esc commands)")
    if not event.issue_opened_by_collaborator:
        return CommentResult("ignored", "the issue was opened by someone who is not a collaborator")
    found = _ISSUE_MARKER.search(event.issue_body)
    if found is None:
        return _refuse(github, event, "this issue is not an escalation's issue (no Escalation Desk marker)")
    try:
        command = parse_command(words, config.business_hours.timezone, event.created_at)
    except CommandError as exc:
        verb = words.split(" ", 1)[0].lower()
        return _refuse(github, event, f"{exc}", "/esc " + USAGE.get(verb, USAGE["notified"]))
    located = store.find(root, found["id"])
    doc = located.doc
    marker = f"gh:comment:{event.comment_id}"
    if marker in doc.markers():
        github.react(event.issue, event.comment_id, "+1")
        return CommentResult("already", f"{found['id']} already has comment {event.comment_id}")
    who = config_name(config, event.login)
    try:
        after = apply_command(doc, command, who, event.created_at, f"GitHub #{event.issue}", marker)
    except (EditError, ValueError) as exc:
        return _refuse(github, event, str(exc))
    commit = _commit(root, located.path, after.text, config, event, who, command.verb, found["id"], push, remote)
    github.react(event.issue, event.comment_id, "+1")
    return CommentResult("applied", f"{found['id']}: {command.verb} {command.text}", commit)


def config_name(config: Config, login: str) -> str:
    person = next((p for p in config.people if p.github and p.github.lower() == login.lower()), None)
    return person.name if person else login


def _refuse(github, event: CommentEvent, why: str, example: str = "") -> CommentResult:  # noqa: ANN001
    hint = f" Write it as `{example}`." if example else ""
    github.comment(event.issue, f"Escalation Desk could not apply that `/esc` comment: {why}.{hint} "
                                "Nothing was recorded.")
    github.react(event.issue, event.comment_id, "confused")
    return CommentResult("refused", why)


def _commit(root: Path, path: Path, text: str, config: Config, event: CommentEvent, who: str, verb: str,
            ident: str, push: bool, remote: str) -> str:
    repo = gitrepo.open_repo(root)
    with gitrepo.exclusive(repo):
        store.write_atomic(path, text)
        author = f"{who} <{event.user_id}+{event.login}@users.noreply.github.com>"
        message = f"{ident}: /esc {verb} by {who} (GitHub #{event.issue})\n"
        sha = gitrepo.commit_paths(repo, [gitrepo.relative(repo, path)], message, config.sync.commit_author,
                                   on_behalf_of=author)
        if push:
            gitrepo.push_merging(repo, remote, gitrepo.current_branch(repo), config.sync.commit_author)
    return sha
