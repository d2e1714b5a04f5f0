"""Test data for the notification tests: a roster with GitHub logins and email
addresses (the sandbox's people) and a [notify] configuration routing the SEV-1 leaders."""

from __future__ import annotations

from escalation_desk.sandbox import Sandbox

NOTIFY_CONFIG = """
[notify]
retry_backoff = "0s"
attempts = 3

[notify.channels.slack]
label = "Slack"

[notify.channels.email]

[notify.routes]
"VP CS" = ["slack", "email"]
"VP Engineering" = ["slack"]
"CTO" = ["slack", "github"]
"""


def roster_with_logins(sandbox: Sandbox) -> str:
    lines = []
    for person in sandbox.dataset.roster:
        lines += ["[[people]]", f'name = "{person["name"]}"', f'role = "{person["title"]}"',
                  f'email = "{person["email"]}"', f'github = "{person["github"]}"', ""]
    return "\n".join(lines)


def channel_env(hook_port: int, smtp_port: int) -> dict[str, str]:
    """The channels' Apprise URLs, as a workflow passes them from secrets."""
    return {"ESC_NOTIFY_SLACK": f"mmost://127.0.0.1:{hook_port}/sandbox-hook-token",
            "ESC_NOTIFY_EMAIL": f"mailto://127.0.0.1:{smtp_port}?from=desk@northbeam.example"}
