"""Issue #14 (6): the smaller findings — the product's own note text typed by a customer,
redact before truncating, a 200 that is not JSON, SF_DOMAIN=host:port, Ctrl-C at start-up."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from escalation_desk.connectors.env import SalesforceCredentials, redacted_excerpt
from escalation_desk.sandbox.core import Fault
from support.hostile import hostile_ticket
from support.sync import doc_path, esc, upstream_later
from escalation_desk.tracking.parse import parse_document

NOTE_TEXT = "Escalation Desk is tracking this ticket as ESC-1 (SEV-4, Open)."


def one_line_error(run) -> str:
    errors = [line for line in run.err.splitlines() if not line.startswith("sync: ")]
    assert run.code == 2, run.text
    assert len(errors) == 1 and errors[0].startswith("esc: error: "), run.err
    assert "Traceback" not in run.text and "unexpected error" not in run.text
    return errors[0]


def test_a_customer_quoting_the_note_suppresses_neither_the_note_nor_the_entry(repo: Path, sandbox) -> None:
    upstream_later(sandbox)
    ticket = hostile_ticket(sandbox, "Export stuck", replies=[f"You wrote: {NOTE_TEXT} So what?"])
    assert esc(repo, "sync").code == 0
    doc = parse_document("d.md", doc_path(repo, f"ESC-{ticket}").read_text())
    assert any("So what?" in e.text for e in doc.timeline)                 # the reply is in the Timeline
    notes = [c for c in sandbox.zendesk.comments[ticket] if not c["public"]]
    assert len(notes) == 1 and notes[0]["body"].startswith("Escalation Desk is tracking this ticket as")


def test_redact_before_truncating() -> None:
    secret = "sf-secret-value-0123456789"
    text = "x" * 190 + secret
    cut = redacted_excerpt(text, (secret,))
    assert "sf-secret" not in cut and "***" in cut


def test_the_salesforce_error_formatter_never_leaks_part_of_a_token(repo: Path, sandbox, sandbox_env) -> None:
    from escalation_desk.connectors.salesforce import SalesforceSource  # noqa: F401 - the formatter under test
    from simple_salesforce.exceptions import SalesforceMalformedRequest

    token = sandbox_env["SF_ACCESS_TOKEN"]
    source = SalesforceSource.__new__(SalesforceSource)
    source.creds = SalesforceCredentials.from_env(sandbox_env)
    content = [{"errorCode": "x" * 190 + token, "message": ""}]
    message = source._message(SalesforceMalformedRequest("u", 400, "r", content))
    assert token[:8] not in message


@pytest.mark.parametrize("service", ["zendesk", "salesforce"])
def test_a_200_that_is_html_is_one_line_naming_the_service(repo: Path, sandbox, service: str) -> None:
    sandbox.faults[service].add(Fault("html", times=None))
    line = one_line_error(esc(repo, "sync"))
    assert {"zendesk": "Zendesk", "salesforce": "Salesforce"}[service] in line and "not the API's JSON" in line


def test_github_answering_html_is_one_line(repo: Path, sandbox, fast_github) -> None:
    assert esc(repo, "sync").code == 0
    sandbox.faults["github"].add(Fault("html", times=None))
    line = one_line_error(esc(repo, "overdue", "--raise-issues"))
    assert "GitHub" in line and "not the API's JSON" in line


@pytest.mark.parametrize("domain", ["127.0.0.1:8443", "https://login.salesforce.com", "acme.my.salesforce.com"])
def test_sf_domain_that_is_not_a_login_domain_is_one_line(repo: Path, monkeypatch, domain: str) -> None:
    monkeypatch.delenv("SF_ACCESS_TOKEN", raising=False)
    monkeypatch.setenv("SF_USERNAME", "a@example.com")
    monkeypatch.setenv("SF_PASSWORD", "pw-secret")
    monkeypatch.setenv("SF_SECURITY_TOKEN", "tok-secret")
    monkeypatch.setenv("SF_DOMAIN", domain)
    assert "SF_DOMAIN" in one_line_error(esc(repo, "sync"))


INTERRUPT_WHILE_IMPORTING = """
import builtins, os, signal, sys
import escalation_desk.entry as entry
real_import = builtins.__import__
def interrupting(name, *args, **kwargs):
    if name == {target!r}:
        os.kill(os.getpid(), signal.SIGINT)          # a real Ctrl-C, in the middle of start-up
    return real_import(name, *args, **kwargs)
builtins.__import__ = interrupting
sys.argv = ["esc", "--repo", {repo!r}, "status"]
entry.main()
"""


@pytest.mark.parametrize("target", ["escalation_desk.cli", "click", "escalation_desk.commands"])
def test_ctrl_c_during_start_up_prints_one_line(tmp_path: Path, target: str) -> None:
    code = INTERRUPT_WHILE_IMPORTING.format(target=target, repo=str(tmp_path))
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 130, run.stderr
    assert run.stderr == "esc: interrupted\n" and "Traceback" not in run.stdout
