"""The README's "try it against the sandbox" line works as written, in a shell, against the
running emulators (a reviewer found it refused to sync: `esc init` makes no commit)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from escalation_desk.sandbox import Sandbox

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_the_readmes_sandbox_line_inits_and_syncs(tmp_path: Path, sandbox: Sandbox, sandbox_env: dict) -> None:
    line = next(ln for ln in README.splitlines() if ln.startswith("esc --repo /tmp/docs init /tmp/docs"))
    docs = tmp_path / "docs"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "esc").write_text(f"#!/bin/sh\nexec {sys.executable} -P -m escalation_desk \"$@\"\n")
    (bin_dir / "esc").chmod(0o755)
    env = {**os.environ, **sandbox_env, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "CI": "true",
           "GIT_AUTHOR_NAME": "CS Ops", "GIT_AUTHOR_EMAIL": "cs-ops@example.com",
           "GIT_COMMITTER_NAME": "CS Ops", "GIT_COMMITTER_EMAIL": "cs-ops@example.com"}
    run = subprocess.run(["bash", "-c", line.replace("/tmp/docs", str(docs))], env=env, capture_output=True,
                         text=True, timeout=300, cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert len(list((docs / "escalations").glob("ESC-*.md"))) >= 10
    assert shutil.which("git")
    log = subprocess.run(["git", "-C", str(docs), "log", "--format=%s"], capture_output=True, text=True).stdout
    assert log.splitlines()[-1] == "esc init" and len(log.splitlines()) >= 2
