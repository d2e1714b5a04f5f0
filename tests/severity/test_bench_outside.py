"""`bench/bench_severity.py --corpus DIR` scores an outside batch of tickets and prints only
counts and confusion matrices (for the product, the rules and the text model), never a ticket."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_severity.py"

TICKETS = [
    {"id": "zz-secret-1", "expected": "SEV-1", "priority": "low", "title": "",
     "subject": "Quillfeather portal refuses every sign-in", "body": "Since 8am nobody at our company can sign in.",
     "why": "outage for everyone"},
    {"id": "zz-secret-2", "expected": "SEV-4", "priority": "urgent", "title": "",
     "subject": "Marigold banner", "body": "THE MARIGOLD BANNER IS THE WRONG SHADE. UNACCEPTABLE!!!", "why": "cosmetic"},
    {"id": "zz-secret-3", "expected": "SEV-3", "priority": "normal", "title": "",
     "subject": "Slow exports", "body": "The export takes 20 minutes instead of 2; we wait and it finishes.",
     "why": "slow, workaround"},
]


def bench(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(BENCH), *args], capture_output=True, text=True, timeout=120)


def test_an_outside_folder_gives_counts_for_product_rules_and_model_and_no_ticket(tmp_path: Path) -> None:
    (tmp_path / "batch.yaml").write_text(yaml.safe_dump(TICKETS), encoding="utf-8")
    run = bench("--corpus", str(tmp_path))
    assert run.returncode == 0, run.stderr
    for name in ("product (rules + text model)", "rules alone", "text model alone"):
        assert f"== {name}, {tmp_path.name}: 3 tickets, exact" in run.stdout
    assert run.stdout.count("expected \\ got") == 3 and "CPU per ticket" in run.stdout
    for secret in ("zz-secret", "Quillfeather", "Marigold", "20 minutes", "outage for everyone"):
        assert secret not in run.stdout + run.stderr


def test_a_folder_that_is_not_a_corpus_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(yaml.safe_dump([{"id": "zz-secret-9", "subject": "Quillfeather"}]),
                                       encoding="utf-8")
    run = bench("--corpus", str(tmp_path))
    assert run.returncode != 0 and "not a corpus folder" in run.stderr
    assert "Traceback" not in run.stderr and "zz-secret" not in run.stderr + run.stdout
    assert "no *.yaml tickets" in bench("--corpus", str(tmp_path / "empty")).stderr
