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
import threading
from pathlib import Path
from typing import Any

import pytest

from prerequisites import missing
from sidebar_support import (
    APP_DIR, CHROMIUM, CHROMIUM_ARGS, HERE, INDEX_NOW, SDK_URL, Sidebar, index_from_examples,
)


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
        missing(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


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
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    try:
        yield helper
        assert not errors, f"errors in the page: {errors}"
    finally:
        context.close()
