"""What every command shares: the global options (repository, clock, configuration)."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import click



@dataclass
class Context:
    repo: Path
    now: datetime
    config_path: Path
    config_given: bool = False          # --config named it: then it must exist
    _config: "Config | None" = None

    @property
    def config(self) -> "Config":
        if self._config is None:
            from escalation_desk.config import load_config

            from .output import echo

            self._config = load_config(self.config_path, required=self.config_given)
            for note in self._config.deprecations:   # one line each, on stderr: output stays clean
                echo(f"esc: deprecated: {note}", err=True)
        return self._config

    @property
    def playbook(self) -> "Playbook":
        """The playbook's rules, for a command that needs nothing else (`esc check`): with no
        configuration file, the defaults as read-only records (playbook.default_playbook); with
        a simple one (business hours' zone and holidays, the roster), those records with its
        values (playbook.plain_config) — either way without loading pydantic; otherwise the
        configuration the models load (and their one-line message for a bad file)."""
        if self._config is None:
            if not self.config_path.exists():
                if not self.config_given:
                    from escalation_desk.playbook.default_playbook import PLAYBOOK

                    return PLAYBOOK  # type: ignore[return-value]
            else:
                from escalation_desk.playbook.plain_config import plain_playbook

                found = plain_playbook(self.config_path)
                if found is not None:
                    return found  # type: ignore[return-value]
        return self.config

    @property
    def docs_dir(self) -> Path:
        return self.repo / "escalations"


def parse_now(value: str | None) -> datetime:
    if not value:
        return datetime.now(timezone.utc).replace(microsecond=0)
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO 8601 time, e.g. 2026-11-26T12:00:00Z",
                                 param_hint="'--now'") from None
    if parsed.tzinfo is None:
        raise click.BadParameter(f"{value!r} has no time zone; add Z or an offset such as +01:00",
                                 param_hint="'--now'")
    # The documents' own range (tracking.model.YEARS), written out so start-up imports no model:
    # a --now outside it would write times the parser then refuses.
    try:
        parsed = parsed.astimezone(timezone.utc)
    except OverflowError:
        parsed = parsed.replace(tzinfo=None)
    if parsed.tzinfo is None or not 1970 <= parsed.year <= 2999:
        raise click.BadParameter(f"{value!r}: the year {parsed.year} is outside 1970–2999; a typo?",
                                 param_hint="'--now'")
    return parsed


def console():
    """A rich console on a safe stream (see :mod:`.output`): colours on a terminal only."""
    from .output import console as safe_console

    return safe_console(sys.stdout, plain=in_ci() or not sys.stdout.isatty())


def step_summary(markdown: str) -> None:
    """Append to the GitHub Actions job summary ($GITHUB_STEP_SUMMARY), when there is one."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(markdown)


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true") or os.environ.get("GITHUB_ACTIONS") == "true"



pass_ctx = click.make_pass_decorator(Context)
