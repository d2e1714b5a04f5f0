"""Validate the sidebar app the way Zendesk's upload does.

:func:`validate` applies the rules of ``zendesk_apps_support`` (the library behind
Zendesk's app upload and ``zcli apps:validate``, which needs a live account) that
matter for a private ZAF v2 app, a little stricter where Zendesk only warns: a
secret-looking parameter must be secure, and a secure one must have ``scopes`` and no
default. Each problem is one line that names the file and key.
"""

from __future__ import annotations

import json
import os
import re
import struct
from pathlib import Path, PurePosixPath
from typing import Any

from escalation_desk.sidebar.i18n import I18N_JS, render_i18n_js
from escalation_desk.sidebar.references import check_references

FRAMEWORK_VERSION = "2.0"
REQUIRED_MANIFEST_KEYS = ("author", "defaultLocale", "location", "frameworkVersion")
PARAMETER_TYPES = ("text", "checkbox", "url", "number", "multiline", "hidden", "oauth", "mtls")
SECRET_NAME = re.compile(r"token|key|pwd|password|secret", re.IGNORECASE)
VALID_LOCALE = re.compile(r"^[a-z]{2}(-\w{2,3})?$")
HOSTS = ("support", "sell", "chat")
SUPPORT_LOCATIONS = (
    "ticket_sidebar", "new_ticket_sidebar", "user_sidebar", "organization_sidebar", "top_bar",
    "nav_bar", "background", "modal", "ticket_editor", "system_top_bar",
)
LOGOS = {"assets/logo.png": (320, 320), "assets/logo-small.png": (128, 128)}
REQUIRED_FILES = ("assets/logo.svg",)
# Archives, documents, executables and media Zendesk refuses in an app (by extension
# or by content), as zendesk_apps_support's mime check does.
BANNED_EXTENSIONS = frozenset(
    "zip rar gz gzip tgz tar bz bz2 7z jar pdf doc docx odt ppt pptx xls xlsx avi mp3 mpeg mpg bin exe dmg csh sh".split()
)
BANNED_MAGIC = {
    b"PK\x03\x04": "zip archive",
    b"\x1f\x8b": "gzip archive",
    b"Rar!": "rar archive",
    b"7z\xbc\xaf\x27\x1c": "7z archive",
    b"BZh": "bzip2 archive",
    b"%PDF": "PDF document",
    b"\xd0\xcf\x11\xe0": "Office document",
    b"\x7fELF": "executable",
}
# Zendesk does not publish one number; 2 MB is a conservative ceiling for an upload.
MAX_PACKAGE_BYTES = 2 * 1024 * 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class _DuplicateKey(ValueError):
    pass


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _DuplicateKey(key)
        seen[key] = value
    return seen


def _load_json(path: Path, label: str, problems: list[str]) -> Any:
    """Parse *path* strictly (no duplicate keys); None after recording a problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        problems.append(f"{label}: not UTF-8 text")
        return None
    try:
        return json.loads(text, object_pairs_hook=_reject_duplicates)
    except _DuplicateKey as exc:
        problems.append(f"{label}: duplicate key {str(exc)!r}")
    except json.JSONDecodeError as exc:
        problems.append(f"{label}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})")
    return None


def package_files(app_dir: Path) -> list[str]:
    """The files that go into the zip, as sorted POSIX paths relative to *app_dir*.

    Hidden files (``.DS_Store``, editor droppings) and ``__pycache__`` stay out.
    """
    found = []
    for root, dirs, files in os.walk(app_dir, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
        for name in files:
            if not name.startswith("."):
                found.append(Path(root, name).relative_to(app_dir).as_posix())
    return sorted(found)


def _symlinks(app_dir: Path) -> list[str]:
    links = []
    for root, dirs, files in os.walk(app_dir, followlinks=False):
        for name in dirs + files:
            path = Path(root, name)
            if path.is_symlink():
                links.append(path.relative_to(app_dir).as_posix())
    return sorted(links)


def png_size(path: Path) -> tuple[int, int] | None:
    """(width, height) from a PNG's IHDR chunk; None if it is not a PNG."""
    with path.open("rb") as handle:
        head = handle.read(24)
    if len(head) < 24 or head[:8] != PNG_SIGNATURE or head[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", head[16:24])


def _check_files(app_dir: Path, files: list[str], problems: list[str]) -> None:
    for link in _symlinks(app_dir):
        problems.append(f"{link}: symlinks are not allowed in a Zendesk app")
    nested = [f for f in files if PurePosixPath(f).name == "manifest.json" and f != "manifest.json"]
    if "manifest.json" not in files:
        where = f" (found {nested[0]}: the app root must be the folder that holds it)" if nested else ""
        problems.append(f"manifest.json: missing at the app root{where}")
    total = 0
    for rel in files:
        path = app_dir / rel
        total += path.stat().st_size
        suffixes = [s.lstrip(".").lower() for s in PurePosixPath(rel).suffixes]
        banned = [s for s in suffixes if s in BANNED_EXTENSIONS]
        if banned:
            problems.append(f"{rel}: .{banned[-1]} files (archives, documents, executables) are not allowed in a Zendesk app")
            continue
        with path.open("rb") as handle:
            head = handle.read(8)
        for magic, kind in BANNED_MAGIC.items():
            if head.startswith(magic):
                problems.append(f"{rel}: looks like a {kind}, which is not allowed in a Zendesk app")
                break
    if total > MAX_PACKAGE_BYTES:
        problems.append(f"app: {total} bytes of files, over the {MAX_PACKAGE_BYTES}-byte limit for an upload")
    for rel, (width, height) in LOGOS.items():
        if rel not in files:
            problems.append(f"{rel}: missing ({width}×{height} PNG)")
            continue
        size = png_size(app_dir / rel)
        if size is None:
            problems.append(f"{rel}: not a PNG file")
        elif size != (width, height):
            problems.append(f"{rel}: {size[0]}×{size[1]} pixels, must be {width}×{height}")
    for rel in REQUIRED_FILES:
        if rel not in files:
            problems.append(f"{rel}: missing")


def _is_url(value: Any, *, https_only: bool = False) -> bool:
    if not isinstance(value, str):
        return False
    pattern = r"^https://[^\s/]+" if https_only else r"^https?://[^\s/]+"
    return re.match(pattern, value) is not None


def _check_location(manifest: dict, files: list[str], problems: list[str]) -> None:
    location = manifest.get("location")
    if location is None:
        return
    if not isinstance(location, dict) or not location:
        problems.append("manifest.json location: must be an object of products, e.g. {\"support\": {\"ticket_sidebar\": {...}}}")
        return
    for host, places in location.items():
        if host not in HOSTS:
            problems.append(f"manifest.json location.{host}: unknown product (expected one of {', '.join(HOSTS)})")
            continue
        if not isinstance(places, dict) or not places:
            problems.append(f"manifest.json location.{host}: must be an object of locations with a url each (v2 apps)")
            continue
        for name, options in places.items():
            key = f"location.{host}.{name}"
            if host == "support" and name not in SUPPORT_LOCATIONS:
                problems.append(f"manifest.json {key}: unknown Support location")
            url = options if isinstance(options, str) else options.get("url") if isinstance(options, dict) else None
            if not isinstance(url, str) or not url:
                problems.append(f"manifest.json {key}.url: missing")
            elif "{{setting." in url:
                pass
            elif re.match(r"^[a-z][a-z0-9+.-]*://", url, re.IGNORECASE):
                if not (url.startswith("https://") or re.match(r"^http://localhost[:/]", url)):
                    problems.append(f"manifest.json {key}.url: absolute URLs must use https")
            elif not url.startswith("assets/"):
                problems.append(f"manifest.json {key}.url: {url!r} must start with assets/")
            elif url.split("?")[0].split("#")[0] not in files:
                problems.append(f"manifest.json {key}.url: {url!r} does not exist in the app")
            if isinstance(options, dict) and "flexible" in options and not isinstance(options["flexible"], bool):
                problems.append(f"manifest.json {key}.flexible: must be true or false")


def _check_parameters(manifest: dict, problems: list[str]) -> list[str]:
    """Checks ``parameters``; returns the parameter names (for the translations check)."""
    parameters = manifest.get("parameters", [])
    if not isinstance(parameters, list):
        problems.append("manifest.json parameters: must be a list")
        return []
    names: list[str] = []
    oauth = 0
    for position, parameter in enumerate(parameters):
        if not isinstance(parameter, dict) or not isinstance(parameter.get("name"), str) or not parameter["name"]:
            problems.append(f"manifest.json parameters[{position}]: must be an object with a name")
            continue
        name = parameter["name"]
        key = f"manifest.json parameters.{name}"
        if name in names:
            problems.append(f"{key}: duplicate parameter name")
        names.append(name)
        if name == "name":
            problems.append(f"{key}: a parameter cannot be called 'name'")
        kind = parameter.get("type", "text")
        if kind not in PARAMETER_TYPES:
            problems.append(f"{key}.type: {kind!r} is not one of {', '.join(PARAMETER_TYPES)}")
        for flag in ("required", "secure"):
            if flag in parameter and not isinstance(parameter[flag], bool):
                problems.append(f"{key}.{flag}: must be true or false")
        secure = parameter.get("secure") is True
        if kind == "hidden" and parameter.get("required") is True:
            problems.append(f"{key}: a hidden parameter cannot be required")
        if kind == "oauth":
            oauth += 1
            if secure:
                problems.append(f"{key}: an oauth parameter cannot be secure")
        if SECRET_NAME.search(name) and kind in ("text", "password") and not secure:
            problems.append(f"{key}: looks like a secret, so it must be \"secure\": true (the proxy then inserts it server-side)")
        if secure and "default" in parameter:
            problems.append(f"{key}.default: a secure parameter must not have a default")
        if secure:
            scopes = parameter.get("scopes")
            if not (isinstance(scopes, list) and scopes and all(isinstance(s, str) and s for s in scopes)):
                problems.append(f"{key}.scopes: a secure parameter needs scopes, e.g. [\"header\"]")
    if oauth > 1:
        problems.append("manifest.json parameters: at most one oauth parameter")
    return names


def _check_manifest(manifest: Any, files: list[str], problems: list[str]) -> tuple[str | None, list[str]]:
    if not isinstance(manifest, dict):
        problems.append("manifest.json: must be a JSON object")
        return None, []
    for key in REQUIRED_MANIFEST_KEYS:
        if key not in manifest:
            problems.append(f"manifest.json {key}: missing")
    author = manifest.get("author")
    if author is not None:
        if not isinstance(author, dict):
            problems.append("manifest.json author: must be an object with name, email and url")
        else:
            for field in ("name", "email"):
                if not isinstance(author.get(field), str) or not author[field].strip():
                    problems.append(f"manifest.json author.{field}: missing")
            if "url" in author and not _is_url(author["url"]):
                problems.append("manifest.json author.url: must be an http(s) URL")
    for key in ("name", "version"):
        if key in manifest and not isinstance(manifest[key], str):
            problems.append(f"manifest.json {key}: must be a string")
    if "private" in manifest and not isinstance(manifest["private"], bool):
        problems.append("manifest.json private: must be true or false")
    version = manifest.get("frameworkVersion")
    if version is not None and version != FRAMEWORK_VERSION:
        problems.append(f"manifest.json frameworkVersion: {version!r}, must be {FRAMEWORK_VERSION!r}")
    locale = manifest.get("defaultLocale")
    if locale is not None and not (isinstance(locale, str) and VALID_LOCALE.match(locale)):
        problems.append(f"manifest.json defaultLocale: {locale!r} is not a locale like 'en' or 'pt-br'")
        locale = None
    whitelist = manifest.get("domainWhitelist")
    if whitelist is not None and not (isinstance(whitelist, list) and all(isinstance(d, str) for d in whitelist)):
        problems.append("manifest.json domainWhitelist: must be a list of domain names")
    _check_location(manifest, files, problems)
    names = _check_parameters(manifest, problems)
    return locale, names


def _check_translations(app_dir: Path, files: list[str], manifest: dict, locale: str | None,
                        parameters: list[str], problems: list[str]) -> None:
    known = len(problems)
    for rel in files:
        match = re.fullmatch(r"translations/([^/]+)\.json", rel)
        if match and not VALID_LOCALE.match(match.group(1)):
            problems.append(f"{rel}: {match.group(1)!r} is not a locale name like 'en' or 'pt-br'")
    if locale is None:
        return
    rel = f"translations/{locale}.json"
    if rel not in files:
        problems.append(f"{rel}: missing (translations for the defaultLocale {locale!r})")
        return
    translations = _load_json(app_dir / rel, rel, problems)
    if translations is None:
        return
    app = translations.get("app") if isinstance(translations, dict) else None
    if not isinstance(app, dict):
        problems.append(f"{rel} app: missing")
        return
    if manifest.get("private", True) is not False and not (isinstance(app.get("name"), str) and app["name"].strip()):
        problems.append(f"{rel} app.name: missing (required for a private app)")
    labels = app.get("parameters") if isinstance(app.get("parameters"), dict) else {}
    for name in parameters:
        entry = labels.get(name)
        if not (isinstance(entry, dict) and isinstance(entry.get("label"), str) and entry["label"].strip()):
            problems.append(f"{rel} app.parameters.{name}.label: missing")
    for other in files:
        if re.fullmatch(r"translations/[^/]+\.json", other) and other != rel:
            _load_json(app_dir / other, other, problems)
    # The page's copy of the strings is compared only when every translation parses.
    if I18N_JS in files and len(problems) == known:
        try:
            current = (app_dir / I18N_JS).read_text(encoding="utf-8")
        except UnicodeDecodeError:
            current = None
        if current != render_i18n_js(app_dir):
            problems.append(f"{I18N_JS}: out of date with translations/ (run python3 -m sidebar.i18n)")


def validate(app_dir: Path) -> list[str]:
    """Problems that would make Zendesk refuse (or mis-install) the app; [] when fine."""
    app_dir = Path(app_dir)
    if not app_dir.is_dir():
        return [f"{app_dir}: not a folder"]
    problems: list[str] = []
    files = package_files(app_dir)
    _check_files(app_dir, files, problems)
    check_references(app_dir, files, problems)
    if "manifest.json" in files:
        manifest = _load_json(app_dir / "manifest.json", "manifest.json", problems)
        if manifest is not None:
            locale, parameters = _check_manifest(manifest, files, problems)
            if isinstance(manifest, dict):
                _check_translations(app_dir, files, manifest, locale, parameters, problems)
    return problems
