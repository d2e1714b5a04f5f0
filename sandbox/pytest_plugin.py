"""pytest fixtures for the sandbox. Enable with ``pytest_plugins = ["escalation_desk.sandbox.pytest_plugin"]``
in the root ``tests/conftest.py``.

- ``sandbox_session``: one started :class:`~sandbox.Sandbox` for the whole session
  (starting one costs about half a second; its servers are reused).
- ``sandbox``: the session sandbox, reset before the test (seeded data, no faults, empty
  log), so each test sees the same fresh state.
- ``sandbox_env``: ``sandbox.env`` set in ``os.environ`` for the test (ZENDESK_URL,
  SF_INSTANCE_URL, GITHUB_API_URL, tokens, REQUESTS_CA_BUNDLE, ...); returns the dict.
- ``make_sandbox``: a factory for a private sandbox with other arguments (a seed, 10,000
  tickets, ...), started, and stopped after the test.
"""

from __future__ import annotations

from typing import Any, Callable, Iterator

import pytest

from escalation_desk.sandbox import Sandbox


@pytest.fixture(scope="session")
def sandbox_session() -> Iterator[Sandbox]:
    with Sandbox() as started:
        yield started


@pytest.fixture
def sandbox(sandbox_session: Sandbox) -> Sandbox:
    sandbox_session.reset()
    return sandbox_session


@pytest.fixture
def sandbox_env(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    env = sandbox.env
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env


@pytest.fixture
def make_sandbox() -> Iterator[Callable[..., Sandbox]]:
    started: list[Sandbox] = []

    def factory(**kwargs: Any) -> Sandbox:
        box = Sandbox(**kwargs).start()
        started.append(box)
        return box

    yield factory
    for box in started:
        box.stop()
