"""Shared machinery of the sandbox emulators: fault injection, the request log, and
a threaded real-HTTP(S) server on a free loopback port.

Every emulator (Zendesk, Salesforce, GitHub) is a plain WSGI application built on
werkzeug. It is wrapped by :class:`Controlled`, which records each request in the
:class:`RequestLog` and applies the faults queued in the :class:`FaultPlan` before
the emulator sees the request. Emulators never sleep or fail on their own.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable

from werkzeug.serving import BaseWSGIServer, make_server
from werkzeug.wrappers import Request, Response

FAULT_KINDS = ("429", "500", "503", "slow", "drop", "expire", "html")


@dataclass
class Fault:
    """One injected misbehaviour.

    kind: "429" (rate limited, with Retry-After), "500"/"503" (server error),
          "slow" (sleep `delay` seconds before answering), "drop" (close the
          connection without an answer), "expire" (the access token stops working
          after `after` more successful calls; handled by the emulator's auth),
          "html" (200 with an HTML page, as a captive portal, a proxy's login page or
          a wrong base URL pointing at a website answers).
    times: how many requests it applies to (None = every matching request).
    path_prefix: only requests whose path starts with this ("" = all).
    after: skip this many matching requests before the fault starts.
    """

    kind: str
    times: int | None = 1
    path_prefix: str = ""
    after: int = 0
    retry_after: int = 1
    delay: float = 0.0
    method: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}; use one of {', '.join(FAULT_KINDS)}")

    def matches(self, request: Request) -> bool:
        if self.method and request.method != self.method:
            return False
        return request.path.startswith(self.path_prefix)


class FaultPlan:
    """A queue of faults for one API. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []

    def add(self, fault: Fault) -> Fault:
        with self._lock:
            self._faults.append(fault)
        return fault

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def take(self, request: Request, kinds: Iterable[str] | None = None) -> Fault | None:
        """The fault that applies to this request, consuming one use of it."""
        wanted = set(kinds) if kinds is not None else None
        with self._lock:
            for fault in self._faults:
                if wanted is not None and fault.kind not in wanted:
                    continue
                if not fault.matches(request):
                    continue
                if fault.after > 0:
                    fault.after -= 1
                    continue
                if fault.times is not None:
                    if fault.times <= 0:
                        continue
                    fault.times -= 1
                return fault
        return None


@dataclass
class LoggedRequest:
    api: str
    method: str
    path: str
    query: str
    status: int
    at: float = field(default_factory=time.monotonic)


class RequestLog:
    """Every request an emulator received, in order. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: list[LoggedRequest] = []

    def record(self, entry: LoggedRequest) -> None:
        with self._lock:
            self._entries.append(entry)

    def entries(self, api: str | None = None) -> list[LoggedRequest]:
        with self._lock:
            return [e for e in self._entries if api is None or e.api == api]

    def count(self, api: str | None = None, method: str | None = None, path_prefix: str = "") -> int:
        return sum(
            1
            for e in self.entries(api)
            if (method is None or e.method == method) and e.path.startswith(path_prefix)
        )

    def counters(self) -> dict[str, int]:
        return dict(Counter(e.api for e in self.entries()))

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def json_response(body: object, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    text = json.dumps(body, separators=(",", ":"), ensure_ascii=False)
    # A lone surrogate (stored from a broken client's "\\ud800") goes out as the JSON escape,
    # as a real API's JSON encoder writes it: valid JSON, invalid Unicode once decoded.
    text = _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return Response(
        text,
        status=status,
        headers=headers or {},
        content_type="application/json; charset=utf-8",
    )


class _Drop(ConnectionError):
    """Raised to make the server close the connection without an answer.

    A ConnectionError, because werkzeug's request handler turns any other exception
    into a 500 page; this one it hands to ``connection_dropped`` without answering.
    """


class Slot:
    """A WSGI app whose target can be swapped, so a fresh emulator (fresh state) can be
    installed behind a server that keeps running — per test, or on ``Sandbox.reset``."""

    def __init__(self, app: Callable | None = None) -> None:
        self.app = app

    def __call__(self, environ, start_response):
        return self.app(environ, start_response)


class Controlled:
    """WSGI middleware: applies the fault plan, then logs the request and status."""

    def __init__(self, api: str, app: Callable, faults: FaultPlan, log: RequestLog,
                 error_body: Callable[[int], object] | None = None) -> None:
        self.api = api
        self.app = app
        self.faults = faults
        self.log = log
        self.error_body = error_body or (lambda status: {"error": f"Injected fault {status}"})

    def __call__(self, environ, start_response):
        request = Request(environ)
        fault = self.faults.take(request, kinds=("429", "500", "503", "slow", "drop", "html"))
        status_holder: dict[str, int] = {}

        def recording_start_response(status, headers, exc_info=None):
            status_holder["status"] = int(status.split(" ", 1)[0])
            return start_response(status, headers, exc_info)

        def record(status: int) -> None:
            self.log.record(LoggedRequest(self.api, request.method, request.path,
                                          request.query_string.decode("latin-1"), status))

        if fault is not None:
            if fault.kind == "drop":
                record(0)
                raise _Drop()
            if fault.kind == "slow":
                time.sleep(fault.delay)
            elif fault.kind == "html":
                record(200)
                page = Response("<!DOCTYPE html><html><body><h1>Sign in to continue</h1></body></html>",
                                status=200, content_type="text/html; charset=utf-8")
                return page(environ, start_response)
            elif fault.kind == "429":
                record(429)
                response = json_response(self.error_body(429), 429,
                                         {"Retry-After": str(fault.retry_after)})
                return response(environ, start_response)
            else:
                status = int(fault.kind)
                record(status)
                return json_response(self.error_body(status), status)(environ, start_response)
        result = self.app(environ, recording_start_response)
        record(status_holder.get("status", 0))
        return result


def _handler_class():
    from werkzeug.serving import WSGIRequestHandler

    class QuietHandler(WSGIRequestHandler):
        def log(self, type: str, message: str, *args) -> None:  # noqa: A002 - werkzeug's name
            return

        def run_wsgi(self) -> None:
            try:
                super().run_wsgi()
            except _Drop:
                self._hang_up()

        def connection_dropped(self, error: BaseException, environ=None) -> None:
            if isinstance(error, _Drop):
                self._hang_up()

        def _hang_up(self) -> None:
            # Close without a byte of answer, so the client sees a dropped connection
            # instead of waiting on a kept-alive socket.
            self.close_connection = True
            try:
                self.connection.shutdown(2)
            except OSError:
                pass

    return QuietHandler


class ServerThread:
    """A real HTTP(S) server for one WSGI app, on 127.0.0.1, in a daemon thread."""

    def __init__(self, app: Callable, port: int = 0, ssl_context=None) -> None:
        # Bind here, not in werkzeug: on a busy port werkzeug prints two lines and exits the
        # process; an OSError lets the caller say it in one line (and stop the other servers).
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind(("127.0.0.1", port))
            listener.listen(128)
            self.server: BaseWSGIServer = make_server(
                "127.0.0.1", port, app, threaded=True,
                request_handler=_handler_class(), ssl_context=ssl_context, fd=listener.fileno(),
            )
        finally:
            listener.close()   # the server holds its own duplicate of the socket
        self.server.server_name, self.server.server_port = "127.0.0.1", self.server.port   # what server_bind sets
        self.server.daemon_threads = True
        self.port = self.server.server_port
        self.scheme = "https" if ssl_context is not None else "http"
        self._thread = threading.Thread(target=self.server.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}"

    def start(self) -> "ServerThread":
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=5)
