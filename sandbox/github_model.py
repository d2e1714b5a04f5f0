"""The GitHub emulator's records and their REST v3 JSON shapes (as PyGithub reads them).

Every URL in a payload is absolute and built from the request's own scheme, host, port
and the ``/api/v3`` base path: PyGithub asserts that followed URLs match its base_url.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import quote

DOCS = "https://docs.github.com/rest"


def iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def node_id(prefix: str, number: int) -> str:
    return f"{prefix}_kwDO" + base64.b64encode(f"sandbox:{prefix}:{number}".encode()).decode().rstrip("=")


def blob_sha(content: bytes) -> str:
    """The git blob id, as GitHub reports a file's ``sha``."""
    return hashlib.sha1(b"blob %d\0" % len(content) + content).hexdigest()


@dataclass
class User:
    login: str
    id: int
    type: str = "User"  # User / Organization / Bot
    name: str | None = None
    email: str | None = None


@dataclass
class Label:
    id: int
    name: str
    color: str = "ededed"
    description: str | None = None
    default: bool = False


@dataclass
class Comment:
    id: int
    issue_number: int
    body: str
    user: str
    created_at: datetime
    updated_at: datetime
    reactions: list["Reaction"] = field(default_factory=list)


@dataclass(frozen=True)
class Reaction:
    id: int
    user: str
    content: str            # +1, -1, laugh, confused, heart, hooray, rocket, eyes
    created_at: datetime


@dataclass
class Pull:
    head_ref: str
    head_owner: str
    base_ref: str
    draft: bool = False
    maintainer_can_modify: bool = False
    merged: bool = False


@dataclass
class Issue:
    """An issue, or a pull request (``pull`` set): they share one number sequence."""

    number: int
    id: int
    title: str
    body: str | None
    user: str
    created_at: datetime
    updated_at: datetime
    state: str = "open"
    state_reason: str | None = None
    labels: list[str] = field(default_factory=list)  # canonical label names
    assignees: list[str] = field(default_factory=list)
    closed_at: datetime | None = None
    closed_by: str | None = None
    comments: list[Comment] = field(default_factory=list)
    pull: Pull | None = None
    indexed_at: float = 0.0  # monotonic time it becomes visible to search


@dataclass
class File:
    path: str
    content: bytes
    sha: str


REACTIONS = ("+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes")


class Urls:
    """URL builders for one request: ``api`` = scheme://host:port/api/v3, ``web`` =
    scheme://host:port (html_url and download_url live there, as on GitHub Enterprise)."""

    def __init__(self, api: str, web: str, full_name: str) -> None:
        self.api, self.web, self.full_name = api, web, full_name
        self.repo = f"{api}/repos/{full_name}"
        self.html_repo = f"{web}/{full_name}"


class Renderer:
    """JSON for the emulator's records; `users`/`labels` map names to records."""

    def __init__(self, urls: Urls, users: dict[str, User], labels: dict[str, Label],
                 repo_id: int, owner: str, default_branch: str, private: bool,
                 created_at: datetime, heads: dict[str, str]) -> None:
        self.u = urls
        self.users, self.labels = users, labels
        self.repo_id, self.owner, self.default_branch = repo_id, owner, default_branch
        self.private, self.created_at, self.heads = private, created_at, heads

    def user(self, login: str | None, full: bool = False) -> dict[str, Any] | None:
        if login is None:
            return None
        record = self.users.get(login.lower()) or User(login, 0)
        api, web = self.u.api, self.u.web
        out: dict[str, Any] = {
            "login": record.login, "id": record.id, "node_id": node_id("U", record.id),
            "avatar_url": f"{web}/avatars/u/{record.id}?v=4", "gravatar_id": "",
            "url": f"{api}/users/{record.login}", "html_url": f"{web}/{record.login}",
            "followers_url": f"{api}/users/{record.login}/followers",
            "following_url": f"{api}/users/{record.login}/following{{/other_user}}",
            "gists_url": f"{api}/users/{record.login}/gists{{/gist_id}}",
            "starred_url": f"{api}/users/{record.login}/starred{{/owner}}{{/repo}}",
            "subscriptions_url": f"{api}/users/{record.login}/subscriptions",
            "organizations_url": f"{api}/users/{record.login}/orgs",
            "repos_url": f"{api}/users/{record.login}/repos",
            "events_url": f"{api}/users/{record.login}/events{{/privacy}}",
            "received_events_url": f"{api}/users/{record.login}/received_events",
            "type": record.type, "user_view_type": "public", "site_admin": False,
        }
        if full:
            out.update({"name": record.name, "company": None, "blog": "", "location": None,
                        "email": record.email, "hireable": None, "bio": None, "twitter_username": None,
                        "public_repos": 1, "public_gists": 0, "followers": 0, "following": 0,
                        "created_at": iso(self.created_at), "updated_at": iso(self.created_at)})
        return out

    def label(self, name: str) -> dict[str, Any]:
        record = self.labels[name.lower()]
        return {"id": record.id, "node_id": node_id("LA", record.id),
                "url": f"{self.u.repo}/labels/{quote(record.name, safe='')}", "name": record.name,
                "color": record.color, "default": record.default, "description": record.description}

    def repo(self, full: bool = True, open_issues: int = 0) -> dict[str, Any]:
        r, name = self.u.repo, self.u.full_name.split("/", 1)[1]
        out: dict[str, Any] = {
            "id": self.repo_id, "node_id": node_id("R", self.repo_id), "name": name,
            "full_name": self.u.full_name, "private": self.private, "owner": self.user(self.owner),
            "html_url": self.u.html_repo, "description": "Escalation tracking documents", "fork": False,
            "url": r, "issues_url": f"{r}/issues{{/number}}", "pulls_url": f"{r}/pulls{{/number}}",
            "labels_url": f"{r}/labels{{/name}}", "contents_url": f"{r}/contents/{{+path}}",
            "comments_url": f"{r}/comments{{/number}}", "assignees_url": f"{r}/assignees{{/user}}",
            "branches_url": f"{r}/branches{{/branch}}", "commits_url": f"{r}/commits{{/sha}}",
            "issue_comment_url": f"{r}/issues/comments{{/number}}",
            "collaborators_url": f"{r}/collaborators{{/collaborator}}",
            "git_url": f"git://{self.u.web.split('://', 1)[1]}/{self.u.full_name}.git",
            "clone_url": f"{self.u.html_repo}.git", "visibility": "private" if self.private else "public",
        }
        if full:
            out.update({
                "created_at": iso(self.created_at), "updated_at": iso(self.created_at),
                "pushed_at": iso(self.created_at), "default_branch": self.default_branch,
                "has_issues": True, "has_projects": False, "has_wiki": False, "archived": False,
                "disabled": False, "open_issues_count": open_issues, "open_issues": open_issues,
                "forks_count": 0, "stargazers_count": 0, "watchers_count": 0, "size": 0,
                "allow_merge_commit": True, "allow_squash_merge": True, "allow_rebase_merge": True,
                "delete_branch_on_merge": False, "topics": [],
                "permissions": {"admin": True, "maintain": True, "push": True, "triage": True, "pull": True},
            })
        return out

    def issue(self, issue: Issue) -> dict[str, Any]:
        r, n = self.u.repo, issue.number
        kind = "pull" if issue.pull else "issues"
        out: dict[str, Any] = {
            "url": f"{r}/issues/{n}", "repository_url": r, "labels_url": f"{r}/issues/{n}/labels{{/name}}",
            "comments_url": f"{r}/issues/{n}/comments", "events_url": f"{r}/issues/{n}/events",
            "html_url": f"{self.u.html_repo}/{kind}/{n}", "id": issue.id, "node_id": node_id("I", issue.id),
            "number": n, "title": issue.title, "user": self.user(issue.user),
            "labels": [self.label(name) for name in issue.labels if name.lower() in self.labels],
            "state": issue.state, "locked": False,
            "assignee": self.user(issue.assignees[0]) if issue.assignees else None,
            "assignees": [self.user(a) for a in issue.assignees], "milestone": None,
            "comments": len(issue.comments), "created_at": iso(issue.created_at),
            "updated_at": iso(issue.updated_at), "closed_at": iso(issue.closed_at),
            "author_association": "OWNER" if issue.user.lower() == self.owner.lower() else "MEMBER",
            "active_lock_reason": None, "body": issue.body, "closed_by": self.user(issue.closed_by),
            "reactions": {"url": f"{r}/issues/{n}/reactions", "total_count": 0, "+1": 0, "-1": 0,
                          "laugh": 0, "hooray": 0, "confused": 0, "heart": 0, "rocket": 0, "eyes": 0},
            "timeline_url": f"{r}/issues/{n}/timeline", "performed_via_github_app": None,
            "state_reason": issue.state_reason,
        }
        if issue.pull is not None:
            out["draft"] = issue.pull.draft
            out["pull_request"] = {"url": f"{r}/pulls/{n}", "html_url": f"{self.u.html_repo}/pull/{n}",
                                   "diff_url": f"{self.u.html_repo}/pull/{n}.diff",
                                   "patch_url": f"{self.u.html_repo}/pull/{n}.patch", "merged_at": None}
        return out

    def comment(self, comment: Comment) -> dict[str, Any]:
        r = self.u.repo
        return {"url": f"{r}/issues/comments/{comment.id}",
                "html_url": f"{self.u.html_repo}/issues/{comment.issue_number}#issuecomment-{comment.id}",
                "issue_url": f"{r}/issues/{comment.issue_number}", "id": comment.id,
                "node_id": node_id("IC", comment.id), "user": self.user(comment.user),
                "created_at": iso(comment.created_at), "updated_at": iso(comment.updated_at),
                "author_association": "MEMBER", "body": comment.body, "performed_via_github_app": None,
                "reactions": {"url": f"{r}/issues/comments/{comment.id}/reactions",
                              "total_count": len(comment.reactions),
                              **{c: sum(1 for x in comment.reactions if x.content == c) for c in REACTIONS}}}

    def reaction(self, reaction: "Reaction") -> dict[str, Any]:
        return {"id": reaction.id, "node_id": node_id("REA", reaction.id), "user": self.user(reaction.user),
                "content": reaction.content, "created_at": iso(reaction.created_at)}

    def branch_part(self, ref: str, owner: str) -> dict[str, Any]:
        repo = self.repo(full=False)
        if owner.lower() != self.owner.lower():   # a fork's branch: the head repository is the fork
            name = repo["name"]
            repo = {**repo, "full_name": f"{owner}/{name}", "fork": True, "owner": self.user(owner),
                    "html_url": f"{self.u.web}/{owner}/{name}", "clone_url": f"{self.u.web}/{owner}/{name}.git"}
        return {"label": f"{owner}:{ref}", "ref": ref, "sha": self.heads.get(ref, "0" * 40),
                "user": self.user(owner), "repo": repo}

    def pull(self, issue: Issue) -> dict[str, Any]:
        assert issue.pull is not None
        pr, r, n = issue.pull, self.u.repo, issue.number
        base = self.issue(issue)
        html = f"{self.u.html_repo}/pull/{n}"
        return {
            "url": f"{r}/pulls/{n}", "id": issue.id, "node_id": node_id("PR", issue.id), "html_url": html,
            "diff_url": f"{html}.diff", "patch_url": f"{html}.patch", "issue_url": f"{r}/issues/{n}",
            "commits_url": f"{r}/pulls/{n}/commits", "review_comments_url": f"{r}/pulls/{n}/comments",
            "review_comment_url": f"{r}/pulls/comments{{/number}}", "comments_url": f"{r}/issues/{n}/comments",
            "statuses_url": f"{r}/statuses/{self.heads.get(pr.head_ref, '0' * 40)}",
            "number": n, "state": issue.state, "locked": False, "title": issue.title, "user": base["user"],
            "body": issue.body, "labels": base["labels"], "milestone": None, "active_lock_reason": None,
            "created_at": base["created_at"], "updated_at": base["updated_at"], "closed_at": base["closed_at"],
            "merged_at": None, "merge_commit_sha": None, "assignee": base["assignee"],
            "assignees": base["assignees"], "requested_reviewers": [], "requested_teams": [],
            "head": self.branch_part(pr.head_ref, pr.head_owner),
            "base": self.branch_part(pr.base_ref, self.owner),
            "_links": {"self": {"href": f"{r}/pulls/{n}"}, "html": {"href": html},
                       "issue": {"href": f"{r}/issues/{n}"}, "comments": {"href": f"{r}/issues/{n}/comments"}},
            "author_association": base["author_association"], "auto_merge": None, "draft": pr.draft,
            "merged": pr.merged, "mergeable": True, "rebaseable": True, "mergeable_state": "clean",
            "merged_by": None, "comments": len(issue.comments), "review_comments": 0,
            "maintainer_can_modify": pr.maintainer_can_modify, "commits": 1, "additions": 0,
            "deletions": 0, "changed_files": 0,
        }

    def content(self, file: File | None, path: str, ref: str, with_body: bool = True) -> dict[str, Any]:
        """A file entry (``file`` given) or a directory entry (``file`` None)."""
        quoted = quote(path)
        url = f"{self.u.repo}/contents/{quoted}?ref={quote(ref, safe='')}"
        kind = "file" if file is not None else "dir"
        sha = file.sha if file is not None else hashlib.sha1(f"tree:{ref}:{path}".encode()).hexdigest()
        git_url = f"{self.u.repo}/git/{'blobs' if file is not None else 'trees'}/{sha}"
        html_url = f"{self.u.html_repo}/{'blob' if file is not None else 'tree'}/{ref}/{quoted}"
        out: dict[str, Any] = {
            "type": kind, "size": len(file.content) if file is not None else 0, "name": path.rsplit("/", 1)[-1],
            "path": path, "sha": sha, "url": url, "git_url": git_url, "html_url": html_url,
            "download_url": f"{self.u.web}/raw/{self.u.full_name}/{quote(ref, safe='')}/{quoted}"
            if file is not None else None,
            "_links": {"self": url, "git": git_url, "html": html_url},
        }
        if file is not None and with_body:
            encoded = base64.b64encode(file.content).decode()
            out["content"] = "\n".join(encoded[i:i + 60] for i in range(0, len(encoded), 60)) + "\n"
            out["encoding"] = "base64"
        return out

    def commit(self, sha: str, parent: str, message: str, login: str, when: datetime) -> dict[str, Any]:
        record = self.users.get(login.lower())
        person = {"name": (record.name if record and record.name else login),
                  "email": (record.email if record and record.email else f"{login}@users.noreply.sandbox"),
                  "date": iso(when)}
        return {"sha": sha, "node_id": node_id("C", int(sha[:8], 16)), "url": f"{self.u.repo}/git/commits/{sha}",
                "html_url": f"{self.u.html_repo}/commit/{sha}", "author": person, "committer": person,
                "message": message, "tree": {"sha": hashlib.sha1(sha.encode()).hexdigest(),
                                             "url": f"{self.u.repo}/git/trees/{sha}"},
                "parents": [{"sha": parent, "url": f"{self.u.repo}/git/commits/{parent}",
                             "html_url": f"{self.u.html_repo}/commit/{parent}"}],
                "verification": {"verified": False, "reason": "unsigned", "signature": None, "payload": None}}
