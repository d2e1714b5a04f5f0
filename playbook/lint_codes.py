"""Every lint code the product can report: what ``[lints] as_errors`` and ``off`` may name.

Kept beside the lint settings so a typo in ``escalations.toml`` (``"heard-blam"``) is refused
with a suggestion instead of silently doing nothing. tests/docs/test_docs_lint_codes.py
collects the codes the source really emits and fails when this list and they differ.
"""

from __future__ import annotations

# Problems with the document itself (it does not parse, breaks the format, or two documents
# claim one ID): always errors, whatever ``[lints]`` says — ``off`` cannot silence them.
ALWAYS_ERRORS: frozenset[str] = frozenset((
    "bad-time",
    "bad-value",
    "conflict-marker",
    "control-character",
    "date-not-time",
    "duplicate-id",
    "duplicate-key",
    "duplicate-section",
    "empty",
    "empty-front-matter",
    "front-matter-not-mapping",
    "malformed-entry",
    "missing-closed-time",
    "missing-field",
    "missing-resolved-time",
    "missing-section",
    "multi-line-value",
    "naive-time",
    "no-front-matter",
    "no-title",
    "not-utf8",
    "open-escalation-deleted",
    "section-order",
    "symlink",
    "time-order",
    "too-large",
    "unclosed-fence",
    "unclosed-front-matter",
    "unknown-key",
    "unknown-section",
    "yaml-alias",
    "yaml-syntax",
))

# The lints proper: warnings unless ``as_errors`` names them, silenced by ``off``.
CONFIGURABLE: frozenset[str] = frozenset((
    "closed-with-open-recovery",
    "closed-without-recovery",
    "credit-first-response",
    "file-name",
    "generated-file-edited",
    "heard-blame",
    "heard-never-say",
    "late-acknowledgement",
    "late-action-plan",
    "late-customer-update",
    "late-exec-followup",
    "late-leaders-notified",
    "late-plan-step",
    "late-promised-update",
    "late-recovery",
    "late-sponsor-check",
    "late-sponsor-followup",
    "late-target-resolution",
    "late-tier-leaders",
    "owner-changed",
    "owner-level",
    "owner-not-in-roster",
    "owner-overload",
    "resolved-without-post-actions",
    "resolved-without-resolution-summary",
    "resolved-without-root-cause",
    "severity-lowered-without-note",
    "severity-unconfirmed",
    "status-times",
    "systemic-category",
    "target-moved-after-passed",
    "team-not-thanked",
    "ticket-in-two-escalations",
    "tier-below-triggers",
    "unknown-trigger",
))

KNOWN_LINTS: frozenset[str] = ALWAYS_ERRORS | CONFIGURABLE


def unknown_lint(code: str) -> str | None:
    """None for a known code, else what to say about it (with the nearest known code)."""
    if code in KNOWN_LINTS:
        return None
    from rapidfuzz import process   # only on this error path: start-up stays lean

    nearest = process.extractOne(code, sorted(KNOWN_LINTS), score_cutoff=70)
    hint = f"did you mean {nearest[0]!r}? " if nearest else ""
    return f"{code!r} is not a lint code ({hint}the codes are in the README's lint table)"


def cannot_be_off(code: str) -> str | None:
    """None for a code ``off`` may silence, else what to say about it."""
    return unknown_lint(code) or (f"{code!r} is always an error (the document itself is broken) and cannot be "
                                  "turned off" if code in ALWAYS_ERRORS else None)
