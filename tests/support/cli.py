"""The one way tests run `esc`: in-process through the console script's entry point.

`escalation_desk.cli.main` is what the installed `esc` calls, so errors, exit codes and
both streams look exactly as a user sees them. The environment is isolated for the
call (unless ``isolated=False``): a CI runner's own GitHub variables never leak in, `CI=true`
makes progress quiet and deterministic everywhere; `env` adds (or, with None, removes) variables.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from click.testing import CliRunner

from escalation_desk import cli

ISOLATED = {"CI": "true", "GITHUB_TOKEN": None, "GITHUB_REPOSITORY": None, "GITHUB_API_URL": None,
            "GITHUB_ACTIONS": None, "GITHUB_STEP_SUMMARY": None}


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err

    @property
    def err_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]

    def json(self) -> dict:
        return json.loads(self.out)

    def __iter__(self) -> Iterator:   # `code, out, err = esc(...)`
        return iter((self.code, self.out, self.err))

    def __getitem__(self, index: int):
        return (self.code, self.out, self.err)[index]


def esc(*args: str | Path, env: dict[str, str | None] | None = None, isolated: bool = True) -> Run:
    """Run `esc ARGS`; the exit code as the shell would see it.

    ``isolated=False`` keeps the test's own environment (e.g. the sandbox's variables a
    fixture set) instead of clearing the GitHub ones first.
    """
    runner = CliRunner()
    with runner.isolation(env={**(ISOLATED if isolated else {}), **(env or {})}) as (out, err, _):
        try:
            cli.main([str(a) for a in args])
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        return Run(code, out.getvalue().decode("utf-8", "replace"), err.getvalue().decode("utf-8", "replace"))
