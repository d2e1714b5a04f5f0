"""How a sync shows itself: progress while it runs, and the summary when it is done.

On a terminal: a rich progress bar per phase. In CI (``CI=true``) or a pipe: a few plain
lines (a phase when it starts, with its size). Silent in tests that ask for it. The
summary is one block of plain lines: created, updated, unchanged, calls per service, time.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Callable, TextIO

from escalation_desk.playbook.text import terminal_safe


class Progress:
    """The interface: phases with an optional size; the silent default does nothing."""

    def phase(self, name: str, total: int | None = None) -> None: ...

    def advance(self, step: int = 1) -> None: ...

    def note(self, message: str) -> None: ...

    def done(self) -> None: ...

    def close(self) -> None: ...

    # `with console_progress(...) as progress:` — whatever happens, the display is put away.
    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class LineProgress(Progress):
    """Plain lines for CI logs and pipes: one per phase, one per 500 items of a long one."""

    def __init__(self, out: Callable[[str], None]) -> None:
        self.out = out
        self.name = ""
        self.total: int | None = None
        self.count = 0

    def phase(self, name: str, total: int | None = None) -> None:
        self.name, self.total, self.count = name, total, 0
        self.out(f"sync: {name}" + (f" ({total})" if total else ""))

    def advance(self, step: int = 1) -> None:
        self.count += step
        if self.total and self.total >= 1000 and self.count % 500 == 0 and self.count < self.total:
            self.out(f"sync: {self.name} {self.count}/{self.total}")

    def note(self, message: str) -> None:
        self.out(f"sync: {message}")


class RichProgress(Progress):
    """A transient rich progress bar per phase (terminal only)."""

    def __init__(self, console) -> None:  # noqa: ANN001 - a rich Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, SpinnerColumn, TextColumn

        self.console = console
        self.bar = Bar(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                       console=console, transient=True)
        self.task = None
        self.bar.start()

    def phase(self, name: str, total: int | None = None) -> None:
        if self.task is not None:
            self.bar.remove_task(self.task)
        self.task = self.bar.add_task(name, total=total)

    def advance(self, step: int = 1) -> None:
        if self.task is not None:
            self.bar.advance(self.task, step)

    def note(self, message: str) -> None:
        self.console.print(terminal_safe(message), markup=False, highlight=False)

    def done(self) -> None:
        if self.task is not None:
            self.bar.remove_task(self.task)
            self.task = None

    def close(self) -> None:
        self.bar.stop()


@dataclass
class SyncResult:
    created: list[str] = field(default_factory=list)      # paths
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)      # documents that do not parse
    written_back: int = 0
    commit: str | None = None
    pushed: str | None = None                             # remote/branch
    pull_request: str | None = None                       # URL
    push_attempts: int = 0
    calls: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    dry_run: bool = False
    diff: str = ""
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)     # features off for this run (not committed)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def summary_lines(result: SyncResult) -> list[str]:
    verb = "would be" if result.dry_run else ""
    lines = [f"sync: {len(result.created)} created, {len(result.updated)} updated, {result.unchanged} unchanged"
             + (f" ({verb} written)" if result.dry_run else "")]
    for path in result.created:
        lines.append(f"  + {path}")
    for path in result.updated:
        lines.append(f"  ~ {path}")
    for path in result.skipped:
        lines.append(f"  ! {path} does not parse; not updated (run `esc check`)")
    lines += [f"  {note}" for note in result.notes]
    lines += [f"  warning: {warning}" for warning in result.warnings]
    if result.written_back:
        lines.append(f"  Zendesk write-back: {result.written_back} ticket(s) updated")
    if result.commit:
        lines.append(f"  commit {result.commit[:10]}" + (f", pushed to {result.pushed}" if result.pushed else "")
                     + (f" after {result.push_attempts} attempts" if result.push_attempts > 1 else ""))
    elif not result.dry_run:
        lines.append("  nothing to commit")
    if result.pull_request:
        lines.append(f"  pull request: {result.pull_request}")
    calls = ", ".join(f"{name} {count}" for name, count in result.calls.items())
    lines.append(f"  API calls: {calls or 'none'}; {result.seconds:.1f} s")
    return lines


def console_progress(quiet: bool, in_ci: bool, stream: TextIO | None = None) -> Progress:
    stream = stream or sys.stderr
    if quiet:
        return Progress()
    if in_ci or not stream.isatty():
        return LineProgress(lambda line: print(terminal_safe(line), file=stream, flush=True))
    from rich.console import Console

    return RichProgress(Console(file=stream))
