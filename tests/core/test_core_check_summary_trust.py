"""When `esc check --base` may believe escalations/check-summary.json, and what it says about a
pull request that changes it (review3 W1, M4, P2): rows edited under a kept header are not
believed; a change whose summary is not what `esc index` writes beside its index is warned
about; a SHA-256 repository's summary is used; `--repo` through a symbolic link compares the
same paths on both sides. Real git repositories in tmp (the `desk` fixture)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from test_core_check_incremental import add, commit, desk, document  # noqa: F401 - the shared fixture

from support.core import NOW_TEXT, esc

SUMMARY = "escalations/check-summary.json"
INDEX = "escalations/index.json"


def run_check(root: Path, *args: str, repo_arg: Path | None = None):  # noqa: ANN201 - the Run
    result = esc("--repo", repo_arg or root, "--now", NOW_TEXT, "check", "--base", "main", "--format", "json", *args)
    assert result.code in (0, 1), result
    return result


def codes(found) -> set[tuple[str, str]]:  # noqa: ANN001 - the Run
    return {(f["path"], f["code"]) for f in found.json()["findings"]}


def test_rows_edited_under_the_kept_header_are_not_believed(desk) -> None:
    root, repo = desk
    text = (root / SUMMARY).read_text(encoding="utf-8")
    assert text.count('"ESC-60003", "area-60003"') == 1
    (root / SUMMARY).write_text(text.replace('"ESC-60003", "area-60003"', '"ESC-69999", "area-60003"'),
                                encoding="utf-8")    # the header line kept: it still names the index at the base
    repo.git.checkout("main")
    commit(repo, "Summary edited by hand")
    repo.git.checkout("-B", "feature")
    duplicate = add(root, 60200, ident=60003)
    commit(repo, "A second ESC-60003")
    found = run_check(root)
    assert (duplicate, "duplicate-id") in codes(found)
    short = repo.git.rev_parse("main", short=7)
    assert found.err_lines[0].endswith(f"({SUMMARY} at {short} is unreadable: the whole index was read; "
                                       "`esc index` rewrites it)")


def test_a_change_to_the_summary_alone_is_warned_about(desk) -> None:
    root, repo = desk
    text = (root / SUMMARY).read_text(encoding="utf-8")
    (root / SUMMARY).write_text(text.replace('"Lee Park"', '"Nobody"'), encoding="utf-8")
    commit(repo, "Only the summary")
    found = run_check(root)
    assert found.code == 0 and codes(found) == {(SUMMARY, "generated-file-edited")}
    assert found.json()["findings"][0]["level"] == "warning"


@pytest.mark.parametrize("what", ["index alone", "both by esc index", "the summary deleted"])
def test_generated_files_in_a_change(desk, what: str) -> None:
    root, repo = desk
    add(root, 60300)
    if what == "index alone":
        assert esc("--repo", root, "--now", NOW_TEXT, "index").code == 0
        repo.git.checkout("--", SUMMARY)                 # committed without its summary
    elif what == "both by esc index":
        assert esc("--repo", root, "--now", NOW_TEXT, "index").code == 0
    else:
        (root / SUMMARY).unlink()
    commit(repo, what)
    found = run_check(root)
    warned = (SUMMARY, "generated-file-edited") in codes(found)
    assert warned == (what == "index alone")


def test_the_warning_follows_the_lint_settings(desk) -> None:
    root, repo = desk
    (root / SUMMARY).write_text((root / SUMMARY).read_text(encoding="utf-8").replace('"Lee Park"', '"X"'),
                                encoding="utf-8")
    commit(repo, "Only the summary")
    config = root / "escalations.toml"
    base = config.read_text(encoding="utf-8")
    for lints, expected in (('off = ["generated-file-edited"]', set()),
                            ('as_errors = ["generated-file-edited"]', {"error"})):
        config.write_text(base + f"\n[lints]\n{lints}\n", encoding="utf-8")
        found = run_check(root)
        assert {f["level"] for f in found.json()["findings"] if f["code"] == "generated-file-edited"} == expected


def test_a_sha256_repository_uses_its_summary(tmp_path: Path) -> None:
    root = tmp_path / "desk"
    (root / "escalations").mkdir(parents=True)
    for number in range(60001, 60005):
        name, text = document(number)
        (root / "escalations" / name).write_text(text, encoding="utf-8")

    def git(*args: str) -> str:
        env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        env.update(GIT_AUTHOR_NAME="T", GIT_AUTHOR_EMAIL="t@example.com", GIT_COMMITTER_NAME="T",
                   GIT_COMMITTER_EMAIL="t@example.com")
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True,
                              env=env).stdout.strip()

    git("init", "-q", "--object-format=sha256", "-b", "main")
    assert esc("--repo", root, "--now", NOW_TEXT, "index").code == 0
    git("add", "-A")
    git("commit", "-q", "-m", "base")
    assert len(git("rev-parse", f"HEAD:{INDEX}")) == 64
    git("checkout", "-q", "-b", "feature")
    add(root, 60010)
    git("add", "-A")
    git("commit", "-q", "-m", "one more")
    found = run_check(root)
    short = git("rev-parse", "--short=7", "main")
    assert found.err_lines == [f"esc check: checked the 1 document(s) changed since {short}; "
                               f"the other 4 from {INDEX} at {short}"]      # no aside: the summary was read


def test_repo_through_a_symbolic_link_compares_the_same_paths(desk, tmp_path: Path) -> None:
    root, repo = desk
    path = root / "escalations" / "ESC-60008-case-60008.md"
    path.write_text(path.read_text(encoding="utf-8").replace("owner: Dana Whitfield", "owner: Lee Park"),
                    encoding="utf-8")
    commit(repo, "Owner changed")
    link = tmp_path / "link"
    link.symlink_to(root)
    direct, through = run_check(root), run_check(root, repo_arg=link)
    assert ("escalations/ESC-60008-case-60008.md", "owner-changed") in codes(direct)
    assert (through.out, through.err_lines) == (direct.out, direct.err_lines)
    assert "open-escalation-deleted" not in through.out
