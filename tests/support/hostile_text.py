"""Hostile strings, by class (test data, kept apart from the code that handles it).

Each is something a customer can type into a ticket subject, a name or a comment, and
each once reached a system the product writes to (see issue #14)."""

from __future__ import annotations

WORKFLOW_COMMANDS = [
    "Acme\n::stop-commands::tok",
    "::add-mask::secret",
    "  ::error title=Fake::pwned",
    "x\n::set-output name=a::b",
    "##[error]old-style command",
]
GITHUB_ACTIVE = [
    "Fixes #1 @acme-cs/leads [x](javascript:alert(1))",
    "closes #12, resolves: #3 and FIXED #4",
    "cc @octocat and @someone-else",
    "<img src=x onerror=alert(1)> <details open>",
    "[click](data:text/html;base64,PHNjcmlwdD4=) <javascript:alert(1)>",
]
STRUCTURE = [
    "## Root Cause\n- faked",
    "---\nid: ESC-1\n---",
    "# Title\n***\n___",
    "```\nunclosed fence",
    "<!-- zd:comment:1 --> <!-- esc:severity -->",
    "{{ ''.__class__ }} {% raw %}",
    "graph TD; A-->B; click A call alert()",
    "| a | b |\n|---|---|",
]
BYTES = [
    "lone \ud800 surrogate",
    "NUL \x00 and ESC \x1b[2J\x1b]0;title\x07",
    "bidi \u202eevil\u202c \u2066x\u2069",
    "line\u2028separator\u0085next\r\ncrlf\rcr",
    "DEL \x7f C1 \x9b31m",
]
LONG = ["A" * 20_000, ("word " * 3000).strip()]
ALL = WORKFLOW_COMMANDS + GITHUB_ACTIVE + STRUCTURE + BYTES + LONG

BILLION_LAUGHS = "---\n" + 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8)
) + "id: *i\ncustomer: *i\n---\n# x\n"
