"""Static checks on the page itself: strings come from translations, data never goes
through innerHTML, no third-party code besides the ZAF SDK, and a small footprint."""

from __future__ import annotations

import json
import re

from escalation_desk.sidebar.i18n import render_i18n_js
from sidebar_support import APP_DIR, SDK_URL

ASSETS = APP_DIR / "assets"
MODULES = sorted(p for p in ASSETS.glob("*.js") if p.name != "i18n.js")


def script() -> str:
    """Every module of the page (the generated strings left out)."""
    return "\n".join(p.read_text(encoding="utf-8") for p in MODULES)


def lookup(table: dict, key: str) -> object:
    node: object = table
    for part in key.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def test_every_string_the_page_asks_for_is_translated():
    source = script()
    translations = json.loads((APP_DIR / "translations" / "en.json").read_text(encoding="utf-8"))
    keys = {k for k in re.findall(r"'(ui\.[\w.-]+)'", source) if not k.endswith(".")}
    keys |= {f"ui.severity.SEV-{n}" for n in range(1, 5)}  # built as 'ui.severity.' + severity
    assert len(keys) > 40
    missing = sorted(k for k in keys if not isinstance(lookup(translations, k), str))
    assert missing == []


def code_of(source: str) -> str:
    """The script without its comments."""
    return re.sub(r"/\*.*?\*/|^\s*//[^\n]*", "", source, flags=re.DOTALL | re.MULTILINE)


def test_no_english_sentences_are_hard_coded_in_the_script():
    code = code_of(script())
    literals = re.findall(r"'((?:[^'\\\n]|\\.)*)'", code)
    sentences = [s for s in literals if re.search(r"\b[A-Z][a-z]+ [a-z]+", s)]
    assert sentences == []


def test_data_never_reaches_the_page_as_html():
    source = code_of(script())
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in source


def test_the_only_outside_script_is_the_zaf_sdk():
    html = (ASSETS / "iframe.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert scripts == [SDK_URL, "app.js"]
    assert '<script type="module" src="app.js">' in html
    assert re.findall(r'<link[^>]*href="([^"]+)"', html) == ["app.css"]
    assert "<script>" not in html and "style=" not in html


def test_the_page_weighs_under_80_kb():
    total = sum(p.stat().st_size for p in ASSETS.iterdir() if p.suffix in (".html", ".js", ".css"))
    assert total < 80 * 1024, f"{total} bytes"


def test_i18n_js_is_generated_from_the_translations():
    assert (ASSETS / "i18n.js").read_text(encoding="utf-8") == render_i18n_js(APP_DIR)


def test_modules_import_only_each_other_by_relative_address():
    for module in MODULES + [ASSETS / "i18n.js"]:
        code = code_of(module.read_text(encoding="utf-8"))
        for target in re.findall(r"^\s*import\b[^'\n]*'([^']+)'", code, flags=re.MULTILINE):
            assert target.startswith("./") and (ASSETS / target[2:]).is_file(), (module.name, target)
        assert "require(" not in code and "import(" not in code


def test_each_module_stays_small():
    for module in MODULES:
        lines = module.read_text(encoding="utf-8").count("\n")
        assert lines <= 200, f"{module.name}: {lines} lines"
