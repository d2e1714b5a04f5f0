"""HTTP transport shared by the connectors: retries within a budget, and a call count.

The SDKs accept a ``requests.Session``; the session we give them carries a
:class:`RetryingAdapter`, so every SDK call gets the same behaviour without touching
SDK code:

- 429: wait what ``Retry-After`` says (seconds), then send again;
- 500/502/503/504, dropped connections and timeouts: back off (doubling) and send
  again, for idempotent methods only (a POST might have been applied);
- all of it within a time budget and a number of attempts; past either, the last
  answer (or error) goes back to the SDK, which raises its usual exception;
- a 2xx that is an HTML page (a wrong base URL, a proxy's sign-in page) is one SourceError.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

import requests
from requests.adapters import HTTPAdapter

from .errors import SourceError, not_json

RETRY_STATUSES = frozenset({500, 502, 503, 504})
IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})


@dataclass
class RetryPolicy:
    """How one service is retried. The budget is shared by every session (and thread)
    that uses the same policy object."""

    budget_seconds: float = 120.0     # total waiting allowed per run and service
    backoff_seconds: float = 1.0      # first wait after a 5xx or timeout; doubles each time
    max_attempts: int = 6             # per request
    timeout_seconds: float = 30.0     # connect and read timeout of one attempt
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic   # for pacing (tests pass a fake with the fake sleep)
    _spent: float = field(default=0.0, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def reserve(self, seconds: float, attempt: int) -> bool:
        """Claim `seconds` of waiting from the budget for retry number `attempt`, if allowed."""
        with self._lock:
            if attempt >= self.max_attempts or self._spent + seconds > self.budget_seconds:
                return False
            self._spent += seconds
            return True


@dataclass
class CallStats:
    """Requests sent per service (every attempt counts), retries and time spent waiting."""

    requests: Counter = field(default_factory=Counter)
    retries: Counter = field(default_factory=Counter)
    waited: Counter = field(default_factory=Counter)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, service: str, *, retry: bool = False, waited: float = 0.0) -> None:
        with self._lock:
            self.requests[service] += 1
            if retry:
                self.retries[service] += 1
            self.waited[service] += waited


class RateGate:
    """At most `limit` requests per `period` seconds (a vendor's documented limit): a request
    that would exceed it waits, on the injected clock and sleep, until the oldest one in the
    window is `period` old. `sent` counts the requests let through."""

    def __init__(self, limit: int, period: float, clock: Callable[[], float], sleep: Callable[[float], None]) -> None:
        self.limit, self.period = max(1, limit), period
        self.clock, self.sleep = clock, sleep
        self.sent = 0
        self.waited = 0.0
        self._times: list[float] = []
        self._lock = threading.Lock()

    def wait(self) -> None:
        with self._lock:
            now = self.clock()
            self._times = [t for t in self._times if now - t < self.period]
            if len(self._times) >= self.limit:
                pause = self.period - (now - self._times[0]) + 0.5
                self.sleep(pause)
                self.waited += pause
                now = self.clock()
                self._times = [t for t in self._times if now - t < self.period]
            self._times.append(now)
            self.sent += 1


def _retry_after(response: requests.Response, default: float) -> float:
    value = response.headers.get("Retry-After", "").strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        return default  # absent, or an HTTP date: fall back to our own backoff


class RetryingAdapter(HTTPAdapter):
    def __init__(self, service: str, policy: RetryPolicy, stats: CallStats, ca_bundle: str | None = None,
                 gates: tuple[tuple[str, RateGate], ...] = ()) -> None:
        super().__init__(max_retries=0)
        self.gates = gates        # (URL path part, gate): requests to those paths are paced
        self.service = service
        self.policy = policy
        self.stats = stats
        # A CA bundle named by the caller wins over REQUESTS_CA_BUNDLE in os.environ (which
        # requests would otherwise prefer to any session setting).
        self.ca_bundle = ca_bundle

    def send(self, request, **kwargs):  # noqa: ANN001 - requests' own signature
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.policy.timeout_seconds
        if self.ca_bundle and kwargs.get("verify") is not False:
            kwargs["verify"] = self.ca_bundle
        backoff = self.policy.backoff_seconds
        attempt = 0
        waited_before = 0.0
        gates = [gate for part, gate in self.gates if part in (request.path_url or "")]
        while True:
            attempt += 1
            for gate in gates:
                gate.wait()
            self.stats.add(self.service, retry=attempt > 1, waited=waited_before)
            try:
                response = super().send(request, **kwargs)
            except (requests.ConnectionError, requests.Timeout):
                if request.method not in IDEMPOTENT or not self.policy.reserve(backoff, attempt):
                    raise
                wait = backoff
            except OSError as exc:
                if isinstance(exc, requests.RequestException):
                    raise
                # requests raises a bare OSError when the CA bundle it was given is not there.
                raise SourceError(self.service, f"cannot set up TLS ({exc})",
                                  hint="check that REQUESTS_CA_BUNDLE names a readable PEM file") from None
            else:
                if response.status_code == 429:
                    wait = _retry_after(response, backoff)
                elif response.status_code in RETRY_STATUSES and request.method in IDEMPOTENT:
                    wait = _retry_after(response, backoff) if "Retry-After" in response.headers else backoff
                else:
                    if response.ok and "html" in response.headers.get("Content-Type", "").lower():
                        response.close()
                        raise not_json(self.service)
                    return response
                if not self.policy.reserve(wait, attempt):
                    return response
                response.close()
            waited_before = wait
            if wait > 0:
                self.policy.sleep(wait)
            backoff *= 2


def session_for(service: str, policy: RetryPolicy, stats: CallStats,
                gates: tuple[tuple[str, RateGate], ...] = ()) -> requests.Session:
    """A requests session whose every call is retried and counted under `service`."""
    session = requests.Session()
    adapter = RetryingAdapter(service, policy, stats, gates=gates)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session
