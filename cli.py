"""`esc`: the Escalation Desk command line.

Thin on purpose: each command parses its options, calls one library function, and
formats what comes back. Failures a user can cause (DeskError) end in one line on
stderr and exit status 2; `esc check` exits 1 when a document has an error; anything
unexpected says so and where the traceback was written.
"""

from __future__ import annotations

import errno
import os
import re
import sys
from pathlib import Path

import click

from escalation_desk.commands.context import Context, parse_now
from escalation_desk.commands.output import echo
from escalation_desk.names import DEFAULT_CONFIG_NAME
from escalation_desk import __version__
from escalation_desk.errors import DeskError

# Every command: its name → (module in commands/, the click command in it). A command's
# module is imported only when that command runs (or `esc --help` lists them all), so
# `esc check FILE` never loads what `esc sync` or `esc report` need.
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("documents", "check"), "new": ("documents", "new"), "status": ("documents", "status"),
    "log": ("documents", "log"), "resolve": ("documents", "resolve"), "brief": ("documents", "brief"),
    "index": ("documents", "index"),
    "sync": ("integrations", "sync_command"), "overdue": ("integrations", "overdue"),
    "doctor": ("integrations", "doctor"), "report": ("integrations", "report"), "init": ("integrations", "init"),
    "demo": ("integrations", "demo"), "sidebar": ("integrations", "sidebar"),
    "sandbox": ("integrations", "sandbox_group"),
    "merge-driver": ("merging", "merge_driver"), "refresh-prs": ("merging", "refresh_prs"),
    "notify": ("working", "notify"), "comment": ("working", "comment"),
    "confirm": ("severity", "confirm"), "sponsor": ("sponsor", "sponsor"),
}


class StartupInterrupted(BaseException):
    """Ctrl-C while a command's module loads: still start-up, so the start-up line (click would
    turn a KeyboardInterrupt inside a command into "aborted")."""


class LazyGroup(click.Group):
    """A click group whose commands (from :data:`COMMANDS`) are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(COMMANDS))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module_name, attribute = COMMANDS[cmd_name]
            # The import statement's own machinery (not importlib), so a Ctrl-C hook on it still sees it.
            try:
                module = __import__("escalation_desk.commands", fromlist=[module_name])
            except KeyboardInterrupt:
                raise StartupInterrupted from None
            self.add_command(getattr(getattr(module, module_name), attribute), cmd_name)
        return self.commands.get(cmd_name)

    def all_commands(self) -> dict[str, click.Command]:
        """Every command, loaded (for documentation and its tests)."""
        return {name: self.get_command(None, name) for name in self.list_commands(None)}  # type: ignore[arg-type]


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--repo", type=click.Path(file_okay=False, path_type=Path), default=".", show_default=True,
              help="The documents repository.")
@click.option("--now", "now_text", metavar="ISO8601", envvar="ESC_NOW",
              help="The time the clocks use (default: now; or the ESC_NOW environment variable).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help=f"Configuration file (default: {DEFAULT_CONFIG_NAME} in the repository).")
@click.version_option(__version__, prog_name="esc")   # the package's own string: no importlib.metadata at start-up
@click.pass_context
def cli(ctx: click.Context, repo: Path, now_text: str | None, config_path: Path | None) -> None:
    """Escalation Desk: customer escalations as Markdown documents in git.

    \b
    Example:
      esc check                       # every document in ./escalations
      esc --now 2026-11-26T12:00:00Z status
    """
    if config_path is not None and not config_path.exists():   # named on purpose: never fall back to defaults
        raise DeskError(f"{config_path}: config file not found", hint="check --config")
    ctx.obj = Context(repo=repo, now=parse_now(now_text), config_path=config_path or repo / DEFAULT_CONFIG_NAME,
                      config_given=config_path is not None)


# --------------------------------------------------------------------------- entry point

def main(argv: list[str] | None = None) -> None:
    try:
        cli.main(args=argv, prog_name="esc", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx else "esc"
        echo(f"esc: error: {exc.format_message()} (see `{command} --help`)", err=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        echo(f"esc: error: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort as exc:      # click's form of Ctrl-C inside a command
        said = str(exc.__cause__ or "")            # what the interrupted run had already done, if it says
        echo("esc: interrupted" + (f": {said}" if said else ""), err=True)
        sys.exit(130)
    except DeskError as exc:
        echo(f"esc: error: {exc}", err=True)
        sys.exit(2)
    except (KeyboardInterrupt, StartupInterrupted) as exc:
        said = str(exc) if isinstance(exc, KeyboardInterrupt) else ""
        echo("esc: interrupted" + (f": {said}" if said else ""), err=True)
        sys.exit(130)
    except OSError as exc:
        if exc.filename is None or exc.errno not in _USER_OS_ERRORS:
            _crash(exc)
        echo(f"esc: error: cannot use {exc.filename}: {exc.strerror}", err=True)
        sys.exit(2)
    except Exception as exc:  # noqa: BLE001 - the last line of defence: never a raw traceback
        _crash(exc)


# A file or folder the user pointed at (or the disk it is on) refused: one line, not a crash.
_USER_OS_ERRORS = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT, errno.ENOTDIR,
                   errno.EISDIR, errno.ENOENT, errno.EEXIST, errno.ENAMETOOLONG, errno.ELOOP}


# Variables whose values are secrets (tokens, passwords, notify channels' Apprise URLs).
_SECRET_NAME = re.compile(r"TOKEN|PASSWORD|SECRET|_KEY$|^ESC_NOTIFY_")


def _scrubbed(text: str) -> str:
    """The text with every secret the environment holds (and each piece of one that has spaces
    or line breaks in it, as an exception's repr shows it) replaced by ***."""
    from escalation_desk.connectors.env import redact

    values = [value for name, value in os.environ.items() if _SECRET_NAME.search(name)]
    return redact(text, tuple(values + [piece for value in values for piece in value.split() if len(piece) >= 6]))


def _crash(exc: BaseException) -> None:
    import tempfile
    import traceback

    handle, log_path = tempfile.mkstemp(prefix="esc-crash-", suffix=".log")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(_scrubbed(traceback.format_exc()))
    echo(f"esc: unexpected error ({type(exc).__name__}); details in {log_path}", err=True)
    sys.exit(3)


if __name__ == "__main__":
    main()
