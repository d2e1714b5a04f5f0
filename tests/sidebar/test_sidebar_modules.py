"""The sidebar's pure modules (decode, format, tags, deadlines, ...) under ``node --test``.

The page's modules are plain ``.js`` ES modules with no ``package.json`` (nothing but
the app goes into the upload), so they are copied with the tests into a temporary
folder marked ``"type": "module"``: that works with any Node.js that has ``node --test``
(Debian's nodejs 18 and later).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from prerequisites import missing
from sidebar_support import APP_DIR, HERE

TESTS = HERE / "js"


def test_pure_modules_pass_their_node_tests(tmp_path: Path) -> None:
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        missing("node is not installed (apt-get install nodejs)")
    shutil.copytree(APP_DIR / "assets", tmp_path / "assets", ignore=shutil.ignore_patterns("*.png", "*.svg", "*.css", "*.html"))
    shutil.copytree(TESTS, tmp_path / "tests")
    (tmp_path / "package.json").write_text(json.dumps({"type": "module"}), encoding="utf-8")
    files = sorted(str(p.relative_to(tmp_path)) for p in (tmp_path / "tests").glob("*.test.mjs"))
    assert len(files) >= 3
    result = subprocess.run([node, "--test", *files], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout and "# pass 0" not in result.stdout
