"""Fixtures for the report tests: the hand-built documents (with and without git history),
their report at NOW, and one headless Chromium for the page and the Mermaid charts.

The browser is Debian's ``/usr/bin/chromium`` driven by the ``playwright`` package; no
browser is ever downloaded. The real Mermaid parser comes from ``tests/report/js``
(``npm ci`` there when its node_modules is missing).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

import pytest

from escalation_desk.config import load_config

import report_fixtures as fx
from prerequisites import missing
from report_fixtures import CHROMIUM, CHROMIUM_ARGS, JS_DIR, MERMAID_BUILDS, report_of


@pytest.fixture(scope="session")
def git_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("git") is None:
        missing("git is not installed")
    return fx.write_git(tmp_path_factory.mktemp("git") / "repo")


@pytest.fixture(scope="session")
def plain_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fx.write_plain(tmp_path_factory.mktemp("plain") / "repo")


@pytest.fixture(scope="session")
def config(git_repo: Path) -> Any:
    return load_config(git_repo / "escalations.toml")


@pytest.fixture(scope="session")
def git_report(git_repo: Path) -> Any:
    return report_of(git_repo)


@pytest.fixture(scope="session")
def plain_report(plain_repo: Path) -> Any:
    return report_of(plain_repo)


@pytest.fixture(scope="session")
def mermaid_builds() -> dict[str, Path]:
    if not all(path.exists() for path in MERMAID_BUILDS.values()):
        npm = shutil.which("npm")
        if npm is None:
            missing("npm is not installed, so the Mermaid parser cannot be fetched")
        subprocess.run([npm, "ci", "--prefix", str(JS_DIR), "--no-audit", "--no-fund", "--ignore-scripts"],
                       check=True, timeout=900, capture_output=True)
    return MERMAID_BUILDS


class BrowserThread:
    """One headless Chromium in a thread of its own; ``run(work)`` calls ``work(browser)`` there.

    Playwright's sync API allows one instance per thread, and the sidebar tests keep theirs
    open for the whole session in the main thread (both run in one pytest-xdist worker), so
    this browser lives in its own thread and every page is driven from there.
    """

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="report-chromium")
        self._started = self._pool.submit(self._start)
        self._started.result()

    def _start(self) -> None:
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self._browser = self._playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

    def run(self, work: Callable[[Any], Any]) -> Any:
        return self._pool.submit(work, self._browser).result()

    def close(self) -> None:
        def stop() -> None:
            self._browser.close()
            self._playwright.stop()

        self._pool.submit(stop).result()
        self._pool.shutdown()


@pytest.fixture(scope="session")
def chromium() -> Any:
    if not Path(CHROMIUM).exists():
        missing(f"{CHROMIUM} is not installed (apt-get install chromium)")
    browser = BrowserThread()
    try:
        yield browser
    finally:
        browser.close()
