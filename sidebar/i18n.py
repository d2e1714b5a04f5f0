"""Generate ``assets/i18n.js`` from ``translations/*.json``.

Zendesk serves only ``assets/`` to the app's iframe, so the page cannot read
``translations/`` at run time. The ``ui`` section of every translation file is
therefore copied into ``assets/i18n.js``, an ES module (``export default {locale: strings}``);
``translations/`` stays the single source, and :func:`escalation_desk.sidebar.validate.validate`
reports a stale copy.

Run ``python3 -m sidebar.i18n`` after editing a translation.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from escalation_desk.sidebar import APP_DIR

I18N_JS = "assets/i18n.js"
HEADER = "/* Generated from translations/*.json by `python3 -m sidebar.i18n`: do not edit. */\n"


def render_i18n_js(app_dir: Path = APP_DIR) -> str:
    """The expected content of ``assets/i18n.js`` for the translations in *app_dir*."""
    table = {}
    for path in sorted((app_dir / "translations").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        ui = data.get("ui") if isinstance(data, dict) else None
        if isinstance(ui, dict):
            table[path.stem] = {"ui": ui}
    body = json.dumps(table, ensure_ascii=True, sort_keys=True, indent=1)
    return f"{HEADER}export default {body};\n"


def write_i18n_js(app_dir: Path = APP_DIR) -> Path:
    target = app_dir / I18N_JS
    target.write_text(render_i18n_js(app_dir), encoding="utf-8", newline="\n")
    return target


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    app_dir = Path(args[0]) if args else APP_DIR
    print(write_i18n_js(app_dir))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
