"""``escalations.toml`` with every default, written from the pydantic :class:`Config`.

Generated, not kept as a template, so it can never drift from the defaults the code
uses: a new setting appears in it the day it is added. Comments explain each table;
unset optional keys are shown commented out with an example value.
"""

from __future__ import annotations

import json
import re
from datetime import time, timedelta
from typing import Any

from escalation_desk.config import Config

HEADER = """\
# Escalation Desk configuration (escalations.toml).
#
# Every key below is set to its default, taken from the escalation playbook. Change what
# your team does differently; a key you delete falls back to the same default.
# Durations are written 15m, 4h, 1d, 1w; times of day 09:00:00 (local to business_hours.timezone).
# `esc check` validates this file: an unknown key (a typo) is an error.
"""

COMMENTS: dict[str, str] = {
    "severities": "Severity levels (SEV-1 … SEV-4): time to acknowledge and to an action plan, customer-update\n"
                  "cadence and the clock it runs on (calendar = around the clock, business = business_hours),\n"
                  "leaders to notify and how soon, the owner's minimum role. A partial table such as\n"
                  "[severities.SEV-2] ack = \"30m\" overrides only what it names.",
    "business_hours": "The business clock: working days and opening hours in one time zone, minus public\n"
                      "holidays (an ISO country code for the holidays library, optional subdivision such as\n"
                      "\"CA\") and extra_holidays = [\"2026-12-24\"].",
    "roles": "The role ladder, most junior first, for the owner-level rule; same_as maps other titles onto it.",
    "people": "",
    "tiers": "Who each escalation tier engages: each notify entry is one role to tell (\"A / B\": either will do),\n"
             "within the time after opening (the tier's leaders-notified deadline); `esc notify` tells them\n"
             "when the escalation reaches the tier. (Replaces the old tier_roles key, still read.)",
    "notify": "Notifications (`esc notify`): channels are Apprise URLs read from environment variables\n"
              "(ESC_NOTIFY_<NAME>, or env = \"…\"), never written here; routes send roster roles to channels\n"
              "([notify.routes] \"VP CS\" = [\"slack\", \"email\"], \"*\" for the rest; github is built in).",
    "triggers": "Auto-escalation triggers and the tier each sets (words, repeat tickets, executive to our CEO,\n"
                "social media, health-score drop, share of total ARR, legal/compliance, public exposure).",
    "triggers.keywords": "Words in a customer's message → tier.",
    "executive": "Executive engagement: when to engage the sponsor (ARR at risk, renewal window, a SEV-1/2 open\n"
                 "with no target, a repeat escalation's window), their written follow-up and check at resolution.",
    "recovery": "Post-escalation recovery milestones, counted from the resolution date.",
    "impact_rules": "Severity by business impact, most severe first: tags or phrases → severity. Emotion is\n"
                    "never an input. The whole list replaces the default when you set it.",
    "impact": "The impact questions and the severity matrix: the impact model answers them from the ticket, the\n"
              "sidebar's Escalate form asks a person; the first matrix row whose answers all match decides.",
    "lints": "`esc check` playbook lints: which are errors (by code), open escalations per owner, systemic repeats.",
    "zendesk": "Which tickets are escalations, and what the sync writes back.",
    "salesforce": "Where the account facts live in Salesforce. Only arr_field is required; a field your org\n"
                  "does not have turns its feature off with one warning (set it to \"\" to silence that).",
    "github": "The overdue issues' label, and the base URL of links to documents (default: this repository).",
    "sync": "The scheduled sync: owner source, commit/push or rolling pull request, branch, ID prefix.\n"
            "The scheduled sync.yml runs `esc sync --push`: each run commits and pushes to the branch it\n"
            "checked out. Set pull_request = true to send the changes through one rolling pull request on\n"
            "`branch` instead (it wins over push). push = true makes a plain `esc sync` push as well.",
}

PEOPLE_EXAMPLE = """\
# The roster: every owner, leader and stakeholder, with their role and GitHub login
# (overdue issues are assigned to the owner's login). Repeat the table per person.
# [[people]]
# name = "Dana Whitfield"
# role = "Senior CSM"
# github = "dwhitfield"
# email = "dana@example.com"
"""

EXAMPLES: dict[str, str] = {
    "business_hours.subdivision": '"CA"',
    "zendesk.view_id": "360001234567",
    "zendesk.search": '"type:ticket tags:escalation status<solved"',
    "github.documents_url": '"https://github.com/acme/escalations/blob/main"',
}

_BARE = re.compile(r"^[A-Za-z0-9_-]+$")


def _key(name: str) -> str:
    name = str(name)   # tiers' keys are tier numbers
    return name if _BARE.match(name) else json.dumps(name, ensure_ascii=False)


def duration_text(value: timedelta) -> str:
    """The shortest exact form the config accepts: 30s, 15m, 4h, 1d, 3.5d."""
    seconds = value.total_seconds()
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        amount = seconds / size
        if amount >= 1 and abs(amount * 10 - round(amount * 10)) < 1e-9:
            return f"{amount:g}{unit}"
    return f"{seconds:g}s" if seconds else "0m"


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, timedelta):
        return json.dumps(duration_text(value))
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def _is_table(value: Any) -> bool:
    return isinstance(value, dict)


def _is_table_array(value: Any) -> bool:
    return isinstance(value, (list, tuple)) and bool(value) and all(isinstance(v, dict) for v in value)


def _comment(text: str) -> list[str]:
    return [f"# {line}".rstrip() for line in text.splitlines()]


def _table(path: str, values: dict[str, Any], out: list[str], header: str | None) -> None:
    if header is not None:
        out.append(header)
    for name, value in values.items():
        dotted = f"{path}.{name}" if path else name
        if _is_table(value) or _is_table_array(value):
            continue
        if value is None:
            out.append(f"# {_key(name)} = {EXAMPLES.get(dotted, '…')}")
        elif isinstance(value, (list, tuple)) and not value and dotted == "people":
            continue
        else:
            out.append(f"{_key(name)} = {_scalar(value)}")
    for name, value in values.items():
        dotted = f"{path}.{name}" if path else name
        full = ".".join(_key(part) for part in ([*_split(path), name] if path else [name]))
        if _is_table(value):
            out.append("")
            out.extend(_comment(COMMENTS.get(dotted, "")) if COMMENTS.get(dotted) else [])
            _table(dotted, value, out, f"[{full}]")
        elif _is_table_array(value):
            out.append("")
            out.extend(_comment(COMMENTS.get(dotted, "")) if COMMENTS.get(dotted) else [])
            for item in value:
                _table(dotted, item, out, f"[[{full}]]")
                out.append("")
            out.pop()


def _split(path: str) -> list[str]:
    # Dotted paths are built from our own field names and severity keys, which never hold dots.
    return path.split(".") if path else []


def default_config_toml(config: Config | None = None) -> str:
    """The whole configuration file, every default written out, with comments."""
    data = (config or Config()).model_dump(mode="python")
    out: list[str] = [HEADER.rstrip("\n")]
    scalars = {k: v for k, v in data.items() if not (_is_table(v) or _is_table_array(v))}
    if any(v not in (None, (), []) for v in scalars.values()):
        _table("", scalars, out, None)
    for name, value in data.items():
        if name == "people":
            out.append("")
            out.append(PEOPLE_EXAMPLE.rstrip("\n"))
            continue
        if _is_table(value):
            out.append("")
            out.extend(_comment(COMMENTS[name]) if COMMENTS.get(name) else [])
            _table(name, value, out, f"[{_key(name)}]")
        elif _is_table_array(value):
            out.append("")
            out.extend(_comment(COMMENTS[name]) if COMMENTS.get(name) else [])
            for item in value:
                _table(name, item, out, f"[[{_key(name)}]]")
                out.append("")
            out.pop()
    return "\n".join(out).rstrip("\n") + "\n"
