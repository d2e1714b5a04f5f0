"""`esc init`: a documents repository ready for the workflows, idempotent, never
overwriting what a person changed."""

from __future__ import annotations

import subprocess
import tomllib
from datetime import timedelta
from pathlib import Path

import pytest

from support.cli import esc
from escalation_desk.config import Config, load_config
from escalation_desk.bootstrap.init import GITATTRIBUTES, csm_section, workflow_templates
from escalation_desk.bootstrap.config_file import default_config_toml, duration_text

FILES = (".github/workflows/check.yml", ".github/workflows/overdue.yml", ".github/workflows/refresh-prs.yml",
         ".github/workflows/sync.yml",
         ".gitattributes", "README.md", "escalations.toml", "escalations/.gitkeep")


def outcomes(stdout: str) -> dict[str, str]:
    found = {}
    for line in stdout.splitlines():
        parts = line.rsplit("  ", 1)
        if len(parts) == 2 and not line.startswith(" "):
            found[parts[1].strip()] = parts[0].strip()
    return found


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".git/" not in str(p.relative_to(root)) + "/" and not str(p.relative_to(root)).startswith(".git/")}


def test_init_creates_a_ready_repository(tmp_path):
    root = tmp_path / "acme-escalations"
    code, out, err = esc("init", str(root))
    assert code == 0, err
    found = outcomes(out)
    assert found[".git"] == "initialized"
    assert all(found[f] == "created" for f in FILES), found
    assert (root / ".git").is_dir()
    for name, text in workflow_templates().items():
        assert (root / ".github/workflows" / name).read_text() == text
    assert (root / ".gitattributes").read_text() == GITATTRIBUTES
    readme = (root / "README.md").read_text()
    assert readme.startswith("# Customer escalations") and csm_section() in readme
    assert "pull request" in readme and "esc log ESC-48213 comm" in readme
    assert load_config(root / "escalations.toml").model_dump() == Config().model_dump()

    # The tools work in it straight away.
    assert esc("--repo", str(root), "check")[0] == 0
    assert "Nothing overdue across 0 escalation(s)" in esc("--repo", str(root), "overdue")[1]
    code, out, err = esc("--repo", str(root), "--now", "2026-11-23T14:00:00Z", "new", "--customer", "Acme Corp",
                         "--severity", "SEV-2", "--owner", "Dana Whitfield", "--title", "Sync stopped",
                         "--ticket", "48213")
    assert code == 0, err
    assert esc("--repo", str(root), "check")[0] == 0


def test_init_is_idempotent(tmp_path):
    assert esc("init", str(tmp_path))[0] == 0
    before = snapshot(tmp_path)
    code, out, _ = esc("init", str(tmp_path))
    assert code == 0
    found = outcomes(out)
    assert ".git" not in found
    assert all(found[f] == "unchanged" for f in FILES if f != "escalations/.gitkeep"), found
    assert snapshot(tmp_path) == before


def test_files_people_changed_are_kept(tmp_path):
    esc("init", str(tmp_path))
    config = tmp_path / "escalations.toml"
    mine = config.read_text().replace('timezone = "America/New_York"', 'timezone = "Europe/Berlin"')
    config.write_text(mine)
    workflow = tmp_path / ".github/workflows/sync.yml"
    workflow.write_text(workflow.read_text().replace('"7,37 * * * *"', '"0 * * * *"'))
    (tmp_path / ".github/workflows/check.yml").unlink()

    code, out, _ = esc("init", str(tmp_path))
    found = outcomes(out)
    assert code == 0
    assert found["escalations.toml"] == "kept" and found[".github/workflows/sync.yml"] == "kept"
    assert found[".github/workflows/check.yml"] == "created"
    assert "2 file(s) kept as they are" in out
    assert config.read_text() == mine
    assert '"0 * * * *"' in workflow.read_text()


def test_an_existing_readme_gets_the_csm_section_once(tmp_path):
    (tmp_path / "README.md").write_text("# Acme escalations\n\nOur own words.\n")
    (tmp_path / "escalations").mkdir()
    (tmp_path / "escalations" / "ESC-1-x.md").write_text("people's document\n")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)

    found = outcomes(esc("init", str(tmp_path))[1])
    assert found["README.md"] == "appended CSM section to"
    assert found["escalations/"] == "unchanged" and not (tmp_path / "escalations/.gitkeep").exists()
    assert ".git" not in found
    text = (tmp_path / "README.md").read_text()
    assert text.startswith("# Acme escalations\n\nOur own words.\n\n<!-- escalation-desk:csm-guide -->")
    assert outcomes(esc("init", str(tmp_path))[1])["README.md"] == "unchanged"
    assert (tmp_path / "README.md").read_text() == text


def test_gitattributes_make_documents_lf_in_git(tmp_path):
    esc("init", str(tmp_path))
    attributes = subprocess.run(["git", "-C", str(tmp_path), "check-attr", "eol", "linguist-generated", "--",
                                 "escalations/ESC-1-x.md", "escalations/index.json"],
                                capture_output=True, text=True, check=True).stdout
    assert "escalations/ESC-1-x.md: eol: lf" in attributes
    assert "escalations/index.json: linguist-generated: true" in attributes


def test_init_on_a_file_is_one_line(tmp_path):
    target = tmp_path / "file.txt"
    target.write_text("x")
    code, _, err = esc("init", str(target))
    assert code == 2 and err.count("\n") == 1 and "is a file" in err


def test_the_config_file_is_generated_from_the_model_so_it_never_drifts():
    text = default_config_toml()
    assert Config.model_validate(tomllib.loads(text)).model_dump() == Config().model_dump()
    for table in ("[severities.SEV-1]", "[business_hours]", "[roles.same_as]", "[[recovery]]", "[[impact_rules]]",
                  "[triggers.keywords]", "[lints]", "[zendesk]", "[salesforce]", "[github]", "[sync]"):
        assert table in text
    assert "# [[people]]" in text and '# subdivision = "CA"' in text
    assert 'overdue_label = "overdue-update"' in text
    # Any configuration round-trips, not only the defaults (the writer is generic).
    custom = Config.model_validate({"business_hours": {"timezone": "Asia/Tokyo", "holidays": "JP",
                                                       "extra_holidays": ["2026-12-31"]},
                                    "severities": {"SEV-2": {"ack": "30m", "update_every": "2h"}},
                                    "people": [{"name": "Dana Whitfield", "role": "Senior CSM", "github": "dw"}]})
    again = Config.model_validate(tomllib.loads(default_config_toml(custom)))
    assert again.model_dump(exclude={"people"}) == custom.model_dump(exclude={"people"})


@pytest.mark.parametrize("delta,text", [
    (timedelta(minutes=15), "15m"), (timedelta(hours=4), "4h"), (timedelta(days=1), "1d"),
    (timedelta(days=3, hours=12), "3.5d"), (timedelta(days=182), "182d"), (timedelta(0), "0m"),
    (timedelta(minutes=90), "1.5h"), (timedelta(seconds=30), "30s"), (timedelta(seconds=120), "2m"),
])
def test_durations_are_written_the_way_people_write_them(delta, text):
    assert duration_text(delta) == text


@pytest.mark.parametrize("made", [True, False], ids=["existing-folder", "new-folder"])
def test_init_inside_another_repository_refuses_and_writes_nothing(tmp_path, made):
    """Review F27: workflows in a subfolder never run on GitHub (only the root's
    .github/workflows do), and the merge driver went into the outer repository's config."""
    outer = tmp_path / "monorepo"
    subprocess.run(["git", "init", "-q", str(outer)], check=True)
    before = (outer / ".git" / "config").read_bytes()
    target = outer / "cs" / "escalations-desk"
    if made:
        target.mkdir(parents=True)
    code, out, err = esc("init", str(target))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert f"is inside the git repository {outer.resolve()}" in err and f"esc init {outer.resolve()}" in err
    assert target.exists() == made and not any(target.rglob("*")) if made else not target.exists()
    assert (outer / ".git" / "config").read_bytes() == before         # no merge driver registered there
    code, out, _ = esc("init", str(outer))                             # its root is the place
    assert code == 0 and (outer / ".github" / "workflows" / "check.yml").exists()
