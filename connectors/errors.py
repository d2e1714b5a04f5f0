"""How a connector says a source failed: still a DeskError (one clear line), plus which
service it was, so the sync can decide between failing and keeping stale facts."""

from __future__ import annotations

from escalation_desk.errors import DeskError


class SourceError(DeskError):
    """A source refused us or could not be reached (after the retries the budget allows)."""

    def __init__(self, service: str, message: str, *, hint: str | None = None) -> None:
        self.service = service
        super().__init__(f"{service}: {message}", hint=hint)


NOT_JSON = "answered with something that is not the API's JSON (a web page?)"
NOT_JSON_HINT = "check the base URL, and whether a proxy or sign-in page stands in the way"


def not_json(service: str, what: str | None = None) -> SourceError:
    """A 2xx that is an HTML page or not JSON at all: a wrong base URL, a captive portal."""
    return SourceError(service, (f"{what}: " if what else "") + NOT_JSON, hint=NOT_JSON_HINT)


def raised_in(exc: BaseException, package: str) -> bool:
    """True when `exc` was raised inside `package` (an SDK choking on an answer it could not read)."""
    tb = exc.__traceback__
    last = None
    while tb is not None:
        last, tb = tb, tb.tb_next
    return last is not None and f"/{package}/" in last.tb_frame.f_code.co_filename.replace("\\", "/")
