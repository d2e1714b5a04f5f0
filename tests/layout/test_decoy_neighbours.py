"""Installed beside unrelated distributions, `esc` still runs itself.

A decoy distribution (a real wheel, installed with pip) provides the generic top-level names a careless layout would take
(`cli`, `sync`, `report`, `templates`, `tracking`, `commands`) and is put in front of
site-packages, and `esc` is run from the repository root, where the
design card's own `cli.py` and `sync/` sit in the current directory too.
"""

from __future__ import annotations

import base64
import hashlib
import subprocess
import zipfile
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DECOY_NAMES = ("cli", "sync", "report", "templates", "tracking", "commands")


def _decoy_wheel(tmp_path: Path) -> Path:
    """A real wheel (built by hand: no build backend needed) for a distribution "decoy-neighbour"."""
    files = {f"{name}/__init__.py": ("import sys\n"
                                       "def main():\n"
                                       f"    print('DECOY {name} answered'); sys.exit(0)\n"
                                       f"raise SystemExit('DECOY {name} imported')\n") for name in DECOY_NAMES}
    info = "decoy_neighbour-1.0.dist-info"
    files[f"{info}/METADATA"] = "Metadata-Version: 2.1\nName: decoy-neighbour\nVersion: 1.0\n"
    files[f"{info}/WHEEL"] = "Wheel-Version: 1.0\nGenerator: hand\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    files[f"{info}/top_level.txt"] = "\n".join(DECOY_NAMES) + "\n"
    files[f"{info}/entry_points.txt"] = "[console_scripts]\ndecoy = cli:main\n"
    record = [f"{name},sha256={base64.urlsafe_b64encode(hashlib.sha256(body.encode()).digest()).rstrip(b'=').decode()},"
              f"{len(body.encode())}" for name, body in files.items()]
    files[f"{info}/RECORD"] = "\n".join(record + [f"{info}/RECORD,,"]) + "\n"
    wheel = tmp_path / "decoy_neighbour-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for name, body in files.items():
            archive.writestr(name, body)
    return wheel


def _decoy_distribution(tmp_path: Path) -> Path:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                    "--disable-pip-version-check", "--target", str(target), str(_decoy_wheel(tmp_path))],
                   check=True, capture_output=True, text=True, timeout=300)
    assert (target / "cli" / "__init__.py").exists()
    return target


def test_esc_runs_itself_next_to_a_decoy_providing_generic_top_level_names(tmp_path: Path) -> None:
    site = _decoy_distribution(tmp_path)
    esc = Path(sys.executable).with_name("esc")
    env = {"PATH": f"{esc.parent}:/usr/bin:/bin", "PYTHONPATH": str(site), "HOME": str(tmp_path)}
    for args in (["--version"], ["--help"], ["check", "--help"]):
        run = subprocess.run([str(esc), *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)
        assert run.returncode == 0, run.stderr
        assert "DECOY" not in run.stdout + run.stderr
    assert "Escalation Desk" in subprocess.run([str(esc), "--help"], capture_output=True, text=True, cwd=ROOT,
                                               env=env, timeout=60).stdout
    # The decoy really is importable in that environment: it is the neighbour, not a no-op.
    probe = subprocess.run([sys.executable, "-c", "import cli"], capture_output=True, text=True, cwd=tmp_path,
                           env=env, timeout=60)
    assert "DECOY cli imported" in probe.stderr


def test_python_dash_m_escalation_desk_is_esc(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "escalation_desk", "--version"], capture_output=True, text=True,
                         cwd=tmp_path, timeout=60)
    assert run.returncode == 0 and "esc, version" in run.stdout
