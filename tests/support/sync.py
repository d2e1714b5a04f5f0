"""Helpers for the sync tests: a documents repository in a temp dir, the CLI in-process
(through `cli.main`, so errors look exactly as a user sees them), and git inspection."""

from __future__ import annotations

import subprocess
from pathlib import Path

from escalation_desk.sandbox import Sandbox
from support.cli import Run, esc as run_esc

NOW = "2026-11-26T12:00:00Z"
FAST_SYNC = """
[sync]
retry_backoff = "0s"
retry_budget = "5s"
request_timeout = "2s"
"""


def esc(repo: Path, *args: str, now: str = NOW) -> Run:
    """`esc --repo REPO --now NOW ARGS…` through the shared runner."""
    return run_esc("--repo", repo, "--now", now, *args, isolated=False)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


def roster(sandbox: Sandbox) -> str:
    lines = []
    for person in sandbox.dataset.roster:
        lines += ["[[people]]", f'name = "{person["name"]}"', f'role = "{person["title"]}"',
                  f'email = "{person["email"]}"', ""]
    return "\n".join(lines)


def make_repo(path: Path, sandbox: Sandbox, extra: str = "") -> Path:
    """A documents repository with a configuration and one commit."""
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q", "-b", "main")
    git(path, "config", "user.name", "Test Person")
    git(path, "config", "user.email", "test@example.com")
    (path / "escalations").mkdir()
    (path / "escalations" / ".gitkeep").write_text("")
    (path / "escalations.toml").write_text(FAST_SYNC + extra + "\n" + roster(sandbox), encoding="utf-8")
    git(path, "add", "-A")
    git(path, "commit", "-q", "-m", "start")
    return path


def head(repo: Path) -> str:
    return git(repo, "rev-parse", "HEAD").strip()


def status(repo: Path) -> str:
    return git(repo, "status", "--porcelain", "--untracked-files=all")


def doc_path(repo: Path, ident: str) -> Path:
    found = sorted((repo / "escalations").glob(f"{ident}-*.md")) or sorted((repo / "escalations").glob(f"{ident}.md"))
    assert found, f"no document for {ident}"
    return found[0]


def zendesk_calls(sandbox: Sandbox) -> list[str]:
    return [f"{e.method} {e.path}" for e in sandbox.log.entries("zendesk")]


def upstream_later(sandbox: Sandbox, minutes: int = 5) -> None:
    """Stamp the next Zendesk changes a few minutes after everything so far (the sandbox's
    clock has one-second resolution, like Zendesk's updated_at, and a test acts faster;
    without a set clock the sandbox stamps wall-clock time, which may even precede the
    dataset's fixed times)."""
    from datetime import datetime, timedelta, timezone

    latest = max(datetime.fromisoformat(t["updated_at"].replace("Z", "+00:00")) for t in sandbox.zendesk.tickets.values())
    now = datetime.now(timezone.utc).replace(microsecond=0)
    sandbox.zendesk.now = max(latest, now) + timedelta(minutes=minutes)


def bare_origin(tmp_path: Path, sandbox: Sandbox) -> Path:
    """A bare repository holding a documents repository's first commit(s) (from tmp_path/seed)."""
    seed = tmp_path / "seed"
    if not seed.exists():
        make_repo(seed, sandbox)
    bare = tmp_path / "origin.git"
    git(tmp_path, "clone", "-q", "--bare", str(seed), str(bare))
    return bare


def clone(origin: Path, path: Path) -> Path:
    git(origin.parent, "clone", "-q", str(origin), str(path))
    git(path, "config", "user.name", "Someone Else")
    git(path, "config", "user.email", "else@example.com")
    return path
