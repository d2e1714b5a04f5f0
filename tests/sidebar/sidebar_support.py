"""What the sidebar tests share: constants, the index from the example documents,
stand-ins for Zendesk's request proxy and for the ticket on the agent's Zendesk
account, and a small driver for one sidebar page."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
APP_DIR = REPO / "sidebar" / "app"
HERE = Path(__file__).resolve().parent
ARTIFACTS = REPO / "tests" / "artifacts" / "sidebar"
DOCS_SCREENSHOT = REPO / "docs" / "sidebar.png"

INDEX_NOW = "2026-11-26T12:00:00Z"
SDK_URL = "https://static.zdassets.com/zendesk_app_framework_sdk/2.0/zaf_sdk.min.js"
TOKEN_PLACEHOLDER = "{{setting.github_token}}"
# What an admin typed into the secure setting. Only the Python "proxy" knows it.
SECRET_TOKEN = "github_pat_11SIDEBARTEST0123456789_abcdefghijklmnopqrstuvwxyz"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SETTINGS = {
    "repository": "acme-cs/escalations",
    "branch": "main",
    "index_path": "escalations/index.json",
    "escalation_tag": "escalation",
    "github_api_url": "https://api.github.com",
    "sync_interval_minutes": 30,
}


def parse_time(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


# ---- the index -------------------------------------------------------------------


def _cli_has_index_command() -> bool:
    if not (REPO / "cli.py").exists():
        return False
    result = subprocess.run(
        [sys.executable, "-m", "escalation_desk", "--help"], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    return result.returncode == 0 and re.search(r"^\s+index\b", result.stdout, re.MULTILINE) is not None


def _example_documents() -> list[Path]:
    return sorted(p for p in (REPO / "escalations").glob("*.md") if p.name.lower() != "readme.md")


def index_from_examples(now: str, workdir: Path | None = None) -> dict[str, Any]:
    """The index ``esc index`` writes for the repository's example documents at *now*.

    Runs ``python3 -m cli --repo <copy> --now <now> index`` on a copy of
    ``escalations/*.md`` (and ``escalations.toml``), so the real repository is never
    touched and the sidebar is always tested against what the CLI really writes.
    """
    documents = _example_documents()
    if not documents:
        pytest.fail("no example documents in escalations/*.md to build the sidebar's index from")
    if not _cli_has_index_command():
        pytest.fail("`python3 -m cli --help` lists no `index` command: the sidebar tests need `esc index`")
    repo = Path(tempfile.mkdtemp(prefix="sidebar-index-")) if workdir is None else workdir / "repo"
    (repo / "escalations").mkdir(parents=True)
    for document in documents:
        shutil.copy2(document, repo / "escalations" / document.name)
    for config in ("escalations.toml",):
        if (REPO / config).exists():
            shutil.copy2(REPO / config, repo / config)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "ZENDESK_", "SF_"))}
    result = subprocess.run(
        [sys.executable, "-m", "escalation_desk", "--repo", str(repo), "--now", now, "index"],
        cwd=REPO, capture_output=True, text=True, timeout=300, env=env,
    )
    if result.returncode != 0:
        pytest.fail(f"esc index failed (exit {result.returncode}):\n{result.stdout}\n{result.stderr}")
    index = json.loads((repo / "escalations" / "index.json").read_text(encoding="utf-8"))
    assert index.get("schema") == "escalation-desk/index@1", index.get("schema")
    return index


# ---- Zendesk's request proxy, played in Python ----------------------------------------


@dataclass
class FakeZendeskProxy:
    """Zendesk's server-side request proxy: the only holder of the secure setting.

    It inserts the token only into a request marked ``secure: true`` (and not
    ``cors: true``) whose headers carry the placeholder, as Zendesk does; without it
    GitHub would answer 401. Then it plays GitHub with the queued *answers* (the last
    one repeats).
    """

    answers: list[dict[str, Any]]
    seen: list[dict[str, Any]] = field(default_factory=list)
    upstream: list[dict[str, Any]] = field(default_factory=list)

    def __call__(self, options: dict[str, Any]) -> dict[str, Any]:
        self.seen.append(options)
        headers = dict(options.get("headers") or {})
        authorization = headers.get("Authorization", "")
        if options.get("secure") is not True or options.get("cors") is True or TOKEN_PLACEHOLDER not in authorization:
            return {"status": 401, "body": {"message": "Bad credentials"}}
        headers["Authorization"] = authorization.replace(TOKEN_PLACEHOLDER, SECRET_TOKEN)
        self.upstream.append({"url": options.get("url"), "headers": headers})
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]


TAGS_URL = re.compile(r"/api/v2/tickets/(\d+)/tags\.json")
TICKET_URL = re.compile(r"/api/v2/tickets/(\d+)\.json")


def _json_body(options: dict[str, Any], *path: str) -> Any:
    """The value at *path* in a JSON request body, or None (not JSON, or not there)."""
    if options.get("contentType") != "application/json":
        return None
    try:
        value = json.loads(options.get("data") or "null")
        for key in path:
            value = value[key]
    except (TypeError, ValueError, KeyError):
        return None
    return value


@dataclass
class FakeZendeskApi:
    """The agent's own Zendesk account, answering the app's same-origin API requests.

    Plays the ticket update (``PUT /api/v2/tickets/{id}.json`` with ``{"ticket": {"comment":
    {"body", "public"}}}``, kept in *comments*) and the tags endpoint of the one open
    ticket as Zendesk documents them: ``PUT``
    adds the listed tags, ``DELETE`` removes them, ``POST`` replaces them, each with a
    JSON body ``{"tags": [...]}``, and each answers ``{"tags": [every tag now saved]}``.
    *tags* are the ticket's saved tags (the open form may show others). *answers* are
    scripted answers taken one per request before the endpoint is played; ``None``
    plays it. Every request is kept in *seen*.
    """

    ticket_id: int | None
    tags: list[str]
    answers: list[dict[str, Any] | None] = field(default_factory=list)
    seen: list[dict[str, Any]] = field(default_factory=list)
    comments: list[dict[str, Any]] = field(default_factory=list)

    def __call__(self, options: dict[str, Any]) -> dict[str, Any]:
        self.seen.append(options)
        scripted = self.answers.pop(0) if self.answers else None
        if scripted is not None:
            return scripted
        if TICKET_URL.fullmatch(str(options.get("url"))):
            return self._update(options)
        match = TAGS_URL.fullmatch(str(options.get("url")))
        if not match or options.get("type") not in ("PUT", "DELETE", "POST"):
            return {"status": 404, "body": {"error": "InvalidEndpoint", "description": "Not found"}}
        if int(match.group(1)) != self.ticket_id:
            return {"status": 404, "body": {"error": "RecordNotFound", "description": "Not found"}}
        tags = _json_body(options, "tags")
        if not (isinstance(tags, list) and all(isinstance(tag, str) for tag in tags)):
            return {"status": 400, "body": {"error": "InvalidValue", "description": "tags must be a JSON list"}}
        if options["type"] == "PUT":
            self.tags += [tag for tag in tags if tag not in self.tags]
        elif options["type"] == "DELETE":
            self.tags = [tag for tag in self.tags if tag not in tags]
        else:
            self.tags = list(tags)
        return {"status": 200, "body": {"tags": list(self.tags)}}

    def _update(self, options: dict[str, Any]) -> dict[str, Any]:
        """A ticket update carrying one comment (the only kind the app sends)."""
        if options.get("type") != "PUT" or int(TICKET_URL.fullmatch(options["url"]).group(1)) != self.ticket_id:
            return {"status": 404, "body": {"error": "RecordNotFound", "description": "Not found"}}
        comment = _json_body(options, "ticket", "comment")
        if not (isinstance(comment, dict) and isinstance(comment.get("body"), str) and comment["body"].strip()):
            return {"status": 422, "body": {"error": "RecordInvalid", "description": "Record validation errors",
                                            "details": {"base": [{"description": "Comment: body is required"}]}}}
        self.comments.append({"id": len(self.comments) + 1, "body": comment["body"],
                              "public": comment.get("public", True)})
        return {"status": 200, "body": {"ticket": {"id": self.ticket_id, "tags": list(self.tags)},
                                        "audit": {"events": [{"type": "Comment", **self.comments[-1]}]}}}

    def requests(self) -> list[tuple[str, str, Any]]:
        """(method, url, decoded body) of every request, for exact comparisons."""
        return [(o.get("type"), o.get("url"), json.loads(o["data"]) if o.get("data") else None) for o in self.seen]


@dataclass
class Sidebar:
    """One sidebar page: open it on a ticket at a given time, then inspect it."""

    page: Any
    base_url: str
    proxy: FakeZendeskProxy | None = None
    zendesk: FakeZendeskApi | None = None
    outside_requests: list[str] = field(default_factory=list)

    def open(
        self,
        *,
        ticket_id: int | None,
        answers: list[dict[str, Any]],
        now: datetime,
        tags: list[str] | tuple[str, ...] = (),
        settings: dict[str, Any] | None = None,
        fail_set: str | None = None,
        saved_tags: list[str] | tuple[str, ...] | None = None,
        zendesk_answers: list[dict[str, Any] | None] = (),
        organization: dict[str, Any] | None = None,
        wait: bool = True,
    ) -> Sidebar:
        """*tags* are shown in the open ticket form; *saved_tags* (default: the same)
        are saved on the ticket in Zendesk; *zendesk_answers* script the answers to the
        app's Zendesk API requests (see :class:`FakeZendeskApi`); *organization* is what
        ``client.get('ticket.organization')`` answers (``{"id", "name", ...}`` or None)."""
        self.proxy = FakeZendeskProxy(list(answers))
        self.zendesk = FakeZendeskApi(
            ticket_id, list(tags if saved_tags is None else saved_tags), list(zendesk_answers)
        )
        self.page.expose_function("__zafProxy", self.proxy)
        self.page.expose_function("__zendeskApi", self.zendesk)
        config = {
            "ticket": {"id": ticket_id, "tags": list(tags), "organization": organization},
            "settings": SETTINGS if settings is None else settings,
            "locale": "en-US",
            "failSet": fail_set,
        }
        self.page.add_init_script(f"window.__zafConfig = {json.dumps(config)};")
        # The page's clock stands still at *now* until a test moves it.
        self.page.clock.install(time=now - timedelta(minutes=1))
        self.page.clock.pause_at(now)
        self.page.goto(f"{self.base_url}/assets/iframe.html")
        if wait:
            self.page.wait_for_selector("#app[aria-busy='false']")
        return self

    def text(self, selector: str = "#app") -> str:
        return self.page.inner_text(selector)

    def calls(self, method: str | None = None) -> list[dict[str, Any]]:
        calls = self.page.evaluate("window.__zaf.calls")
        return [c for c in calls if method is None or c["method"] == method]

    def fire(self, event: str, data: Any = None) -> int:
        """Fires a ZAF event at the app, as Zendesk does; returns how many handlers ran."""
        return self.page.evaluate("([name, data]) => window.__zaf.fire(name, data)", [event, data])

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.locator("#app").screenshot(path=str(path))
        return path


def ok(index: dict[str, Any]) -> dict[str, Any]:
    return {"status": 200, "body": index}

