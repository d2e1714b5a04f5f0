from __future__ import annotations

import pytest

from escalation_desk.connectors.env import SalesforceCredentials, ZendeskCredentials
from escalation_desk.connectors.salesforce import SalesforceSource
from escalation_desk.connectors.transport import CallStats, RetryPolicy
from escalation_desk.connectors.zendesk import ZendeskSource
from escalation_desk.config import Config


class Sleeps(list):
    """A sleep that records instead of sleeping (the transport takes it as a parameter)."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def policy(sleeps: Sleeps) -> RetryPolicy:
    return RetryPolicy(budget_seconds=10, backoff_seconds=0.5, max_attempts=4, timeout_seconds=2, sleep=sleeps)


@pytest.fixture
def zendesk(sandbox_env: dict, policy: RetryPolicy) -> ZendeskSource:
    return ZendeskSource(ZendeskCredentials.from_env(), Config().zendesk, policy, CallStats())


@pytest.fixture
def salesforce(sandbox_env: dict, policy: RetryPolicy) -> SalesforceSource:
    return SalesforceSource(SalesforceCredentials.from_env(), Config().salesforce, policy, CallStats())
