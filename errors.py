"""The one error class for failures a user can cause and fix.

Anything raised as :class:`DeskError` is printed by the CLI as one clear line (no
traceback) and exits with status 2 (1 is reserved for "the check found errors").
Anything else is a bug: the CLI says "unexpected error" and where the details went.
"""


class DeskError(Exception):
    """An expected failure: bad config, bad document, refused auth, source down.

    The message must say what is wrong and, where it can, what to do about it;
    it must never contain a secret.
    """

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(message if hint is None else f"{message} ({hint})")

    def __str__(self) -> str:  # one line, always
        text = self.message if self.hint is None else f"{self.message}; {self.hint}"
        return " ".join(text.split())
