"""Golden files: every sample document in golden/ beside its expected findings.

`golden/<name>.md` is checked on its own (format + playbook lints) with the roster in
`golden/escalations.toml` at a fixed time; `golden/<name>.expected.json` lists the
findings as ``{"line", "level", "code"}``, sorted. To add a case, drop a document in
the folder and run ``ESC_UPDATE_GOLDEN=1 pytest tests/core/test_core_golden.py``,
then read the new .expected.json before committing it: it is the specification.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from support.core import GOLDEN_DIR, NOW
from escalation_desk.config import load_config
from escalation_desk.tracking.check_rules import check_document
from escalation_desk.tracking.parse import parse_document

DOCUMENTS = sorted(GOLDEN_DIR.glob("*.md"))
CONFIG = load_config(GOLDEN_DIR / "escalations.toml")
UPDATE = os.environ.get("ESC_UPDATE_GOLDEN") == "1"


def _findings(path: Path) -> list[dict]:
    doc = parse_document(f"escalations/{path.name}", path.read_bytes())
    found = [{"line": f.line, "level": f.level, "code": f.code} for f in check_document(doc, CONFIG, NOW)]
    return sorted(found, key=lambda f: (f["line"], f["level"], f["code"]))


def _expected_path(path: Path) -> Path:
    return path.with_name(path.name.removesuffix(".md") + ".expected.json")


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.stem for p in DOCUMENTS])
def test_golden(path: Path) -> None:
    expected_path = _expected_path(path)
    actual = _findings(path)
    if UPDATE:
        rows = ",\n".join("  " + json.dumps(finding) for finding in actual)
        expected_path.write_text(f"[\n{rows}\n]\n" if actual else "[]\n", encoding="utf-8")
    assert expected_path.exists(), f"no {expected_path.name}; run with ESC_UPDATE_GOLDEN=1 and review it"
    assert actual == json.loads(expected_path.read_text(encoding="utf-8"))


def test_every_expected_file_has_its_document() -> None:
    orphans = [p.name for p in GOLDEN_DIR.glob("*.expected.json")
               if not p.with_name(p.name.removesuffix(".expected.json") + ".md").exists()]
    assert orphans == []


def test_the_golden_set_covers_the_issue() -> None:
    """Every bad-input and lint case issue #2 names has a golden file that shows it."""
    codes = {f["code"] for p in GOLDEN_DIR.glob("*.expected.json") for f in json.loads(p.read_text(encoding="utf-8"))}
    assert codes >= {
        "no-front-matter", "unclosed-front-matter", "yaml-syntax", "unknown-key", "bad-value", "naive-time",
        "bad-time", "time-order", "missing-section", "section-order", "malformed-entry", "not-utf8", "empty", "unclosed-fence",
        "late-acknowledgement", "late-customer-update", "owner-level", "resolved-without-root-cause",
        "closed-without-recovery", "credit-first-response", "tier-below-triggers",
    }
    clean = [p.name for p in DOCUMENTS if json.loads(_expected_path(p).read_text(encoding="utf-8")) == []]
    assert {"ESC-48213-acme-corp-salesforce-sync-stopped.md", "ESC-50342-brightpath-learning-csv-export-formatting.md",
            "ESC-51877-northwind-logistics-production-outage.md"} <= set(clean)
