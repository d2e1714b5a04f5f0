"""Run a GitHub Actions workflow file's own steps locally, the way a hosted runner would.

    origin = make_origin(tmp_path / "origin.git", seed_dir)      # a local bare repository
    run = run_workflow(".github/workflows/sync.yml", origin, tmp_path / "runner",
                       secrets={"ZENDESK_URL": ..., "GITHUB_TOKEN": ...}, env=sandbox_runner_env)
    assert run.ok, run.log

What it models (https://docs.github.com/en/actions/reference/workflow-syntax-for-github-actions,
…/variables#default-environment-variables, …/workflow-commands-for-github-actions):

- jobs run in file order (``needs:`` respected by that order; ``job=`` picks one), a job's
  ``if:`` and each step's ``if:`` with the status functions; ``continue-on-error``;
- ``actions/checkout``: a clone of the origin (``fetch-depth`` 1 = shallow, 0 = full; ``ref``;
  for a pull_request event the PR's head), with push credentials unless
  ``persist-credentials: false`` (then a push fails, as it would without a token);
- ``actions/setup-python``: the test's own Python environment (its bin/ first on PATH);
- any other ``uses:`` raises, so a workflow using an action this runner does not know fails loudly;
- ``run:`` steps in bash (``bash -e {0}`` by default, ``bash --noprofile --norc -eo pipefail {0}``
  for ``shell: bash``), in ``working-directory``, with workflow/job/step ``env:`` merged;
- the runner's variables (GITHUB_ACTIONS, CI, GITHUB_WORKSPACE, GITHUB_REPOSITORY,
  GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_SHA, GITHUB_REF, GITHUB_API_URL, RUNNER_TEMP, …);
- the GITHUB_ENV, GITHUB_OUTPUT (→ ``steps.<id>.outputs``), GITHUB_PATH and
  GITHUB_STEP_SUMMARY files, including the ``NAME<<DELIMITER`` form;
- ``secrets.*`` from a dict (a secret not given is the empty string, as on GitHub), ``vars.*``,
  ``github.*`` (event payload included), ``env.*``, ``steps.*``, ``runner.*``, ``job.*``;
- workflow commands in step output (``::error file=…,line=…::message``) parsed as annotations.

Not modelled: masking of secrets in logs (tests assert the product never prints them),
``permissions:`` (the token given is what the step gets), matrices, services, containers,
reusable workflows, caches, artifacts, timeouts beyond a subprocess timeout.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .expressions import as_text, condition, substitute

__all__ = ["Annotation", "JobRun", "StepRun", "WorkflowRun", "load_workflow", "make_origin", "run_workflow",
           "git"]

VENV_BIN = Path(sys.executable).parent
ANNOTATION = re.compile(r"^::(error|warning|notice)(?: ([^:]*))?::(.*)$")


def git(cwd: Path, *args: str, check: bool = True) -> str:
    done = subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, text=True, env=_git_env())
    if check and done.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


def _git_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.setdefault("GIT_AUTHOR_NAME", "Test Person")
    env.setdefault("GIT_AUTHOR_EMAIL", "test@example.com")
    env.setdefault("GIT_COMMITTER_NAME", "Test Person")
    env.setdefault("GIT_COMMITTER_EMAIL", "test@example.com")
    return env


def make_origin(bare: Path, content: Path | None = None, branch: str = "main") -> Path:
    """A bare repository at `bare`; when `content` (a folder) is given, its files become the
    first commit of `branch`."""
    bare.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", "--bare", "-b", branch, str(bare)], check=True, env=_git_env())
    if content is not None:
        work = bare.parent / (bare.name + ".seed")
        subprocess.run(["git", "clone", "-q", str(bare), str(work)], check=True, capture_output=True, env=_git_env())
        shutil.copytree(content, work, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".git"))
        git(work, "checkout", "-q", "-B", branch)
        git(work, "add", "-A")
        git(work, "commit", "-q", "-m", "start")
        git(work, "push", "-q", "origin", branch)
        shutil.rmtree(work)
    return bare


def load_workflow(path: Path | str) -> dict:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if True in data:   # YAML 1.1 reads the key `on` as the boolean true
        data["on"] = data.pop(True)
    return data


@dataclass
class Annotation:
    level: str
    message: str
    file: str | None = None
    line: int | None = None
    title: str | None = None


@dataclass
class StepRun:
    name: str
    id: str | None
    outcome: str                  # success | failure | skipped
    returncode: int | None = None
    stdout: str = ""
    stderr: str = ""
    outputs: dict[str, str] = field(default_factory=dict)
    summary: str = ""

    @property
    def annotations(self) -> list[Annotation]:
        found = []
        for line in (self.stdout + "\n" + self.stderr).splitlines():
            match = ANNOTATION.match(line.strip())
            if not match:
                continue
            props = dict(part.split("=", 1) for part in (match.group(2) or "").split(",") if "=" in part)
            found.append(Annotation(match.group(1), match.group(3), props.get("file"),
                                    int(props["line"]) if props.get("line", "").isdigit() else None, props.get("title")))
        return found


@dataclass
class JobRun:
    name: str
    steps: list[StepRun] = field(default_factory=list)
    workspace: Path | None = None
    outcome: str = "success"

    @property
    def summary(self) -> str:
        return "".join(s.summary for s in self.steps)


@dataclass
class WorkflowRun:
    jobs: dict[str, JobRun] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return all(job.outcome in ("success", "skipped") for job in self.jobs.values())

    @property
    def steps(self) -> list[StepRun]:
        return [step for job in self.jobs.values() for step in job.steps]

    @property
    def log(self) -> str:
        """Everything a person could read afterwards: every step's output and the summaries."""
        parts = []
        for job in self.jobs.values():
            for step in job.steps:
                parts.append(f"## {job.name} / {step.name} [{step.outcome}]\n{step.stdout}{step.stderr}")
            parts.append(job.summary)
        return "\n".join(parts)

    @property
    def annotations(self) -> list[Annotation]:
        return [a for step in self.steps for a in step.annotations]

    def step(self, name_part: str) -> StepRun:
        for step in self.steps:
            if name_part in step.name:
                return step
        raise KeyError(f"no step named like {name_part!r}: {[s.name for s in self.steps]}")


# --------------------------------------------------------------------------- files the runner reads

def read_command_file(path: Path) -> dict[str, str]:
    """GITHUB_ENV / GITHUB_OUTPUT: ``NAME=value`` lines and ``NAME<<DELIMITER`` blocks."""
    values: dict[str, str] = {}
    if not path.exists():
        return values
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            block = []
            i += 1
            while i < len(lines) and lines[i] != delimiter:
                block.append(lines[i])
                i += 1
            if i >= len(lines):
                raise ValueError(f"{path.name}: no closing {delimiter!r} for {name!r}")
            values[name] = "\n".join(block)
        elif "=" in line:
            name, value = line.split("=", 1)
            values[name] = value
        elif line.strip():
            raise ValueError(f"{path.name}: cannot read {line!r}")
        i += 1
    return values


# --------------------------------------------------------------------------- the runner

class _Job:
    def __init__(self, runner: "_Runner", job_id: str, spec: dict) -> None:
        self.runner = runner
        self.job_id = job_id
        self.spec = spec
        self.root = runner.root / job_id
        self.workspace = self.root / "workspace"
        self.temp = self.root / "temp"
        self.workspace.mkdir(parents=True)
        self.temp.mkdir()
        (self.root / "home").mkdir()
        self.env: dict[str, str] = {}       # from GITHUB_ENV
        self.path_prefix: list[str] = []    # from GITHUB_PATH
        self.steps_context: dict[str, Any] = {}
        self.status = "success"
        self.result = JobRun(spec.get("name", job_id), workspace=self.workspace)

    def contexts(self, env: dict[str, str]) -> dict[str, Any]:
        r = self.runner
        return {"github": {**r.github, "job": self.job_id, "workspace": str(self.workspace)},
                "secrets": r.secrets, "vars": r.variables, "env": env, "steps": self.steps_context,
                "runner": {"os": "Linux", "arch": "X64", "temp": str(self.temp), "name": "local"},
                "job": {"status": self.status}, "inputs": r.github["event"].get("inputs") or {},
                "needs": r.needs}

    def base_env(self) -> dict[str, str]:
        r = self.runner
        env = dict(r.machine_env)
        path = os.pathsep.join(self.path_prefix + [env.get("PATH", os.environ.get("PATH", ""))])
        env.update(r.default_variables(self))
        env["PATH"] = path
        return env

    def merged_env(self, step: dict) -> dict[str, str]:
        env = self.base_env()
        for layer in (self.runner.workflow.get("env"), self.spec.get("env")):
            for key, value in (layer or {}).items():
                env[key] = as_text(substitute(value, self.contexts(env), self.status))
        env.update(self.env)
        for key, value in (step.get("env") or {}).items():
            env[key] = as_text(substitute(value, self.contexts(env), self.status))
        return env

    def run(self) -> JobRun:
        for index, step in enumerate(self.spec.get("steps", [])):
            self.result.steps.append(self.run_step(index, step))
        self.result.outcome = self.status
        return self.result

    def run_step(self, index: int, step: dict) -> StepRun:
        name = step.get("name") or step.get("uses") or (step.get("run", "").splitlines() or [f"step {index}"])[0]
        env = self.merged_env(step)
        record = StepRun(str(name), step.get("id"), "skipped")
        if not condition(step.get("if"), self.contexts(env), self.status):
            self._remember(record)
            return record
        files = {n: self.temp / f"{n.lower()}_{index}" for n in ("GITHUB_ENV", "GITHUB_OUTPUT", "GITHUB_PATH",
                                                               "GITHUB_STEP_SUMMARY")}
        for key, path in files.items():
            path.write_text("")
            env[key] = str(path)
        if "uses" in step:
            code, out, err = self.runner.action(self, step, env)
        else:
            code, out, err = self.shell(step, env)
        record.returncode, record.stdout, record.stderr = code, out, err
        record.outcome = "success" if code == 0 else "failure"
        self.env.update(read_command_file(files["GITHUB_ENV"]))
        record.outputs = read_command_file(files["GITHUB_OUTPUT"])
        self.path_prefix = [line for line in files["GITHUB_PATH"].read_text().splitlines() if line] + self.path_prefix
        record.summary = files["GITHUB_STEP_SUMMARY"].read_text(encoding="utf-8")
        if code != 0 and not step.get("continue-on-error"):
            self.status = "failure"
        self._remember(record)
        return record

    def _remember(self, record: StepRun) -> None:
        if record.id:
            self.steps_context[record.id] = {"outputs": record.outputs, "outcome": record.outcome,
                                             "conclusion": record.outcome}

    def shell(self, step: dict, env: dict[str, str]) -> tuple[int, str, str]:
        script = substitute(step["run"], self.contexts(env), self.status)
        shell = step.get("shell") or (self.spec.get("defaults") or {}).get("run", {}).get("shell")
        script_path = self.temp / f"{uuid.uuid4().hex}.sh"
        script_path.write_text(as_text(script), encoding="utf-8")
        if shell in (None, ""):
            command = ["bash", "-e", str(script_path)]
        elif shell == "bash":
            command = ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script_path)]
        elif shell == "sh":
            command = ["sh", "-e", str(script_path)]
        elif shell == "python":
            command = ["python", str(script_path)]
        else:
            raise NotImplementedError(f"shell {shell!r} is not supported by the local runner")
        directory = self.workspace / (step.get("working-directory") or "")
        if shutil.which(command[0], path=env["PATH"]):
            command[0] = shutil.which(command[0], path=env["PATH"]) or command[0]
        done = subprocess.run(command, cwd=directory, env=env, capture_output=True, text=True,
                              timeout=self.runner.timeout)
        return done.returncode, done.stdout, done.stderr


class _Runner:
    def __init__(self, workflow: dict, origin: Path, root: Path, *, event_name: str, event: dict,
                 secrets: dict[str, str], variables: dict[str, str], machine_env: dict[str, str],
                 repository: str, ref: str | None, api_url: str, timeout: float) -> None:
        self.workflow = workflow
        self.origin = origin
        self.root = root
        self.secrets = _Missing(secrets)
        self.variables = _Missing(variables)
        self.machine_env = machine_env
        self.timeout = timeout
        self.needs: dict[str, Any] = {}
        root.mkdir(parents=True, exist_ok=True)
        default = git(origin, "symbolic-ref", "--short", "HEAD").strip()
        pull = event.get("pull_request") or {}
        head_ref = (pull.get("head") or {}).get("ref", "")
        ref = ref or (f"refs/pull/{pull.get('number', 1)}/merge" if event_name.startswith("pull_request")
                      else f"refs/heads/{default}")
        checkout_ref = head_ref or (ref.removeprefix("refs/heads/") if ref.startswith("refs/heads/") else default)
        sha = git(origin, "rev-parse", checkout_ref).strip() if checkout_ref else ""
        self.checkout_ref = checkout_ref
        self.event_path = root / "event.json"
        self.event_path.write_text(json.dumps(event), encoding="utf-8")
        owner = repository.split("/")[0]
        self.github = {
            "event_name": event_name, "event": event, "ref": ref, "sha": sha, "repository": repository,
            "repository_owner": owner, "actor": owner, "triggering_actor": owner, "run_id": "1",
            "run_number": "1", "run_attempt": "1", "server_url": "https://github.com", "api_url": api_url,
            "graphql_url": api_url.rstrip("/") + "/graphql", "head_ref": head_ref,
            "base_ref": (pull.get("base") or {}).get("ref", ""), "ref_name": ref.split("/")[-1],
            "ref_type": "branch", "workflow": workflow.get("name", ""), "token": secrets.get("GITHUB_TOKEN", ""),
            "retention_days": "90", "action": "", "event_path": str(self.event_path),
        }

    def default_variables(self, job: _Job) -> dict[str, str]:
        g = self.github
        return {
            "CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(job.workspace),
            "GITHUB_REPOSITORY": g["repository"], "GITHUB_REPOSITORY_OWNER": g["repository_owner"],
            "GITHUB_EVENT_NAME": g["event_name"], "GITHUB_EVENT_PATH": str(self.event_path),
            "GITHUB_SHA": g["sha"], "GITHUB_REF": g["ref"], "GITHUB_REF_NAME": g["ref_name"],
            "GITHUB_REF_TYPE": "branch", "GITHUB_HEAD_REF": g["head_ref"], "GITHUB_BASE_REF": g["base_ref"],
            "GITHUB_API_URL": g["api_url"], "GITHUB_SERVER_URL": g["server_url"],
            "GITHUB_GRAPHQL_URL": g["graphql_url"], "GITHUB_RUN_ID": "1", "GITHUB_RUN_NUMBER": "1",
            "GITHUB_RUN_ATTEMPT": "1", "GITHUB_ACTOR": g["actor"], "GITHUB_TRIGGERING_ACTOR": g["actor"],
            "GITHUB_WORKFLOW": g["workflow"], "GITHUB_JOB": job.job_id, "RUNNER_OS": "Linux",
            "RUNNER_ARCH": "X64", "RUNNER_TEMP": str(job.temp), "RUNNER_NAME": "local",
            "HOME": str(job.root / "home"),
        }

    # ----------------------------------------------------------------------- actions

    def action(self, job: _Job, step: dict, env: dict[str, str]) -> tuple[int, str, str]:
        uses = step["uses"].split("@")[0]
        inputs = {k: substitute(v, job.contexts(env), job.status) for k, v in (step.get("with") or {}).items()}
        if uses == "actions/checkout":
            return self.checkout(job, inputs)
        if uses == "actions/setup-python":
            job.path_prefix.insert(0, str(VENV_BIN))
            job.env["pythonLocation"] = str(VENV_BIN.parent)
            return 0, f"Using the test's Python environment {VENV_BIN.parent}\n", ""
        raise NotImplementedError(f"the local runner does not know the action {step['uses']!r}")

    def checkout(self, job: _Job, inputs: dict[str, Any]) -> tuple[int, str, str]:
        depth = int(inputs.get("fetch-depth", 1) or 0)
        ref = str(inputs.get("ref") or self.checkout_ref)
        target = job.workspace / str(inputs.get("path") or "")
        command = ["git", "clone", "-q", "--no-checkout"]
        if depth > 0:
            command += ["--depth", str(depth), "--no-single-branch"]
        command += [f"file://{self.origin}", str(target)]
        done = subprocess.run(command, capture_output=True, text=True, env=_git_env())
        if done.returncode != 0:
            return done.returncode, done.stdout, done.stderr
        remote_ref = f"origin/{ref}" if git(target, "rev-parse", "--verify", "-q", f"origin/{ref}",
                                            check=False).strip() else ref
        if remote_ref.startswith("origin/"):
            git(target, "checkout", "-q", "-B", ref, remote_ref)
        else:
            git(target, "checkout", "-q", "--detach", ref)
        if str(inputs.get("persist-credentials", True)).lower() == "false":
            # without the token in the git config, a push is refused
            git(target, "config", "remote.origin.pushurl", str(self.root / "no-credentials-to-push-with"))
        return 0, f"checked out {ref} ({'full history' if depth == 0 else f'depth {depth}'})\n", ""


class _Missing(dict):
    """secrets.X / vars.X for a name not given: empty, as on GitHub."""

    def get(self, key: Any, default: Any = "") -> Any:
        return super().get(key, default if default is not None else "")


def run_workflow(path: Path | str, origin: Path, root: Path, *, event_name: str | None = None,
                 event: dict | None = None, secrets: dict[str, str] | None = None,
                 variables: dict[str, str] | None = None, env: dict[str, str] | None = None,
                 repository: str = "acme/escalations", ref: str | None = None, job: str | None = None,
                 api_url: str = "https://api.github.com", timeout: float = 300) -> WorkflowRun:
    """Run the workflow at `path` once. `env` is the runner machine's own environment (PATH,
    REQUESTS_CA_BUNDLE, …; default: this process's PATH only). `event_name` defaults to the
    first trigger in ``on:``; `event` is the webhook payload (``github.event``)."""
    workflow = load_workflow(path)
    triggers = workflow.get("on")
    if event_name is None:
        event_name = triggers if isinstance(triggers, str) else next(iter(triggers))
    machine = {"PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8"}
    machine.update(env or {})
    runner = _Runner(workflow, origin.resolve(), root, event_name=event_name, event=event or {},
                     secrets=dict(secrets or {}), variables=dict(variables or {}), machine_env=machine,
                     repository=repository, ref=ref, api_url=api_url, timeout=timeout)
    result = WorkflowRun()
    for job_id, spec in workflow["jobs"].items():
        if job is not None and job_id != job:
            continue
        if "uses" in spec or "strategy" in spec or "container" in spec or "services" in spec:
            raise NotImplementedError(f"job {job_id}: reusable workflows, matrices, containers and services "
                                      "are not supported by the local runner")
        running = _Job(runner, job_id, spec)
        if not condition(spec.get("if"), running.contexts(running.base_env()), "success"):
            result.jobs[job_id] = JobRun(spec.get("name", job_id), outcome="skipped")
            continue
        result.jobs[job_id] = running.run()
        runner.needs[job_id] = {"result": result.jobs[job_id].outcome, "outputs": {}}
    return result
