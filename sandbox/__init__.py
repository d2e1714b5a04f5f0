"""Local real-HTTP emulators of the Zendesk, Salesforce and GitHub APIs the product uses,
seeded with a deterministic fictional customer base (see :mod:`sandbox.dataset`).

    with Sandbox() as sandbox:
        os.environ.update(sandbox.env)       # ZENDESK_URL, SF_INSTANCE_URL, GITHUB_API_URL, ...
        sandbox.faults["zendesk"].add(Fault("429", times=2, retry_after=1))
        ...                                  # run the product against it
        sandbox.log.count("zendesk")         # what it asked
        sandbox.zendesk.tickets[48213]       # what it changed

Zendesk and GitHub speak http, Salesforce https (simple-salesforce insists) with a throwaway
CA whose certificate ``REQUESTS_CA_BUNDLE`` points at. Tests use the pytest fixtures of
:mod:`sandbox.pytest_plugin`; ``esc sandbox serve`` uses :mod:`sandbox.serve`.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

from escalation_desk.sandbox.core import Controlled, Fault, FaultPlan, RequestLog, ServerThread, Slot
from escalation_desk.sandbox.dataset import Dataset, build_dataset
from escalation_desk.sandbox.zendesk import ZendeskEmulator, ZendeskState, error_body as zendesk_error_body
from escalation_desk.sandbox.zendesk_state import freeze

try:  # written in parallel; the sandbox still serves Zendesk without them
    from escalation_desk.sandbox.tls import make_server_tls
except ImportError:  # pragma: no cover
    make_server_tls = None  # type: ignore[assignment]
try:
    from escalation_desk.sandbox.salesforce import SalesforceEmulator, SalesforceState, salesforce_error_body
except ImportError:  # pragma: no cover
    SalesforceEmulator = SalesforceState = salesforce_error_body = None  # type: ignore[assignment,misc]
try:
    from escalation_desk.sandbox.github import GitHubEmulator, GitHubState, github_error_body
except ImportError:  # pragma: no cover
    GitHubEmulator = GitHubState = github_error_body = None  # type: ignore[assignment,misc]

__all__ = ["APIS", "Fault", "FaultPlan", "RequestLog", "Sandbox"]

APIS = ("zendesk", "github", "salesforce")
ZENDESK_API_TOKEN = "sandbox-zendesk-api-token"
ZENDESK_OAUTH_TOKEN = "sandbox-zendesk-oauth-token"
GITHUB_BASE_PATH = "/api/v3"


class Sandbox:
    """The three emulators on free loopback ports (or ``port``, ``port+1``, ``port+2`` for
    Zendesk, GitHub, Salesforce), sharing one request log, with one fault plan each.

    ``now``: the dataset's "now" (default 2026-11-26T12:00:00Z). When given, the emulators'
    clocks (new timestamps, Salesforce's TODAY) use it too; otherwise they use real time.
    ``team``: the scenario tickets after the company's people worked on them for a week
    (:mod:`sandbox.dataset_team`; ``esc demo``).
    """

    def __init__(self, seed: int = 7, tickets: int = 240, now: datetime | None = None,
                 salesforce_batch_size: int = 2000, *, port: int | None = None, team: bool = False) -> None:
        self.seed = seed
        self.ticket_count = tickets
        self.now = now
        self.salesforce_batch_size = salesforce_batch_size
        self.port = port
        self.dataset: Dataset = build_dataset(seed=seed, tickets=tickets, now=now, team=team)
        self._zendesk_frozen = freeze(self.dataset.zendesk)  # makes reset() cheap
        self.log = RequestLog()
        self.faults: dict[str, FaultPlan] = {api: FaultPlan() for api in APIS}
        self.servers: dict[str, ServerThread] = {}
        self.ca_path: Path | None = None
        self._tmp: str | None = None
        self._slots: dict[str, Slot] = {}
        self.zendesk: ZendeskState
        self.salesforce: Any = None
        self.github: Any = None
        self._build_states()

    # -- lifecycle ----------------------------------------------------------------------
    def start(self) -> "Sandbox":
        if self.servers:
            return self
        try:
            self._serve("zendesk", self._zendesk_app(), self._port(0))
            if GitHubState is not None:
                self._serve("github", self._github_app(), self._port(1))
            if SalesforceState is not None and make_server_tls is not None:
                self._tmp = tempfile.mkdtemp(prefix="esc-sandbox-")
                context, self.ca_path = make_server_tls(Path(self._tmp))
                self._serve("salesforce", self._salesforce_app(), self._port(2), context)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        for server in self.servers.values():
            server.stop()
        self.servers.clear()
        if self._tmp:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None
            self.ca_path = None

    def __enter__(self) -> "Sandbox":
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def reset(self) -> None:
        """Back to the seeded data; no faults, an empty log. Servers keep running."""
        for plan in self.faults.values():
            plan.clear()
        self.log.clear()
        self._build_states()
        if "zendesk" in self._slots:
            self._slots["zendesk"].app = self._zendesk_emulator()
        if "github" in self._slots:
            self._slots["github"].app = self._github_emulator()
        if "salesforce" in self._slots:
            self._slots["salesforce"].app = self._salesforce_emulator()

    # -- what clients need ----------------------------------------------------------------
    def url(self, api: str) -> str:
        if api not in self.servers:
            raise RuntimeError(f"the {api} emulator is not running (call start())")
        return self.servers[api].url

    @property
    def env(self) -> dict[str, str]:
        """The environment variables of SPEC §6, pointing at the running emulators."""
        env: dict[str, str] = {}
        if "zendesk" in self.servers:
            env.update(ZENDESK_URL=self.url("zendesk"), ZENDESK_EMAIL=self.zendesk.api_user_email,
                       ZENDESK_API_TOKEN=self.zendesk.api_token)
        if "salesforce" in self.servers:
            sf = self.salesforce
            env.update(SF_INSTANCE_URL=self.url("salesforce"), SF_ACCESS_TOKEN=sf.access_token or "",
                       SF_USERNAME=sf.username, SF_PASSWORD=sf.password, SF_SECURITY_TOKEN=sf.security_token,
                       REQUESTS_CA_BUNDLE=str(self.ca_path))
        if "github" in self.servers:
            env.update(GITHUB_TOKEN=self.github.token, GITHUB_REPOSITORY=self.github.full_name,
                       GITHUB_API_URL=self.url("github") + GITHUB_BASE_PATH)
        return env

    # -- internals ----------------------------------------------------------------------
    def _port(self, offset: int) -> int:
        return 0 if self.port is None else self.port + offset

    def _serve(self, api: str, app: Callable, port: int, ssl_context: Any = None) -> None:
        self.servers[api] = ServerThread(app, port=port, ssl_context=ssl_context).start()

    def _build_states(self) -> None:
        data = self.dataset
        self.zendesk = ZendeskState(self._zendesk_frozen, api_token=ZENDESK_API_TOKEN,
                                    oauth_token=ZENDESK_OAUTH_TOKEN, now=self.now)
        if SalesforceState is not None:
            self.salesforce = SalesforceState(data.salesforce_accounts, batch_size=self.salesforce_batch_size,
                                              now=self.now, history=data.salesforce_history)
        if GitHubState is not None:
            gh = data.github
            self.github = GitHubState(gh["full_name"], default_branch=gh["default_branch"], labels=gh["labels"],
                                      collaborators=[c["login"] for c in gh["collaborators"]], now=self.now)

    def _zendesk_emulator(self) -> ZendeskEmulator:
        return ZendeskEmulator(self.zendesk, self.faults["zendesk"])

    def _github_emulator(self) -> Any:
        return GitHubEmulator(self.github, self.faults["github"], base_path=GITHUB_BASE_PATH)

    def _salesforce_emulator(self) -> Any:
        return SalesforceEmulator(self.salesforce, self.faults["salesforce"])

    def _controlled(self, api: str, emulator: Any, error_body: Callable[[int], object]) -> Controlled:
        self._slots[api] = Slot(emulator)
        return Controlled(api, self._slots[api], self.faults[api], self.log, error_body=error_body)

    def _zendesk_app(self) -> Controlled:
        return self._controlled("zendesk", self._zendesk_emulator(), zendesk_error_body)

    def _github_app(self) -> Controlled:
        return self._controlled("github", self._github_emulator(), github_error_body)

    def _salesforce_app(self) -> Controlled:
        return self._controlled("salesforce", self._salesforce_emulator(), salesforce_error_body)
