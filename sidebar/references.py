"""What the page loads must be in the upload: relative addresses that stay under ``assets/``.

Zendesk serves only ``assets/`` to the app's iframe, from its own CDN, so every script,
stylesheet and ES-module import the page names by a relative address must resolve to a
file of the app inside ``assets/``; an absolute address must use https. Each problem is
one line naming the file, the address and the fix.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

HTML_REFERENCE = re.compile(r"""<(?:script|link|img)\b[^>]*?\b(?:src|href)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
# Static imports and re-exports: `import x from './a.js'`, `import './a.js'`, `export {x} from './a.js'`.
JS_IMPORT = re.compile(
    r"""^\s*(?:import\s*|(?:import|export)\b[^;'"]*?\bfrom\s*)['"]([^'"]+)['"]""", re.MULTILINE
)
JS_COMMENT = re.compile(r"/\*.*?\*/|^\s*//[^\n]*", re.DOTALL | re.MULTILINE)


def _resolve(base: str, address: str) -> str | None:
    """*address* relative to the file *base* (both POSIX, app-relative); None if it climbs out."""
    parts: list[str] = list(PurePosixPath(base).parent.parts)
    for part in PurePosixPath(address.split("?")[0].split("#")[0]).parts:
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


def _check(rel: str, address: str, files: set[str], *, module: bool, problems: list[str]) -> None:
    if re.match(r"^[a-z][a-z0-9+.-]*:", address, re.IGNORECASE) or address.startswith("//"):
        if not address.startswith("https://"):
            problems.append(f"{rel}: {address!r} must use https")
        return
    if module and not address.startswith(("./", "../")):
        problems.append(f"{rel}: import {address!r} is not a relative address (write './{address}'; no build step resolves bare names)")
        return
    target = _resolve(rel, address)
    if target is None or not target.startswith("assets/"):
        problems.append(f"{rel}: {address!r} points outside assets/ (Zendesk serves only assets/ to the page)")
    elif target not in files:
        problems.append(f"{rel}: {address!r} does not exist in the app ({target})")


def check_references(app_dir: Path, files: list[str], problems: list[str]) -> None:
    """Appends a problem for every address in ``assets/`` pages and modules that would not load."""
    known = set(files)
    for rel in files:
        if not rel.startswith("assets/") or not rel.endswith((".html", ".js")):
            continue
        try:
            text = (app_dir / rel).read_text(encoding="utf-8")
        except UnicodeDecodeError:
            problems.append(f"{rel}: not UTF-8 text")
            continue
        if rel.endswith(".html"):
            for address in HTML_REFERENCE.findall(text):
                _check(rel, address, known, module=False, problems=problems)
        else:
            for address in JS_IMPORT.findall(JS_COMMENT.sub("", text)):
                _check(rel, address, known, module=True, problems=problems)
