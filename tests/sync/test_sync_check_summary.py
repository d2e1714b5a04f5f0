"""The sync keeps the pull-request check's summary (escalations/check-summary.json) in step
with the index it writes: both in each of its commits, the summary naming the index's blob,
so the next pull request's `esc check --base` reads the summary (no aside in its note)."""

from __future__ import annotations

import json
from pathlib import Path

from escalation_desk.sandbox import Sandbox
from support.sync import esc, git, head

SUMMARY = "escalations/check-summary.json"
INDEX = "escalations/index.json"


def test_each_sync_commit_writes_the_summary_of_its_index(repo: Path, sandbox: Sandbox) -> None:
    assert esc(repo, "sync").code == 0
    files = git(repo, "show", "--name-only", "--format=", "HEAD").split()
    assert INDEX in files and SUMMARY in files
    summary = json.loads((repo / SUMMARY).read_text(encoding="utf-8"))
    index = json.loads((repo / INDEX).read_text(encoding="utf-8"))
    assert summary["index_blob"] == git(repo, "rev-parse", f"HEAD:{INDEX}").strip()
    assert [row[1] for row in summary["rows"]] == [record["id"] for record in index["escalations"]]
    assert [row[0] for row in summary["rows"]] == [record["path"] for record in index["escalations"]]

    base = head(repo)
    git(repo, "checkout", "-q", "-b", "feature")
    document = sorted((repo / "escalations").glob("ESC-*.md"))[0]
    document.write_text(document.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    checked = esc(repo, "check", "--base", base)
    notes = [line for line in checked.err.splitlines() if line.startswith("esc check:")]
    assert notes == [f"esc check: checked the 1 document(s) changed since {base[:7]}; the other "
                     f"{len(summary['rows']) - 1} from {INDEX} at {base[:7]}"]


def test_the_next_sync_rewrites_a_summary_a_merge_left_stale(repo: Path, sandbox: Sandbox) -> None:
    from escalation_desk.tracking.checksummary import merged_text

    assert esc(repo, "sync").code == 0
    fresh = (repo / SUMMARY).read_text(encoding="utf-8")
    (repo / SUMMARY).write_text(merged_text(), encoding="utf-8")      # what esc merge-driver leaves
    git(repo, "commit", "-q", "-am", "Merge a pull request")
    assert esc(repo, "sync").code == 0
    assert git(repo, "show", f"HEAD:{SUMMARY}") == fresh
    assert git(repo, "status", "--porcelain").strip() == ""
