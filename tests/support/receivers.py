"""Real local receivers for notifications: an HTTP webhook server (what Slack-, Teams- and
Mattermost-style incoming webhooks are) and an SMTP server (aiosmtpd), both on 127.0.0.1.

Each records what it received; the webhook can be told to refuse the next N requests
with a status (a failing channel), as a real one does when it is down.
"""

from __future__ import annotations

import json
import socket
import threading
from dataclasses import dataclass, field
from email import message_from_bytes
from email.policy import default as default_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator

from aiosmtpd.controller import Controller


@dataclass
class Posted:
    path: str
    body: dict

    @property
    def text(self) -> str:
        return json.dumps(self.body, ensure_ascii=False)


@dataclass
class Webhook:
    """An incoming-webhook endpoint: 200 for every POST, unless told to fail."""

    posted: list[Posted] = field(default_factory=list)
    fail_next: int = 0
    fail_status: int = 500
    refused: int = 0

    def start(self) -> "Webhook":
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if hook.fail_next > 0:
                    hook.fail_next -= 1
                    hook.refused += 1
                    self.send_response(hook.fail_status)
                    self.end_headers()
                    return
                hook.posted.append(Posted(self.path, json.loads(raw or b"{}")))
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@dataclass
class Mail:
    recipients: list[str]
    subject: str
    body: str


class Mailbox:
    """An SMTP server that keeps every message it accepts."""

    def __init__(self) -> None:
        self.messages: list[Mail] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: ANN001, N802 - aiosmtpd's hook
        message = message_from_bytes(envelope.content, policy=default_policy)
        part = message.get_body(preferencelist=("plain", "html"))
        self.messages.append(Mail(list(envelope.rcpt_tos), str(message["Subject"]), part.get_content() if part else ""))
        return "250 OK"

    def start(self) -> "Mailbox":
        with socket.socket() as probe:   # aiosmtpd needs a fixed port to confirm it is up
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()


def receivers() -> Iterator[tuple[Webhook, Mailbox]]:
    hook, box = Webhook().start(), Mailbox().start()
    try:
        yield hook, box
    finally:
        hook.stop()
        box.stop()
