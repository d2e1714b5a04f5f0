"""Everything esc prints goes through here (a test keeps it so: no `click.echo`, `print`
or bare rich console elsewhere in cli.py or commands/).

Printed text can hold what customers typed (names, subjects, comments). In a terminal a
raw escape byte is a command to it; in a GitHub Actions log any line starting with `::`
is a workflow command (`::add-mask::`, `::stop-commands::`, `::error …::`). So every line
passes :func:`escalation_desk.playbook.text.terminal_safe`; the only workflow commands
esc emits are the annotations of `esc check --format github`, written by
:func:`workflow_commands` from text :mod:`tracking.formats` has percent-encoded.
"""

from __future__ import annotations

import os
import sys
from typing import Callable, Iterable, Sequence, TextIO

import click

from escalation_desk.playbook.text import terminal_safe


def echo(message: object = "", *, err: bool = False, nl: bool = True) -> None:
    """click.echo, made safe for a terminal and an Actions log."""
    _echo(terminal_safe(str(message)), err=err, nl=nl)


def _echo(text: str, *, err: bool = False, nl: bool = True) -> None:
    """click.echo; on a stream that is not UTF-8 (LC_ALL=C, PYTHONIOENCODING=latin-1), a "?"
    for each character it cannot hold instead of a crash."""
    try:
        click.echo(text, err=err, nl=nl)
    except UnicodeEncodeError:
        stream = sys.stderr if err else sys.stdout
        encoding = getattr(stream, "encoding", None) or "utf-8"
        click.echo(text.encode(encoding, "replace").decode(encoding), err=err, nl=nl)


def echo_pieces(pieces: Iterable[str], *, nl: bool = True) -> None:
    """One text written as it comes, piece by piece (each piece starting a line), made safe as :func:`echo` makes it."""
    batch: list[str] = []
    size = 0
    for piece in pieces:
        batch.append(piece)
        size += len(piece)
        if size > 1 << 16:   # one write per 64 KiB, not one per piece
            _echo(terminal_safe("".join(batch)), nl=False)
            batch, size = [], 0
    _echo(terminal_safe("".join(batch)), nl=nl)


def workflow_commands(text: str, *, err: bool = False) -> None:
    """The product's own `::error …::` annotation lines (already encoded by tracking.formats)."""
    _echo(text, err=err)


class SafeStream:
    """A text stream for rich: what it renders is made safe line by line. Colour codes
    rich adds itself pass on a real terminal (the data in them was made safe first)."""

    def __init__(self, stream: TextIO, keep_colours: bool) -> None:
        self.stream = stream
        self.keep_colours = keep_colours

    def write(self, text: str) -> int:
        safe = terminal_safe(text, keep_colours=self.keep_colours)
        try:
            return self.stream.write(safe)
        except UnicodeEncodeError:   # a stdout that is not UTF-8 (LC_ALL=C): a "?" for what it cannot hold
            return self.stream.write(safe.encode(self.encoding, "replace").decode(self.encoding))

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def encoding(self) -> str:
        return getattr(self.stream, "encoding", "utf-8") or "utf-8"


PLAIN_WIDTH = 160   # the console's width when it is not a terminal


def console(stream: TextIO | None = None, *, plain: bool | None = None):
    """A rich console on a safe stream: colours on a terminal, plain and wide enough in CI and pipes."""
    from rich.console import Console

    stream = stream or sys.stdout
    tty = stream.isatty()
    plain = (not tty) if plain is None else plain
    return Console(file=SafeStream(stream, keep_colours=not plain), width=None if tty else PLAIN_WIDTH,
                   no_color=plain, highlight=False, markup=False, emoji=False)


def _prints_plain(stream: TextIO) -> bool:
    """rich writes no colour or cursor codes to `stream`, in UTF-8, with its usual boxes (what
    rich.console.Console.is_terminal and ConsoleOptions.ascii_only decide, read the safe way:
    anything that could make rich write codes — FORCE_COLOR, TTY_COMPATIBLE=1 — leaves it to rich)."""
    if stream.isatty() or os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE") == "1":
        return False
    return (getattr(stream, "encoding", None) or "utf-8").lower().startswith("utf")


def table(title: str, headers: Sequence[str], no_wrap: Sequence[bool], rows: Sequence[Sequence[str]],
          rich_table: Callable[[], object]) -> None:
    """A table exactly as :func:`console` prints ``rich_table()``: drawn by
    :mod:`tracking.plaintable` when the output is plain text (rich's cost per row is then
    all waste), by rich on a terminal and wherever the plain writer leaves it to rich."""
    from escalation_desk.tracking.plaintable import plain_supported, table_lines

    stream = sys.stdout
    lines = table_lines(title, headers, no_wrap, rows, PLAIN_WIDTH) \
        if plain_supported() and _prints_plain(stream) else None
    if lines is None:
        console().print(rich_table())
        return
    safe = SafeStream(stream, keep_colours=False)
    batch: list[str] = []
    size = 0
    try:
        for line in lines:
            batch.append(line)
            size += len(line)
            if size > 1 << 16:   # one write per 64 KiB of whole lines (terminal_safe is line-local)
                safe.write("\n".join(batch) + "\n")
                batch, size = [], 0
        safe.write("\n".join(batch) + "\n")
        safe.flush()
    except BrokenPipeError:
        reader_gone(stream)


def reader_gone(stream: TextIO) -> None:
    """The reader closed the pipe (`esc status | head`): it has what it wanted. What is left
    to print goes nowhere, the command ends as it would have (its notes on stderr still
    printed, its exit status its own), and no second error comes when Python flushes at exit."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
    except (OSError, ValueError, AttributeError):   # not a real file (a test's buffer)
        pass
