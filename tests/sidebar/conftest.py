"""Fixtures for the sidebar tests: the index, a local server for ``sidebar/app/``, one
headless Chromium per session, and a page per test wired to a stub ZAF client.

The browser is Debian's ``/usr/bin/chromium``, driven by the ``playwright`` package;
no browser is ever downloaded. The ZAF SDK address is answered with
``tests/sidebar/zaf_stub.js``; every other address outside the local server is
refused and recorded, so a test can prove the page never talks to GitHub itself.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
APP_DIR = REPO / "sidebar" / "app"
HERE = Path(__file__).resolve().parent
FALLBACK_INDEX = HERE / "fixtures" / "index.json"
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
}


def parse_time(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


# ---- the index -------------------------------------------------------------------


def _cli_has_index_command() -> bool:
    if not (REPO / "cli.py").exists():
        return False
    result = subprocess.run(
        [sys.executable, "-m", "cli", "--help"], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    return result.returncode == 0 and re.search(r"^\s+index\b", result.stdout, re.MULTILINE) is not None


def _example_documents() -> list[Path]:
    return sorted(p for p in (REPO / "escalations").glob("*.md") if p.name.lower() != "readme.md")


def index_from_examples(now: str, workdir: Path) -> dict[str, Any]:
    """The index ``esc index`` writes for the repository's example documents at *now*.

    Runs ``python3 -m cli --repo <copy> --now <now> index`` on a copy of the example
    documents (so the real repository is never touched). Until the example documents
    and the ``index`` command exist, falls back to the hand-written
    ``fixtures/index.json``, which follows the same schema.
    """
    documents = _example_documents()
    if not documents or not _cli_has_index_command():
        return json.loads(FALLBACK_INDEX.read_text(encoding="utf-8"))
    repo = workdir / "repo"
    (repo / "escalations").mkdir(parents=True)
    for document in documents:
        shutil.copy2(document, repo / "escalations" / document.name)
    for config in ("escalations.toml",):
        if (REPO / config).exists():
            shutil.copy2(REPO / config, repo / config)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "ZENDESK_", "SF_"))}
    result = subprocess.run(
        [sys.executable, "-m", "cli", "--repo", str(repo), "--now", now, "index"],
        cwd=REPO, capture_output=True, text=True, timeout=300, env=env,
    )
    assert result.returncode == 0, f"esc index failed:\n{result.stdout}\n{result.stderr}"
    return json.loads((repo / "escalations" / "index.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def index_data(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return index_from_examples(INDEX_NOW, tmp_path_factory.mktemp("index"))


# ---- the local server and the browser ------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


@pytest.fixture(scope="session")
def app_url() -> Any:
    handler = functools.partial(_QuietHandler, directory=str(APP_DIR))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def chromium_browser() -> Any:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


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


@dataclass
class Sidebar:
    """One sidebar page: open it on a ticket at a given time, then inspect it."""

    page: Any
    base_url: str
    proxy: FakeZendeskProxy | None = None
    outside_requests: list[str] = field(default_factory=list)

    def open(
        self,
        *,
        ticket_id: int | None,
        answers: list[dict[str, Any]],
        now: datetime,
        tags: list[str] | tuple[str, ...] = (),
        settings: dict[str, Any] | None = None,
        wait: bool = True,
    ) -> Sidebar:
        self.proxy = FakeZendeskProxy(list(answers))
        self.page.expose_function("__zafProxy", self.proxy)
        config = {
            "ticket": {"id": ticket_id, "tags": list(tags)},
            "settings": SETTINGS if settings is None else settings,
            "locale": "en-US",
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

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture()
def sidebar(chromium_browser: Any, app_url: str) -> Any:
    context = chromium_browser.new_context(
        viewport={"width": 340, "height": 640}, device_scale_factor=2, locale="en-US", timezone_id="UTC"
    )
    page = context.new_page()
    stub = (HERE / "zaf_stub.js").read_text(encoding="utf-8")
    helper = Sidebar(page=page, base_url=app_url)

    def outside(route: Any) -> None:
        if route.request.url.startswith(app_url + "/"):
            route.continue_()
        else:
            helper.outside_requests.append(route.request.url)
            route.abort()

    # Routes match newest first: the SDK route wins over the catch-all.
    page.route("**/*", outside)
    page.route(SDK_URL, lambda route: route.fulfill(status=200, body=stub, content_type="application/javascript"))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield helper
        assert not errors, f"JavaScript errors in the page: {errors}"
    finally:
        context.close()


def ok(index: dict[str, Any]) -> dict[str, Any]:
    return {"status": 200, "body": index}


def utc(value: str) -> datetime:
    return parse_time(value).astimezone(timezone.utc)
