"""Real git repositories that merge with the real `esc merge-driver` (the installed `esc`)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .cli import esc

DOC = "escalations/ESC-7001-acme.md"
BASE_TEXT = (Path(__file__).parents[1] / "merge" / "data" / "ESC-7001-base.md").read_text(encoding="utf-8")


def git_env() -> dict[str, str]:
    """The environment git runs the driver in: this venv's `esc` first on PATH."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    env.update(GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="t@example.com",
               GIT_COMMITTER_NAME="Test", GIT_COMMITTER_EMAIL="t@example.com")
    return env


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, env=git_env())
    if check and done.returncode:
        raise AssertionError(f"git {' '.join(args)} failed: {done.stdout}{done.stderr}")
    return done


def esc_init(repo: Path) -> None:
    run = esc("--repo", repo, "init")
    assert run.code == 0, run.text


def documents_repo(path: Path, text: str = BASE_TEXT, driver: bool = True) -> Path:
    """A repository with one document committed on main; with the driver registered (esc init) or plain."""
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q", "-b", "main")
    if driver:
        esc_init(path)
    (path / "escalations").mkdir(exist_ok=True)
    (path / DOC).write_text(text, encoding="utf-8")
    git(path, "add", "-A")
    git(path, "commit", "-q", "-m", "base")
    return path


def commit_on(repo: Path, branch: str, text: str, start: str = "main") -> None:
    git(repo, "checkout", "-q", "-B", branch, start)
    (repo / DOC).write_text(text, encoding="utf-8")
    git(repo, "commit", "-q", "-am", f"edit on {branch}")
