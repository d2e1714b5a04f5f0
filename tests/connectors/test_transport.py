"""Retries within a budget, Retry-After honoured, idempotence respected, calls counted."""

from __future__ import annotations

import pytest
import requests

from escalation_desk.connectors.env import redact
from escalation_desk.connectors.transport import CallStats, RetryPolicy, session_for
from escalation_desk.sandbox import Sandbox
from escalation_desk.sandbox.core import Fault


def get(sandbox: Sandbox, session: requests.Session, method: str = "GET") -> requests.Response:
    auth = (f"{sandbox.zendesk.api_user_email}/token", sandbox.zendesk.api_token)
    return session.request(method, sandbox.url("zendesk") + "/api/v2/ticket_fields.json", auth=auth)


def test_retry_after_is_honoured_and_counted(sandbox: Sandbox, policy: RetryPolicy, sleeps: list) -> None:
    stats = CallStats()
    sandbox.faults["zendesk"].add(Fault("429", times=2, retry_after=1))
    assert get(sandbox, session_for("Zendesk", policy, stats)).status_code == 200
    assert sleeps == [1.0, 1.0] and stats.requests["Zendesk"] == 3 and stats.retries["Zendesk"] == 2


def test_server_errors_back_off_but_not_for_posts(sandbox: Sandbox, policy: RetryPolicy, sleeps: list) -> None:
    sandbox.faults["zendesk"].add(Fault("500", times=2))
    assert get(sandbox, session_for("Zendesk", policy, CallStats())).status_code == 200
    assert sleeps == [0.5, 1.0]
    sandbox.faults["zendesk"].add(Fault("500", times=1))
    assert get(sandbox, session_for("Zendesk", policy, CallStats()), "POST").status_code == 500


def test_the_budget_caps_the_waiting(sandbox: Sandbox, sleeps: list) -> None:
    policy = RetryPolicy(budget_seconds=3, backoff_seconds=1, max_attempts=10, sleep=sleeps)
    sandbox.faults["zendesk"].add(Fault("503", times=None))
    assert get(sandbox, session_for("Zendesk", policy, CallStats())).status_code == 503
    assert sleeps == [1.0, 2.0]


def test_dropped_connections_are_retried(sandbox: Sandbox, policy: RetryPolicy, sleeps: list) -> None:
    sandbox.faults["zendesk"].add(Fault("drop", times=1))
    assert get(sandbox, session_for("Zendesk", policy, CallStats())).status_code == 200
    sandbox.faults["zendesk"].add(Fault("drop", times=None))
    with pytest.raises(requests.ConnectionError):
        get(sandbox, session_for("Zendesk", policy, CallStats()))


def test_redact_hides_every_secret() -> None:
    assert redact("token abc123 and p4ss", ("abc123", "p4ss", "")) == "token *** and ***"
