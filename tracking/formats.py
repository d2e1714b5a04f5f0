"""Findings as text for people, GitHub workflow commands, or JSON for tools."""

from __future__ import annotations

import json
from typing import Iterable

from escalation_desk.playbook.text import terminal_safe

from .findings import Finding


def _escape_data(text: str) -> str:
    text = terminal_safe(text)   # no raw control characters in the log either
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(finding: Finding) -> str:
    """``::error file=…,line=…,title=…::message`` (escaped as the runner expects)."""
    props = [f"file={_escape_property(finding.path)}"]
    if finding.line:
        props.append(f"line={finding.line}")
    props.append(f"title={_escape_property('esc check: ' + finding.code)}")
    return f"::{finding.level} {','.join(props)}::{_escape_data(finding.message)}"


def as_text(finding: Finding) -> str:
    return finding.text()


def as_json(findings: Iterable[Finding], files: int) -> str:
    items = [f.as_dict() for f in findings]
    return json.dumps({
        "files": files,
        "errors": sum(1 for f in items if f["level"] == "error"),
        "warnings": sum(1 for f in items if f["level"] == "warning"),
        "findings": items,
    }, indent=2) + "\n"


def summary_markdown(findings: list[Finding], files: int) -> str:
    """A job-summary table for GitHub Actions ($GITHUB_STEP_SUMMARY)."""
    errors = sum(1 for f in findings if f.level == "error")
    warnings = len(findings) - errors
    lines = [f"### esc check: {files} document(s), {errors} error(s), {warnings} warning(s)", ""]
    if findings:
        lines += ["| | File | Line | Rule | Message |", "|---|---|---|---|---|"]
        for f in findings:
            icon = "❌" if f.level == "error" else "⚠️"
            message = f.message.replace("|", "\\|")
            lines.append(f"| {icon} | `{f.path}` | {f.line or ''} | `{f.code}` | {message} |")
    else:
        lines.append("All documents follow the playbook. ✅")
    return "\n".join(lines) + "\n"
