"""What every git call shares: one clean environment (inherited ``GIT_*`` variables left
out), no credential prompts, and one-line error text."""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Iterator

_KEEP = {"GIT_EXEC_PATH", "GIT_SSH", "GIT_SSH_COMMAND", "GIT_SSL_CAINFO", "GIT_SSL_NO_VERIFY",
         "GIT_CONFIG_GLOBAL", "GIT_CONFIG_NOSYSTEM", "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL",
         "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE", "GIT_TERMINAL_PROMPT"}


def clean_environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("GIT_") or k in _KEEP}


def drop_inherited_variables() -> None:
    """Remove inherited ``GIT_DIR``, ``GIT_INDEX_FILE``, … from this process for good.

    esc is a command-line process that works on the repository it was pointed at; a
    variable left by a git hook or a wrapping tool would silently redirect every call.
    GitPython can add to a child's environment but not take away, so they go here.
    """
    for key in [k for k in os.environ if k.startswith("GIT_") and k not in _KEEP]:
        del os.environ[key]


@contextmanager
def inherited_variables_removed() -> Iterator[None]:
    """Inherited ``GIT_*`` variables taken out of ``os.environ`` while the block runs.

    GitPython builds each git child's environment from ``os.environ`` and can add to it
    but not take away (``update_environment(GIT_DIR=None)`` only drops its own override),
    so a ``GIT_DIR`` inherited from a hook would still point every call at another repository.
    """
    saved = {key: os.environ.pop(key) for key in list(os.environ) if key.startswith("GIT_") and key not in _KEEP}
    try:
        yield
    finally:
        os.environ.update(saved)


@contextmanager
def no_prompt() -> Iterator[None]:
    previous = os.environ.get("GIT_TERMINAL_PROMPT")
    os.environ["GIT_TERMINAL_PROMPT"] = "0"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("GIT_TERMINAL_PROMPT", None)
        else:
            os.environ["GIT_TERMINAL_PROMPT"] = previous


def one_line(text: str) -> str:
    """A git error as one line, with any credentials in URLs removed."""
    import re

    text = re.sub(r"(https?://)[^/@\s]+@", r"\1", text)
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.strip().startswith("hint:")]
    # GitPython wraps git's stderr ("stderr: 'fatal: Unable to create '….lock': File exists.\n\nAnother
    # git process…'"): git's own fatal/error line says what and which file; the last line often does not.
    said = [re.sub(r"^stderr:\s*'?", "", ln) for ln in lines]
    told = next((ln for ln in said if ln.startswith(("fatal:", "error:"))), said[-1] if said else text.strip())
    told = told.strip()
    if told.endswith("'") and told.count("'") % 2:     # the quote GitPython put around stderr
        told = told[:-1].rstrip()
    return told[:300]
