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
import tempfile
import traceback
from pathlib import Path

import click

from escalation_desk.commands import documents, integrations, merging, severity, sponsor, working
from escalation_desk.commands.context import Context, parse_now
from escalation_desk.commands.output import echo
from escalation_desk.names import DEFAULT_CONFIG_NAME
from escalation_desk.errors import DeskError


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--repo", type=click.Path(file_okay=False, path_type=Path), default=".", show_default=True,
              help="The documents repository.")
@click.option("--now", "now_text", metavar="ISO8601", envvar="ESC_NOW",
              help="The time the clocks use (default: now; or the ESC_NOW environment variable).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help=f"Configuration file (default: {DEFAULT_CONFIG_NAME} in the repository).")
@click.version_option(package_name="escalation-desk", prog_name="esc")
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


for _command in (documents.check, documents.new, documents.status, documents.log, documents.resolve,
                 documents.brief, documents.index, integrations.sync_command, integrations.overdue, integrations.doctor,
                 integrations.report, integrations.init, integrations.demo, integrations.sidebar,
                 integrations.sandbox_group, merging.merge_driver, merging.refresh_prs, working.notify,
                 working.comment,
                 severity.confirm, sponsor.sponsor):
    cli.add_command(_command)


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
    except click.exceptions.Abort:
        echo("esc: aborted", err=True)
        sys.exit(130)
    except DeskError as exc:
        echo(f"esc: error: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        echo("esc: interrupted", err=True)
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
    handle, log_path = tempfile.mkstemp(prefix="esc-crash-", suffix=".log")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(_scrubbed(traceback.format_exc()))
    echo(f"esc: unexpected error ({type(exc).__name__}); details in {log_path}", err=True)
    sys.exit(3)


if __name__ == "__main__":
    main()
