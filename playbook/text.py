"""Text from outside, made safe: once where it enters, and again for each place it goes out.

Low in the layers on purpose (it imports nothing of ours): the connectors normalise
every text they hand the core with :func:`normalise` / :func:`single_line`; the
commands print through :func:`terminal_safe`; messages quote values through
:func:`excerpt`. GitHub's own dangers (mentions, closing keywords, links) are
:mod:`escalation_desk.templates.github_text`'s job.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"

# C0 controls but tab and newline, DEL, C1 controls. (\r is turned into \n first.)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Bidirectional embeddings, overrides and isolates: they make text read in another order
# than it is stored ("Trojan Source"), in a terminal, a diff or a review.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_NONCHAR = re.compile("[\ufffe\uffff]")
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def normalise(text: object) -> str:
    """Outside text as the core may hold it: valid Unicode (lone surrogates replaced), no
    control characters but newline and tab, no bidirectional overrides, newlines as ``\\n``."""
    value = "" if text is None else str(text)
    value = _SURROGATE.sub(REPLACEMENT, value)
    value = _LINE_BREAKS.sub("\n", value)
    value = _CONTROL.sub("", value)
    value = _NONCHAR.sub(REPLACEMENT, value)
    return _BIDI.sub("", value)


def single_line(text: object) -> str:
    """A name, subject or other one-line field: normalised, every run of whitespace
    (newlines and tabs included) one space, no leading or trailing space."""
    return " ".join(normalise(text).split())


def unsafe_single_line(text: str) -> str | None:
    """What makes `text` unfit for a one-line field (a description), or None when it is fine."""
    for pattern, what in ((_SURROGATE, "an invalid character"), (_LINE_BREAKS, "a line break"),
                          (re.compile("\n"), "a line break"), (_CONTROL, "a control character"),
                          (_BIDI, "a bidirectional override")):
        found = pattern.search(text)
        if found:
            return f"{what} ({_codepoint(found.group())})"
    return None


def _codepoint(char: str) -> str:
    return ", ".join(f"U+{ord(c):04X}" for c in char)


# --------------------------------------------------------------------------- going out

# A line is a workflow command to the Actions runner when it starts with `::` (after
# leading blanks), or holds the older `##[command]` form anywhere.
_WORKFLOW_COMMAND = re.compile(r"^(\s*):(?=:)", re.MULTILINE)
_OLD_COMMAND = re.compile(r"#(?=#\[)")
_ZWSP = "\u200b"
_SGR = re.compile(r"\x1b\[[0-9;]*m")


def visible(char: str) -> str:
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def terminal_safe(text: str, *, keep_colours: bool = False) -> str:
    """Text fit for a terminal and an Actions log: control and bidi characters shown as
    escapes (never sent raw), and no line the runner could read as a workflow command
    (a zero-width space after its first colon). `keep_colours` lets rich's own SGR colour
    codes through (only ever for a terminal, where the data itself was made safe first)."""
    value = str(text)
    if "::" not in value and "##[" not in value and not _has_unsafe_characters(value):
        return value   # nothing below would change it (the streamed JSON commands pass megabytes here)
    value = _SURROGATE.sub(REPLACEMENT, value).replace("\r\n", "\n")
    if keep_colours:
        parts = _SGR.split(value)
        codes = _SGR.findall(value)
        value = "".join(_escape_controls(p) + (codes[i] if i < len(codes) else "") for i, p in enumerate(parts))
    else:
        value = _escape_controls(value)
    value = _WORKFLOW_COMMAND.sub(lambda m: m.group(1) + ":" + _ZWSP, value)
    return _OLD_COMMAND.sub("#" + _ZWSP, value)


_SHOWN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SAFE_ASCII = bytes(range(0x20, 0x7f)) + b"\t\n"


def _has_unsafe_characters(value: str) -> bool:
    """Any character terminal_safe replaces or escapes (a surrogate, a control, CR, a bidi override)."""
    if value.isascii():   # the common case, ~100 times faster than the search below
        return bool(value.encode("ascii").translate(None, _SAFE_ASCII))
    return _UNSAFE.search(value) is not None


def _escape_controls(text: str) -> str:
    return _SHOWN.sub(lambda m: visible(m.group()), text)


def excerpt(value: object, limit: int = 60) -> str:
    """A value quoted in a message: repr-escaped (no raw control characters, newlines or
    bidi overrides) and at most about `limit` characters, however big the value is."""
    if isinstance(value, (list, tuple, dict, set)) and _too_big(value):
        return f"a {type(value).__name__} of more than 200 items"
    text = value if isinstance(value, str) else repr(value) if isinstance(value, (list, tuple, dict, set)) \
        else str(value)
    shown = repr(text[:limit]) if isinstance(value, str) else _escape_controls(text[:limit])
    return shown + ("…" if len(text) > limit else "")


def _too_big(value: object, budget: int = 200) -> bool:
    """True when a container holds more than `budget` items in all (counted as it goes, so
    a shared nested structure is never walked in full)."""
    stack, seen = [value], 0
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, (list, tuple, set)):
            seen += len(item)
            if seen > budget:
                return True
            stack.extend(item)
    return False
