"""GitHub through PyGithub: the rolling sync pull request and the overdue issues.

The only module that imports PyGithub. Everything it returns is a plain value
(:class:`IssueRecord`, :class:`PullRequestResult`, :class:`RepositoryInfo`), and every
failure a user can cause or fix (missing or refused token, unknown repository, missing
permission, rate limit, GitHub unreachable) becomes one :class:`DeskError` line that
never contains the token.

Configuration comes from the variables GitHub Actions already sets:

- ``GITHUB_TOKEN``       the token (pass ``${{ secrets.GITHUB_TOKEN }}`` through ``env:``)
- ``GITHUB_REPOSITORY``  ``owner/name``
- ``GITHUB_API_URL``     default ``https://api.github.com`` (any base URL, e.g. GitHub
                         Enterprise's ``https://ghe.example.com/api/v3`` or a local server)

Two optional knobs, for local servers and tests: ``ESC_GITHUB_THROTTLE=0`` drops
PyGithub's pauses between requests (0.25 s, 1 s between writes: GitHub's advice against
secondary rate limits), and ``ESC_GITHUB_RETRIES=N`` (default 3, 0 = none) sets how often
a 5xx or rate-limited call is retried.
"""

from __future__ import annotations

import os
import re
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterator, Mapping, NamedTuple
from urllib.parse import urlsplit

import requests
from github import Auth, Github, GithubException, GithubRetry
from github.GithubException import BadCredentialsException, RateLimitExceededException, UnknownObjectException

from escalation_desk.errors import DeskError

from .env import token_value
from .errors import NOT_JSON, NOT_JSON_HINT, raised_in

DEFAULT_API_URL = "https://api.github.com"
_REPOSITORY = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")


@dataclass(frozen=True)
class RepositoryInfo:
    full_name: str
    html_url: str
    default_branch: str


@dataclass(frozen=True)
class IssueRecord:
    number: int
    title: str
    body: str
    labels: tuple[str, ...]
    assignees: tuple[str, ...]
    url: str
    state: str
    created_at: datetime | None


class OpenPullRequest(NamedTuple):
    number: int
    head_ref: str
    same_repository: bool        # False: the branch lives in a fork
    head_repository: str         # owner/name of the head's repository


class PullRequestResult(NamedTuple):
    number: int
    url: str
    created: bool


@dataclass(frozen=True)
class LabelSpec:
    name: str
    color: str
    description: str = ""


def _port_ok(url: str) -> bool:
    try:
        urlsplit(url).port   # noqa: B018 - raises ValueError for a port out of range or not a number
    except ValueError:
        return False
    return True


class GitHubClient:
    """One repository on one GitHub (or GitHub Enterprise, or a local emulator)."""

    def __init__(self, token: str, repository: str, api_url: str = DEFAULT_API_URL, *,
                 throttle: bool = True, retries: int = 3, timeout: int = 15) -> None:
        if not token:
            raise DeskError("GITHUB_TOKEN is not set",
                            hint="in GitHub Actions add `env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}`")
        if not _REPOSITORY.match(repository or ""):
            raise DeskError(f"GITHUB_REPOSITORY must be owner/name, not {repository!r}"
                            if repository else "GITHUB_REPOSITORY is not set", hint="e.g. acme/escalations")
        if not re.match(r"^https?://[^/\s]+", api_url or "") or not _port_ok(api_url):
            raise DeskError(f"GITHUB_API_URL must be an http(s) URL, not {api_url!r}",
                            hint=f"e.g. {DEFAULT_API_URL}")
        self._token = token
        self.repository = repository
        self.api_url = api_url.rstrip("/")
        pause = {} if throttle else {"seconds_between_requests": None, "seconds_between_writes": None}
        retry = GithubRetry(total=retries, backoff_factor=1, secondary_rate_wait=30, max_rate_limit_wait=120) \
            if retries > 0 else None
        self._github = Github(auth=Auth.Token(token), base_url=self.api_url, timeout=timeout, per_page=100,
                              retry=retry, **pause)
        self._repo = None
        self._issues: dict[int, object] = {}   # PyGithub Issue objects seen, by number
        self._assignable: dict[str, bool] = {}

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "GitHubClient":
        """The client GitHub Actions' variables describe (see the module docstring)."""
        env = os.environ if environ is None else environ
        throttle = env.get("ESC_GITHUB_THROTTLE", "1").strip().lower() not in ("0", "false", "no", "off")
        try:
            retries = int(env.get("ESC_GITHUB_RETRIES", "3"))
        except ValueError:
            raise DeskError("ESC_GITHUB_RETRIES must be a whole number") from None
        return cls(token_value(env, "GITHUB_TOKEN") or "", env.get("GITHUB_REPOSITORY", "").strip(),
                   env.get("GITHUB_API_URL", "").strip() or DEFAULT_API_URL, throttle=throttle,
                   retries=max(retries, 0))

    # ------------------------------------------------------------------ errors

    def _scrub(self, text: str) -> str:
        return text.replace(self._token, "***") if self._token else text

    @contextmanager
    def _calling(self, what: str) -> Iterator[None]:
        """Turn PyGithub's and requests' exceptions into one clear DeskError line."""
        try:
            yield
        except BadCredentialsException:
            raise DeskError(f"GitHub rejected GITHUB_TOKEN while trying to {what} (401 Bad credentials)",
                            hint="the token is missing, expired or revoked") from None
        except RateLimitExceededException as exc:
            reset = (exc.headers or {}).get("x-ratelimit-reset") or (exc.headers or {}).get("X-RateLimit-Reset")
            when = datetime.fromtimestamp(int(reset), timezone.utc).strftime("%H:%M UTC") \
                if str(reset or "").isdigit() else None
            raise DeskError(f"GitHub rate limit exceeded while trying to {what}"
                            + (f" (it resets at {when})" if when else ""), hint="try again later") from None
        except UnknownObjectException:
            raise DeskError(f"GitHub answered 404 while trying to {what} in {self.repository}",
                            hint="check GITHUB_REPOSITORY and that the token can see the repository") from None
        except GithubException as exc:
            message = exc.data.get("message") if isinstance(exc.data, dict) else None
            errors = exc.data.get("errors") if isinstance(exc.data, dict) else None
            if isinstance(errors, list):  # 422 details, e.g. "No commits between main and main"
                notes = [str(e.get("message") or e.get("code") or "") for e in errors if isinstance(e, dict)]
                message = "; ".join([str(message or ""), *[n for n in notes if n]]).strip("; ")
            detail = self._scrub(" ".join(str(message or exc.data or "").split()))[:200]
            hint = None
            if exc.status == 403 and "not permitted to create or approve pull requests" in (detail or ""):
                hint = ("GitHub's default refuses pull requests from GITHUB_TOKEN: turn on Settings → Actions → "
                        "General → Workflow permissions → \"Allow GitHub Actions to create and approve pull "
                        "requests\" (for an organization, allow it there first), or give the sync a GitHub App "
                        "or fine-grained token with pull-requests: write")
            elif exc.status == 403:
                hint = "grant the job the permission it needs (issues: write / pull-requests: write)"
            raise DeskError(f"GitHub refused to {what} ({exc.status}: {detail or 'no message'})", hint=hint) from None
        except requests.exceptions.RetryError:
            raise DeskError(f"GitHub kept failing while trying to {what} (server errors, retried)",
                            hint="see https://www.githubstatus.com and try again later") from None
        except requests.exceptions.RequestException as exc:
            raise DeskError(f"cannot reach GitHub at {self.api_url} to {what} ({type(exc).__name__})",
                            hint="check GITHUB_API_URL and the network") from None
        except (ValueError, TypeError, AttributeError, KeyError) as exc:
            if not (isinstance(exc, requests.exceptions.JSONDecodeError) or raised_in(exc, "github")):
                raise
            # PyGithub choked on an answer that is not the API's JSON (a web page, a proxy).
            raise DeskError(f"GitHub at {self.api_url} {NOT_JSON} while trying to {what}",
                            hint=NOT_JSON_HINT) from None
        except OSError as exc:   # requests' bare OSError for a CA bundle that is not there
            raise DeskError(f"cannot set up TLS to reach GitHub at {self.api_url} ({self._scrub(str(exc))[:200]})",
                            hint="check that REQUESTS_CA_BUNDLE names a readable PEM file") from None

    # ------------------------------------------------------------------ repository

    @property
    def _repository(self):  # type: ignore[no-untyped-def]
        if self._repo is None:
            with self._calling(f"open the repository {self.repository}"):
                self._repo = self._github.get_repo(self.repository)
        return self._repo

    def repository_info(self) -> RepositoryInfo:
        repo = self._repository
        return RepositoryInfo(repo.full_name, repo.html_url, repo.default_branch)

    def permissions(self) -> dict[str, bool]:
        """What the token may do on the repository (``permissions`` of ``GET /repos/o/r``)."""
        return {k: bool(v) for k, v in (self._repository.raw_data.get("permissions") or {}).items()}

    def can_assign(self, login: str) -> bool:
        """Whether `login` may be assigned issues here (collaborators only, on GitHub)."""
        key = login.lower()
        if key not in self._assignable:
            with self._calling(f"check whether {login} can be assigned"):
                self._assignable[key] = bool(self._repository.has_in_assignees(login))
        return self._assignable[key]

    # ------------------------------------------------------------------ labels

    def ensure_labels(self, specs: list[LabelSpec]) -> list[str]:
        """Create the labels that do not exist yet; returns the names created."""
        with self._calling("list labels"):
            existing = {label.name.lower() for label in self._repository.get_labels()}
        created = []
        for spec in specs:
            if spec.name.lower() in existing:
                continue
            try:
                with self._calling(f"create the label {spec.name!r}"):
                    self._repository.create_label(spec.name, spec.color, spec.description)
            except DeskError:
                # Another run may have created it a moment ago (422 already_exists).
                with self._calling("list labels"):
                    if spec.name.lower() not in {l.name.lower() for l in self._repository.get_labels()}:
                        raise
                continue
            existing.add(spec.name.lower())
            created.append(spec.name)
        return created

    # ------------------------------------------------------------------ issues

    def _record(self, issue) -> IssueRecord:  # type: ignore[no-untyped-def]
        self._issues[issue.number] = issue
        return IssueRecord(issue.number, issue.title or "", issue.body or "",
                           tuple(label.name for label in issue.labels),
                           tuple(user.login for user in issue.assignees), issue.html_url, issue.state,
                           issue.created_at)

    def _issue(self, number: int):  # type: ignore[no-untyped-def]
        return self._issues.get(number) or self._repository.get_issue(number)

    def open_issues(self) -> list[IssueRecord]:
        """Every open issue (pull requests left out), oldest first."""
        with self._calling("list open issues"):
            # A pull request is an issue too; tell them apart by URL, because reading the
            # `pull_request` attribute of a listed issue costs one more request per issue.
            found = [self._record(i) for i in self._repository.get_issues(state="open", sort="created",
                                                                         direction="asc")
                     if "/pull/" not in (i.html_url or "")]
        return sorted(found, key=lambda r: r.number)

    def create_issue(self, title: str, body: str, labels: list[str], assignees: list[str]) -> IssueRecord:
        with self._calling("create an issue"):
            return self._record(self._repository.create_issue(title=title, body=body, labels=labels,
                                                              assignees=assignees))

    def edit_issue(self, number: int, *, title: str | None = None, body: str | None = None,
                   labels: list[str] | None = None, assignees: list[str] | None = None) -> None:
        changes = {key: value for key, value in
                   (("title", title), ("body", body), ("labels", labels), ("assignees", assignees))
                   if value is not None}
        if changes:
            with self._calling(f"update issue #{number}"):
                self._issue(number).edit(**changes)

    def comment(self, number: int, text: str) -> None:
        with self._calling(f"comment on issue #{number}"):
            self._issue(number).create_comment(text)

    def react(self, number: int, comment_id: int, content: str) -> None:
        """A reaction (``+1``, ``confused``, ``eyes``…) on one comment of issue `number`."""
        with self._calling(f"react to comment {comment_id}"):
            self._issue(number).get_comment(comment_id).create_reaction(content)

    def close_issue(self, number: int, comment: str, *, reason: str = "completed") -> None:
        """Comment, then close (``reason``: completed, or not_planned for duplicates)."""
        self.comment(number, comment)
        with self._calling(f"close issue #{number}"):
            self._issue(number).edit(state="closed", state_reason=reason)

    # ------------------------------------------------------------------ pull requests

    def open_pull_requests(self, base: str) -> list[OpenPullRequest]:
        """The open pull requests into `base`, oldest first."""
        with self._calling(f"list open pull requests into {base}"):
            pulls = list(self._repository.get_pulls(state="open", base=base, sort="created", direction="asc"))
        out = []
        for pull in pulls:
            head_repo = pull.head.repo.full_name if pull.head.repo is not None else ""
            out.append(OpenPullRequest(pull.number, pull.head.ref, head_repo.lower() == self.repository.lower(),
                                       head_repo))
        return out

    def ensure_pull_request(self, head: str, base: str, title: str, body: str,
                            update: bool = True) -> PullRequestResult:
        """Keep ONE open pull request from `head`: create it, or bring the open one's
        title, body and base up to date (`update`; else leave an open one as it is).
        Returns (number, url, created)."""
        owner = self.repository.split("/", 1)[0]

        def open_from_head():  # type: ignore[no-untyped-def]
            with self._calling(f"list pull requests from {head}"):
                pulls = list(self._repository.get_pulls(state="open", head=f"{owner}:{head}"))
            return sorted(pulls, key=lambda p: p.number)

        existing = open_from_head()
        if not existing:
            try:
                with self._calling(f"open a pull request from {head} into {base}"):
                    pull = self._repository.create_pull(base=base, head=head, title=title, body=body)
                return PullRequestResult(pull.number, pull.html_url, True)
            except DeskError:
                existing = open_from_head()   # another run opened it a moment ago
                if not existing:
                    raise
        pull = existing[0]
        if not update:
            return PullRequestResult(pull.number, pull.html_url, False)
        changes: dict[str, str] = {}
        if pull.title != title:
            changes["title"] = title
        if (pull.body or "") != body:
            changes["body"] = body
        if pull.base.ref != base:
            changes["base"] = base
        if changes:
            with self._calling(f"update pull request #{pull.number}"):
                pull.edit(**changes)
        return PullRequestResult(pull.number, pull.html_url, False)
