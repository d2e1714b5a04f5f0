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


# What agents type into the forms, and what the sync must read from the note.
FORMS = [
    ("notified", {"name": "Priya Raman", "role": "CS Director, EMEA"}, ("Priya Raman", "CS Director, EMEA")),
    ("step", {"action": "Restore the sync - then re-run", "owner": "Lee Park", "due": "2026-11-28"},
     ("Restore the sync - then re-run", "Lee Park", "2026-11-28")),
    ("target", {"date": "2026-11-29", "time": "17:00"}, ("2026-11-29T22:00:00+00:00",)),   # New York, EST
    ("sponsor", {"name": "Rachel\nKim"}, ("Rachel Kim",)),
    ("cadence", {"every": "every 4 business hours", "reason": "agreed with the customer's CIO"},
     ("every 4 business hours", "agreed with the customer's CIO")),
]


def test_the_notes_the_forms_post_are_read_by_the_syncs_parser(tmp_path: Path) -> None:
    """The contract between the sidebar (notes.js) and the sync (tracking/desk_commands.py)."""
    from escalation_desk.tracking.desk_commands import command_line, parse_command

    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        missing("node is not installed (apt-get install nodejs)")
    shutil.copytree(APP_DIR / "assets", tmp_path / "assets", ignore=shutil.ignore_patterns("*.png", "*.svg", "*.css", "*.html"))
    (tmp_path / "package.json").write_text(json.dumps({"type": "module"}), encoding="utf-8")
    script = ("import { noteBody } from './assets/notes.js';"
              f"const forms = {json.dumps([[kind, fields] for kind, fields, _ in FORMS])};"
              "console.log(JSON.stringify(forms.map(([kind, fields]) => noteBody(kind, fields))));")
    (tmp_path / "bodies.mjs").write_text(script, encoding="utf-8")
    result = subprocess.run([node, "bodies.mjs"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    bodies = [note["body"] for note in json.loads(result.stdout)]
    for (kind, _, expected), body in zip(FORMS, bodies):
        command = parse_command(command_line(body, "#esc"), zone="America/New_York")
        assert command.verb == kind
        assert tuple(v.isoformat() if hasattr(v, "isoformat") else v for v in command.values) == expected, body
