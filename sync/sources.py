"""The connectors one sync run uses, built from the environment and the configuration,
sharing one call counter and one retry policy per service."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Mapping

from escalation_desk.connectors.env import SalesforceCredentials, ZendeskCredentials
from escalation_desk.connectors.salesforce import SERVICE as SALESFORCE, SalesforceSource
from escalation_desk.connectors.transport import CallStats, RetryPolicy
from escalation_desk.connectors.zendesk import SERVICE as ZENDESK, ZendeskSource
from escalation_desk.config import Config


def retry_policy(config: Config, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic) -> RetryPolicy:
    sync = config.sync
    return RetryPolicy(budget_seconds=sync.retry_budget.total_seconds(),
                       backoff_seconds=sync.retry_backoff.total_seconds(),
                       timeout_seconds=max(0.05, sync.request_timeout.total_seconds()), sleep=sleep, clock=clock)


@dataclass
class Sources:
    config: Config
    env: Mapping[str, str] | None = None
    stats: CallStats = field(default_factory=CallStats)
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _zendesk: ZendeskSource | None = None
    _salesforce: SalesforceSource | None = None

    def check(self) -> None:
        """Fail early, with one line, when a source's variables are missing."""
        ZendeskCredentials.from_env(self.env)
        SalesforceCredentials.from_env(self.env)

    @property
    def zendesk(self) -> ZendeskSource:
        if self._zendesk is None:
            self._zendesk = ZendeskSource(ZendeskCredentials.from_env(self.env), self.config.zendesk,
                                          retry_policy(self.config, self.sleep, self.clock), self.stats,
                                          workers=self.config.sync.workers)
        return self._zendesk

    @property
    def salesforce(self) -> SalesforceSource:
        if self._salesforce is None:
            self._salesforce = SalesforceSource(SalesforceCredentials.from_env(self.env), self.config.salesforce,
                                                retry_policy(self.config, self.sleep, self.clock), self.stats)
        return self._salesforce

    def secrets(self) -> tuple[str, ...]:
        found: list[str] = []
        for reader in (ZendeskCredentials.from_env, SalesforceCredentials.from_env):
            try:
                found += list(reader(self.env).secrets())
            except Exception:  # noqa: BLE001 - missing variables: nothing to hide
                continue
        return tuple(found)

    def warnings(self) -> list[str]:
        """What the run could not use (a configured field the org lacks, …), one line each."""
        return self._salesforce.warnings if self._salesforce is not None else []

    def calls(self) -> dict[str, int]:
        return {name: self.stats.requests.get(name, 0) for name in (ZENDESK, SALESFORCE)}
