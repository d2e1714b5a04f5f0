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
    props = [f"file={_escape_property(finding.path)}"] if finding.path else []   # no file: about the whole set
    if finding.line:
        props.append(f"line={finding.line}")
    props.append(f"title={_escape_property('esc check: ' + finding.code)}")
    return f"::{finding.level} {','.join(props)}::{_escape_data(finding.message)}"


def as_text(finding: Finding) -> str:
    return finding.text()


def as_json(findings: Iterable[Finding], files: int, summary: Iterable[Finding] = ()) -> str:
    """``findings`` are each about one file; ``summary`` about none (an owner's load), without path and line."""
    items = [f.as_dict() for f in findings]
    overall = [{k: v for k, v in f.as_dict().items() if k not in ("path", "line")} for f in summary]
    return json.dumps({
        "files": files,
        "errors": sum(1 for f in items + overall if f["level"] == "error"),
        "warnings": sum(1 for f in items + overall if f["level"] == "warning"),
        "findings": items,
        "summary": overall,
    }, indent=2) + "\n"


def summary_markdown(findings: list[Finding], files: int, overall: Iterable[Finding] = ()) -> str:
    """A job-summary table for GitHub Actions ($GITHUB_STEP_SUMMARY); what is about no one
    file (an owner's load) comes first, once."""
    from escalation_desk.templates.github_text import inert   # only for the job summary (imports jinja2)

    summary = list(overall)
    errors = sum(1 for f in [*findings, *summary] if f.level == "error")
    warnings = len(findings) + len(summary) - errors
    lines = [f"### esc check: {files} document(s), {errors} error(s), {warnings} warning(s)", ""]
    for f in summary:
        icon = "❌" if f.level == "error" else "⚠️"
        lines += [f"{icon} **{f.code}**: {inert(terminal_safe(f.message))}", ""]
    if findings:
        lines += ["| | File | Line | Rule | Message |", "|---|---|---|---|---|"]
        for f in findings:
            icon = "❌" if f.level == "error" else "⚠️"
            # The message quotes the document (a pull request's text): inert, like every text GitHub renders.
            path = f.path.replace("`", "'").replace("|", "/")
            lines.append(f"| {icon} | `{path}` | {f.line or ''} | `{f.code}` | {inert(f.message)} |")
    elif not summary:
        lines.append("All documents follow the playbook. ✅")
    return "\n".join(lines) + "\n"
