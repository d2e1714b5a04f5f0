"""The `esc` entry point: Ctrl-C at any moment, start-up included, is one line.

Importing the CLI (click, rich, pydantic, the commands) takes a noticeable fraction of a
second; a Ctrl-C in that window would otherwise print Python's KeyboardInterrupt
traceback. Until the CLI's own handler (cli.main) is in place, SIGINT prints the same
one line it prints and exits 130.
"""

from __future__ import annotations

import os
import signal
import sys


def _interrupted_while_starting(signum: int, frame: object) -> None:
    try:
        sys.stderr.write("esc: interrupted\n")
        sys.stderr.flush()
    finally:
        os._exit(130)


def main() -> None:
    previous = signal.signal(signal.SIGINT, _interrupted_while_starting)
    from escalation_desk.cli import main as run

    signal.signal(signal.SIGINT, previous)   # from here on cli.main turns KeyboardInterrupt into one line
    run()
