"""The generated check summary (escalations/check-summary.json) through real `git merge`:
two branches that both ran `esc index` merge without a conflict (the driver leaves the
summary marked stale), the pull-request check then reads the index and says why, and the
next `esc index` writes a summary the check believes again. Review W2."""

from __future__ import annotations

import json
import re
from pathlib import Path

from support.core import ACME, BRIGHTPATH, NORTHWIND, NOW_TEXT, make_desk
from support.merge import esc, esc_init, git

SUMMARY = "escalations/check-summary.json"
INDEX = "escalations/index.json"
SUMMARY_MERGE_LINE = "escalations/check-summary.json merge=escalation-desk"


def index_and_commit(repo: Path, message: str) -> None:
    assert esc("--repo", repo, "--now", NOW_TEXT, "index").code == 0
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def new_owner(repo: Path, name: str, owner: str) -> None:
    path = repo / "escalations" / name
    path.write_text(re.sub(r"(?m)^owner: .*$", f"owner: {owner}", path.read_text(encoding="utf-8"), count=1),
                    encoding="utf-8")


def desk(tmp_path: Path) -> Path:
    repo = tmp_path / "desk"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    esc_init(repo)
    make_desk(repo)
    index_and_commit(repo, "Three escalations and their index")
    return repo


def two_branches_that_reindexed(repo: Path) -> None:
    """pr1 (merged into main) and pr2 (checked out) each changed an owner and ran `esc index`."""
    git(repo, "checkout", "-q", "-b", "pr1", "main")
    new_owner(repo, ACME, "Lee Park")
    index_and_commit(repo, "pr1")
    git(repo, "checkout", "-q", "-b", "pr2", "main")
    new_owner(repo, NORTHWIND, "Lee Park")
    index_and_commit(repo, "pr2")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "pr1")
    git(repo, "checkout", "-q", "pr2")


def check(repo: Path):  # noqa: ANN201 - the Run
    result = esc("--repo", repo, "--now", NOW_TEXT, "check", "--base", "main")
    assert result.code in (0, 1), result
    return result


def test_two_branches_that_both_reindexed_merge_clean(tmp_path: Path) -> None:
    repo = desk(tmp_path)
    two_branches_that_reindexed(repo)
    done = git(repo, "merge", "--no-edit", "main", check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "<<<<<<<" not in (repo / INDEX).read_text(encoding="utf-8")
    summary = json.loads((repo / SUMMARY).read_text(encoding="utf-8"))
    assert summary["index_blob"] == "merged" and summary["rows"] == []      # stale by design


def test_the_check_after_such_a_merge_reads_the_index_and_says_why(tmp_path: Path) -> None:
    repo = desk(tmp_path)
    two_branches_that_reindexed(repo)
    git(repo, "merge", "--no-edit", "main")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "pr2")                     # the merge button: main now holds the stale summary
    short = git(repo, "rev-parse", "--short=7", "main").stdout.strip()
    git(repo, "checkout", "-q", "-b", "pr3")
    new_owner(repo, BRIGHTPATH, "Dana Whitfield")
    git(repo, "commit", "-q", "-am", "pr3")
    first = check(repo)
    assert first.err_lines[0] == (
        f"esc check: checked the 1 document(s) changed since {short}; the other 2 from {INDEX} at {short} "
        f"({SUMMARY} at {short} was left stale by a merge: the whole index was read; `esc index` rewrites it)")
    git(repo, "checkout", "-q", "main")
    index_and_commit(repo, "Reindexed")                  # what the next `esc index` (or sync) does
    short = git(repo, "rev-parse", "--short=7", "main").stdout.strip()
    git(repo, "checkout", "-q", "pr3")
    git(repo, "rebase", "-q", "main")
    again = check(repo)
    assert again.err_lines[0] == (f"esc check: checked the 1 document(s) changed since {short}; "
                                  f"the other 2 from {INDEX} at {short}")
    assert again.out == first.out


def test_esc_init_adds_the_summary_merge_line_to_a_kept_gitattributes(tmp_path: Path) -> None:
    repo = tmp_path / "old"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    (repo / ".gitattributes").write_text("*.png binary\nescalations/*.md merge=escalation-desk\n", encoding="utf-8")
    esc_init(repo)
    text = (repo / ".gitattributes").read_text(encoding="utf-8")
    assert text == "*.png binary\nescalations/*.md merge=escalation-desk\n" + SUMMARY_MERGE_LINE + "\n"
    assert git(repo, "check-attr", "merge", SUMMARY).stdout.strip().endswith("merge: escalation-desk")
    esc_init(repo)
    assert (repo / ".gitattributes").read_text(encoding="utf-8") == text     # once
