"""Build the sidebar's upload zip: validated first, then deterministic (entries sorted,
fixed timestamps and permissions) with ``manifest.json`` at its root, or a
:class:`~escalation_desk.errors.DeskError` listing the problems.
"""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path

from escalation_desk.errors import DeskError
from escalation_desk.sidebar import APP_DIR
from escalation_desk.sidebar.validate import package_files, validate

ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)


def _manifest_with_domains(app_dir: Path, domains: Iterable[str]) -> bytes | None:
    extra = [d.strip() for d in domains if d and d.strip()]
    if not extra:
        return None
    manifest = json.loads((app_dir / "manifest.json").read_text(encoding="utf-8"))
    whitelist = list(manifest.get("domainWhitelist", []))
    whitelist += [d for d in extra if d not in whitelist]
    manifest["domainWhitelist"] = whitelist
    return (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def build_package(out: Path, app_dir: Path | None = None, *, extra_domains: Iterable[str] = ()) -> Path:
    """Validate *app_dir* (default: the bundled app) and write the upload zip to *out*.

    *out* may be a file name or an existing folder (the zip is then named
    ``escalation-desk-<version>.zip`` inside it). *extra_domains* are added to the
    packaged manifest's ``domainWhitelist``: a GitHub Enterprise Server host must be
    there for Zendesk's proxy to insert the token. Returns the zip's path; raises
    :class:`DeskError` with every problem when the app is not valid.
    """
    app_dir = Path(app_dir) if app_dir is not None else APP_DIR
    problems = validate(app_dir)
    if problems:
        raise DeskError(
            f"the sidebar app in {app_dir} is not valid: " + "; ".join(problems),
            hint="fix these, then run `esc sidebar package` again",
        )
    out = Path(out)
    if out.is_dir():
        manifest = json.loads((app_dir / "manifest.json").read_text(encoding="utf-8"))
        out = out / f"escalation-desk-{manifest.get('version', '0')}.zip"
    manifest_override = _manifest_with_domains(app_dir, extra_domains)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".sidebar-", suffix=".zip", dir=out.parent)
    except OSError as exc:
        raise DeskError(f"cannot write {out}: {exc.strerror or exc}", hint="choose another --out") from None
    os.close(handle)
    try:
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for rel in package_files(app_dir):
                info = zipfile.ZipInfo(rel, date_time=ZIP_TIMESTAMP)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 3  # unix, so the permissions below mean the same everywhere
                info.external_attr = 0o100644 << 16
                data = manifest_override if rel == "manifest.json" and manifest_override else (app_dir / rel).read_bytes()
                archive.writestr(info, data, compresslevel=9)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)   # mkstemp's file is private; the upload zip is not secret
        os.replace(temporary, out)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise DeskError(f"cannot write {out}: {exc.strerror or exc}", hint="choose another --out") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return out
