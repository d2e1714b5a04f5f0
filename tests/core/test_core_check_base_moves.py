"""`esc check --base` when a pull request moves or removes a document: a renamed document is
still compared with its base version (the rename cannot hide a lowered severity), and an
open escalation deleted outright is an error (nobody would watch its deadlines)."""

from __future__ import annotations

import json
from pathlib import Path

from test_core_check_base import NAME, SHOWN, commit, edit, pr  # noqa: F401 - the shared fixture

from support.core import NOW_TEXT, esc

RENAMED = "escalations/ESC-90203-renamed.md"


def findings(root: Path) -> tuple[int, list[tuple[str, str]]]:
    result = esc("--repo", root, "--now", NOW_TEXT, "check", "--base", "main", "--format", "json")
    assert result.code in (0, 1), result
    return result.code, [(f["path"], f["code"]) for f in json.loads(result.out)["findings"]]


def test_a_renamed_document_is_compared_with_its_base_version(pr) -> None:  # noqa: F811
    root, repo = pr
    edit(root, ("severity: SEV-2", "severity: SEV-4"))
    repo.git.mv(SHOWN, RENAMED)
    commit(repo, "quietly lower it and move it")
    code, found = findings(root)
    assert code == 0 and (RENAMED, "severity-lowered-without-note") in found


def test_deleting_an_open_escalation_is_an_error(pr) -> None:  # noqa: F811
    root, repo = pr
    repo.git.rm(SHOWN)
    commit(repo, "make it go away")
    code, found = findings(root)
    assert code == 1 and found == [(SHOWN, "open-escalation-deleted")]
    text = esc("--repo", root, "--now", NOW_TEXT, "check", "--base", "main")
    assert "ESC-90203 (SEV-2, In Progress) is deleted by this change; resolve or close it instead" in text.out


def test_deleting_a_closed_escalation_is_allowed(pr) -> None:  # noqa: F811
    root, repo = pr
    edit(root, ("status: In Progress", "status: Closed"))
    commit(repo, "closed")
    repo.git.checkout("main")
    repo.git.merge("feature")
    repo.git.checkout("-b", "tidy")
    repo.git.rm(SHOWN)
    commit(repo, "archive the closed one")
    assert findings(root) == (0, [])
