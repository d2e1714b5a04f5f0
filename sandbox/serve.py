"""``esc sandbox serve``: run the emulators in the foreground for manual use.

    $ esc sandbox serve --port 8700 --fault zendesk:429:times=3
    export ZENDESK_URL=http://127.0.0.1:8700
    export ZENDESK_EMAIL=escalation-desk@northbeam.example
    ...
    # sandbox running; Ctrl-C to stop

Paste the ``export`` lines into another shell (or ``eval "$(esc sandbox serve ...)"`` in a
script that backgrounds it) and run ``esc sync`` against the sandbox. The tokens printed are
the sandbox's own throwaway credentials, not secrets.

Fault specs: ``API:KIND[:OPTION=VALUE]...`` with API one of zendesk, salesforce, github and
KIND one of 429, 500, 503, slow, drop, expire. Options: ``times`` (a count, or ``all``),
``after`` (matching calls to let through first), ``retry_after`` (seconds, for 429),
``delay`` (seconds, for slow), ``path`` (only paths starting with it), ``method``.
Examples: ``zendesk:429:times=3``, ``salesforce:expire:after=5``, ``github:503``,
``zendesk:slow:delay=2``. An ``expire`` fault applies from then on unless ``times`` is given.
"""

from __future__ import annotations

import shlex
import sys
import threading
from typing import Iterable, TextIO

from escalation_desk.sandbox import APIS, Sandbox
from escalation_desk.sandbox.core import FAULT_KINDS, Fault

_INT_OPTIONS = {"after", "retry_after"}
_OPTION_NAMES = ("times", "after", "retry_after", "delay", "path", "method")


class FaultSpecError(ValueError):
    """A ``--fault`` value that cannot be understood; the message says why, in one line."""


def parse_fault(spec: str) -> tuple[str, Fault]:
    """``"zendesk:429:times=3"`` -> ``("zendesk", Fault("429", times=3))``."""
    parts = spec.strip().split(":")
    if len(parts) < 2 or not parts[0] or not parts[1]:
        raise FaultSpecError(f"fault {spec!r}: expected API:KIND[:OPTION=VALUE]..., e.g. zendesk:429:times=3")
    api, kind, options = parts[0].lower(), parts[1].lower(), parts[2:]
    if api not in APIS:
        raise FaultSpecError(f"fault {spec!r}: unknown API {api!r}; use one of {', '.join(APIS)}")
    if kind not in FAULT_KINDS:
        raise FaultSpecError(f"fault {spec!r}: unknown kind {kind!r}; use one of {', '.join(FAULT_KINDS)}")
    kwargs: dict[str, object] = {"times": None} if kind == "expire" else {}
    for option in options:
        name, sep, value = option.partition("=")
        name = name.strip().lower().replace("-", "_")
        if not sep or not value:
            raise FaultSpecError(f"fault {spec!r}: option {option!r} needs a value, like times=3")
        if name not in _OPTION_NAMES:
            raise FaultSpecError(f"fault {spec!r}: unknown option {name!r}; use {', '.join(_OPTION_NAMES)}")
        try:
            if name == "times":
                kwargs["times"] = None if value.lower() in ("all", "always", "inf") else _positive(value)
            elif name in _INT_OPTIONS:
                kwargs[name] = _non_negative(value)
            elif name == "delay":
                kwargs["delay"] = float(value)
                if kwargs["delay"] < 0:  # type: ignore[operator]
                    raise ValueError
            elif name == "path":
                kwargs["path_prefix"] = value if value.startswith("/") else "/" + value
            else:
                kwargs["method"] = value.upper()
        except ValueError:
            raise FaultSpecError(f"fault {spec!r}: {name}={value!r} is not a valid number") from None
    if kind == "slow" and "delay" not in kwargs:
        kwargs["delay"] = 5.0
    return api, Fault(kind, **kwargs)  # type: ignore[arg-type]


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError
    return number


def _non_negative(value: str) -> int:
    number = int(value)
    if number < 0:
        raise ValueError
    return number


def export_lines(env: dict[str, str]) -> list[str]:
    return [f"export {name}={shlex.quote(value)}" for name, value in sorted(env.items())]


def serve(port: int | None = None, tickets: int = 240, seed: int = 7, faults: Iterable[str] = (), *,
          out: TextIO | None = None, stop: threading.Event | None = None) -> int:
    """Start the sandbox (Zendesk on ``port``, GitHub on ``port+1``, Salesforce on
    ``port+2``; free ports when None), inject ``faults`` (spec strings, see the module
    docstring), print ``export VAR=value`` lines for the environment, and block until
    Ctrl-C (or until ``stop`` is set). Returns the exit code (0).

    Raises FaultSpecError for a bad fault spec and OSError when a port is taken.
    """
    out = out or sys.stdout
    parsed = [parse_fault(spec) for spec in faults]  # fail before starting anything
    with Sandbox(seed=seed, tickets=tickets, port=port) as sandbox:
        for api, fault in parsed:
            sandbox.faults[api].add(fault)
        for line in export_lines(sandbox.env):
            print(line, file=out)
        print(f"# sandbox running (seed {seed}, {tickets} tickets); Ctrl-C to stop", file=out)
        out.flush()
        waiter = stop or threading.Event()
        try:
            while not waiter.wait(0.5):
                pass
        except KeyboardInterrupt:
            pass
    return 0
