"""`esc check --base REF` on real git repositories built in tmp: the lints that need the
document's previous version (owner changed, target moved after it passed, severity
lowered without a note) fire on a pull-request-like branch, and only then.
"""

from __future__ import annotations

import json
from pathlib import Path

import git
import pytest

from support.core import GOLDEN_DIR, NOW_TEXT, ROSTER, esc

NAME = "ESC-90203-wide-world-importers-erp-sync.md"
SHOWN = f"escalations/{NAME}"
ACTOR = git.Actor("Test Person", "test@example.com")
BASE_TEXT = (GOLDEN_DIR / "ESC-90203-owner-too-junior.md").read_text(encoding="utf-8").replace(
    "owner: Lee Park", "owner: Dana Whitfield").replace(
    "acknowledged: 2026-11-23T14:30:00Z\n", "acknowledged: 2026-11-23T14:30:00Z\ntarget_resolution: 2026-11-25T17:00:00Z\n")


def commit(repo: git.Repo, message: str) -> None:
    repo.git.add(A=True)
    repo.index.commit(message, author=ACTOR, committer=ACTOR)


@pytest.fixture
def pr(tmp_path: Path):
    """A repository with the document committed on main and a `feature` branch checked out."""
    root = tmp_path / "desk"
    (root / "escalations").mkdir(parents=True)
    (root / "escalations.toml").write_text(ROSTER.read_text(encoding="utf-8"), encoding="utf-8")
    (root / SHOWN).write_text(BASE_TEXT, encoding="utf-8")
    repo = git.Repo.init(root, initial_branch="main")
    commit(repo, "ESC-90203 opened")
    repo.git.checkout("-b", "feature")
    yield root, repo
    repo.close()


def edit(root: Path, *pairs: tuple[str, str]) -> None:
    path = root / SHOWN
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def change_findings(root: Path, base: str = "main") -> tuple[int, list[tuple[int, str]]]:
    result = esc("--repo", root, "--now", NOW_TEXT, "check", "--base", base, "--format", "json")
    assert result.code in (0, 1), result
    findings = json.loads(result.out)["findings"]
    return result.code, [(f["line"], f["code"]) for f in findings if f["path"] == SHOWN]


def test_the_base_document_is_clean(pr) -> None:
    root, _ = pr
    assert change_findings(root) == (0, [])


def test_owner_severity_and_a_passed_target_changed_in_a_branch(pr) -> None:
    root, repo = pr
    edit(root, ("owner: Dana Whitfield", "owner: Marcus Chen"), ("severity: SEV-2", "severity: SEV-3"),
         ("target_resolution: 2026-11-25T17:00:00Z", "target_resolution: 2026-11-30T17:00:00Z"))
    commit(repo, "Hand over, downgrade and push the target")
    code, findings = change_findings(root)
    assert code == 0   # these are warnings unless configured as errors
    assert findings == [(4, "severity-lowered-without-note"), (7, "owner-changed"), (10, "target-moved-after-passed")]

    text = esc("--repo", root, "--now", NOW_TEXT, "check", "--base", "main").out
    assert f"{SHOWN}:7: warning: owner changed mid-stream (Dana Whitfield → Marcus Chen)" in text
    assert f"{SHOWN}:10: warning: target resolution moved after it passed (2026-11-25 17:00 UTC)" in text
    assert f"{SHOWN}:4: warning: severity lowered SEV-2 → SEV-3 without a Timeline entry saying why" in text
    # Against the branch itself there is no change to lint.
    assert change_findings(root, base="feature") == (0, [])


def test_uncommitted_changes_are_compared_too(pr) -> None:
    root, _ = pr
    edit(root, ("owner: Dana Whitfield", "owner: Marcus Chen"))
    assert change_findings(root)[1] == [(7, "owner-changed")]


def test_the_lints_can_be_errors(pr) -> None:
    root, repo = pr
    (root / "escalations.toml").write_text(ROSTER.read_text(encoding="utf-8")
                                           + "\n[lints]\nas_errors = ['owner-changed']\n", encoding="utf-8")
    edit(root, ("owner: Dana Whitfield", "owner: Marcus Chen"))
    commit(repo, "Hand over")
    result = esc("--repo", root, "--now", NOW_TEXT, "check", "--base", "main")
    assert result.code == 1
    assert f"{SHOWN}:7: error: owner changed mid-stream" in result.out


def test_unchanged_facts_fire_nothing(pr) -> None:
    root, repo = pr
    edit(root, ("- 2026-11-24 16:00 UTC: email — Backlog cleared; monitoring\n",
                "- 2026-11-24 16:00 UTC: email — Backlog cleared; monitoring\n"
                "- 2026-11-24 19:00 UTC: email — Still monitoring\n"))
    commit(repo, "Log an update")
    assert change_findings(root) == (0, [])


def test_a_note_or_an_update_in_time_makes_the_change_acceptable(pr) -> None:
    root, repo = pr
    edit(root, ("severity: SEV-2", "severity: SEV-3"),
         ("target_resolution: 2026-11-25T17:00:00Z", "target_resolution: 2026-11-30T17:00:00Z"),
         ("- 2026-11-23 14:05 UTC — Ticket #90203 opened via email <!-- zd:ticket:90203 -->\n",
          "- 2026-11-23 14:05 UTC — Ticket #90203 opened via email <!-- zd:ticket:90203 -->\n"
          "- 2026-11-25 09:00 UTC — Severity lowered to SEV-3: a workaround restored shipping\n"),
         ("- 2026-11-24 16:00 UTC: email — Backlog cleared; monitoring\n",
          "- 2026-11-24 16:00 UTC: email — Backlog cleared; monitoring\n"
          "- 2026-11-25 15:00 UTC: phone — Told them the fix date moves to Monday\n"))
    commit(repo, "Downgrade with a note; customer told before the target")
    assert change_findings(root) == (0, [])


def test_moving_a_target_that_has_not_passed_is_fine(pr) -> None:
    root, repo = pr
    edit(root, ("target_resolution: 2026-11-25T17:00:00Z", "target_resolution: 2026-11-30T17:00:00Z"))
    commit(repo, "More time")
    result = esc("--repo", root, "--now", "2026-11-25T12:00:00Z", "check", "--base", "main", "--format", "json")
    assert json.loads(result.out)["findings"] == []


def test_a_document_new_in_the_branch_has_no_base(pr) -> None:
    root, repo = pr
    other = (GOLDEN_DIR / "ESC-90206-credit-first-response.md").read_text(encoding="utf-8")
    (root / "escalations" / "ESC-90206-adventure-works.md").write_text(other, encoding="utf-8")
    commit(repo, "New escalation")
    result = esc("--repo", root, "--now", NOW_TEXT, "check", "--base", "main", "--format", "json")
    codes = {f["code"] for f in json.loads(result.out)["findings"]}
    assert codes == {"credit-first-response"}


def test_the_base_is_the_merge_base(pr) -> None:
    """Work that landed on main after the branch started is not blamed on the branch."""
    root, repo = pr
    repo.git.checkout("main")
    edit(root, ("owner: Dana Whitfield", "owner: Marcus Chen"))
    commit(repo, "Hand-over on main")
    repo.git.checkout("feature")
    assert change_findings(root) == (0, [])


def test_duplicate_ids_across_branches_meet_in_check(pr) -> None:
    root, repo = pr
    (root / "escalations" / "ESC-90203-copy.md").write_text(BASE_TEXT, encoding="utf-8")
    commit(repo, "Same ID on another document")
    result = esc("--repo", root, "--now", NOW_TEXT, "check", "--base", "main")
    assert result.code == 1
    assert "escalations/ESC-90203-copy.md:2: error: ID ESC-90203 is also used by " in result.out


def test_a_bad_base_is_one_line(pr) -> None:
    root, _ = pr
    result = esc("--repo", root, "--now", NOW_TEXT, "check", "--base", "origin/nope")
    assert result.code == 2
    assert result.err_lines == [f"esc: error: --base 'origin/nope' is not a commit or branch in {root}; "
                                "fetch it first (actions/checkout with fetch-depth: 0)"]


def test_base_outside_a_git_repository_is_one_line(tmp_path: Path) -> None:
    root = tmp_path / "plain"
    (root / "escalations").mkdir(parents=True)
    (root / SHOWN).write_text(BASE_TEXT, encoding="utf-8")
    result = esc("--repo", root, "--now", NOW_TEXT, "check", "--base", "main",
                 env={"GIT_CEILING_DIRECTORIES": str(tmp_path)})
    assert result.code == 2
    assert result.err_lines == [f"esc: error: {root} is not inside a git repository; run `git init` or pass --repo"]
