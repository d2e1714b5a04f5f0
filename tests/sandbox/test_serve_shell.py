"""`esc sandbox serve` from a shell, and a plain curl against it (issue #3's "done when")."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed on this machine")


def test_esc_sandbox_serve_then_curl_returns_zendesk_json(tmp_path: Path) -> None:
    server = subprocess.Popen([sys.executable, "-m", "escalation_desk", "sandbox", "serve", "--tickets", "30"],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines: list[str] = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = server.stdout.readline()
            if not line:
                break
            lines.append(line)
            if "Ctrl-C" in line:
                break
        exports = {name: shlex.split(value)[0]
                   for name, value in re.findall(r"^export (\w+)=(.+)$", "".join(lines), re.MULTILINE)}
        assert {"ZENDESK_URL", "ZENDESK_EMAIL", "ZENDESK_API_TOKEN", "SF_INSTANCE_URL", "GITHUB_API_URL"} <= set(exports)
        shell = (f"curl -s -u \"$ZENDESK_EMAIL/token:$ZENDESK_API_TOKEN\" \"$ZENDESK_URL/api/v2/tickets/48213.json\"")
        env = {**os.environ, **exports}
        body = subprocess.run(["bash", "-c", shell], env=env, capture_output=True, text=True, timeout=20).stdout
        ticket = json.loads(body)["ticket"]
        assert ticket["id"] == 48213 and "subject" in ticket and "tags" in ticket
        refused = subprocess.run(["bash", "-c", "curl -s \"$ZENDESK_URL/api/v2/tickets/48213.json\""],
                                 env=env, capture_output=True, text=True, timeout=20).stdout
        assert json.loads(refused) == {"error": "Couldn't authenticate you"}
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=15)
        finally:
            if server.poll() is None:
                server.kill()
    assert server.returncode in (0, 130)
