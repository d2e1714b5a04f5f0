"""Reading a document's YAML front matter safely: bounded nesting, no anchors or aliases,
each key's lines in the file, and one finding (file:line, what to do) for anything wrong.
"""

from __future__ import annotations

import yaml

from escalation_desk.playbook.text import excerpt

from .findings import Finding
from .model import REQUIRED_FIELDS

try:  # the C loader is ~10x faster; fall back quietly where libyaml is missing
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

TIME_FIELDS = {"opened", "acknowledged", "target_resolution", "resolved", "closed"}


def _err(path: str, line: int, code: str, message: str) -> Finding:
    return Finding(path, line, "error", code, message)


MAX_FLOW_DEPTH = 100   # libyaml's C parser recurses per [ or {: tens of thousands crash the process


def _too_deep(text: str) -> int:
    """The line (counted within `text`, from 1) where [ ] / { } nesting passes MAX_FLOW_DEPTH, else 0."""
    if text.count("[") + text.count("{") <= MAX_FLOW_DEPTH:
        return 0
    depth, line = 0, 1
    for char in text:
        if char in "[{":
            depth += 1
            if depth > MAX_FLOW_DEPTH:
                return line
        elif char in "]}":
            depth = max(0, depth - 1)
        elif char == "\n":
            line += 1
    return 0


def _alias_line(text: str) -> int:
    """The line (within `text`, from 1) of the first YAML anchor or alias, else 0.

    Aliases let a few hundred bytes stand for billions of values ("billion laughs"), and
    front matter never needs them: refused before anything is built or formatted."""
    if "&" not in text and "*" not in text:
        return 0
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                return token.start_mark.line + 1
    except yaml.YAMLError:
        return 0   # the syntax error is reported by the real read
    return 0


def read_yaml(path: str, text: str, problems: list[Finding]) -> tuple[dict | None, dict[str, tuple[int, int]]]:
    deep = _too_deep(text)
    if deep:
        problems.append(_err(path, deep + 1, "yaml-syntax", f"lists or mappings nested more than {MAX_FLOW_DEPTH} "
                             "deep; front matter is flat 'key: value' lines"))
        return None, {}
    alias = _alias_line(text)
    if alias:
        problems.append(_err(path, alias + 1, "yaml-alias", "YAML anchors and aliases (&name, *name) are not "
                             "allowed in front matter; write the value out"))
        return None, {}
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            problems.append(_err(path, 2, "empty-front-matter", "front matter is empty; the required keys are "
                                 + ", ".join(REQUIRED_FIELDS)))
            return None, {}
        if not isinstance(node, yaml.MappingNode):
            problems.append(_err(path, 2, "front-matter-not-mapping",
                                 "front matter must be 'key: value' lines"))
            return None, {}
        key_lines = _key_lines(path, text, node, problems)
        if key_lines is None:
            return None, {}
        try:
            data = loader.construct_document(node)
        except (ValueError, OverflowError) as exc:
            # YAML's timestamp pattern accepts what the calendar refuses (2026-13-01, 2027-02-30).
            key_node = next((k for k, v in node.value if _unbuildable(v)), None)
            line = key_node.start_mark.line + 2 if key_node is not None else 2
            name = key_node.value if key_node is not None else ""
            problems.append(_err(path, line, "bad-time" if name in TIME_FIELDS else "bad-value",
                                 f"{name}: not a real date or time ({exc}); write e.g. 2027-01-31 "
                                 "or 2026-11-20T14:05:00Z"))
            return None, {}
    except yaml.MarkedYAMLError as exc:
        problems.append(_syntax_problem(path, exc))
        return None, {}
    except yaml.YAMLError as exc:
        problems.append(_err(path, 2, "yaml-syntax", f"YAML error: {' '.join(str(exc).split())[:200]}"))
        return None, {}
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        return None, {}
    return {str(k): v for k, v in data.items()}, key_lines


def _key_lines(path: str, text: str, node: yaml.MappingNode,
               problems: list[Finding]) -> dict[str, tuple[int, int]] | None:
    """Each key's (first, last) line in the file; None when a key is not a plain name."""
    key_lines: dict[str, tuple[int, int]] = {}
    source = text.split("\n")
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(_err(path, key_node.start_mark.line + 2, "yaml-syntax",
                                 "a front-matter key must be a plain name, not a list or mapping"))
            return None
        key = key_node.value
        first = key_node.start_mark.line + 2   # +1 for the '---' line, +1 to count from 1
        end_mark = value_node.end_mark
        last = end_mark.line + 1 if end_mark.column == 0 and end_mark.line > key_node.start_mark.line else end_mark.line + 2
        # A block value ends where the next key starts: blank and comment lines before
        # that belong to people, not to the value, and must survive a rewrite of the key.
        while last > first and (not source[last - 2].strip() or source[last - 2].lstrip().startswith("#")):
            last -= 1
        if key in key_lines:
            problems.append(_err(path, first, "duplicate-key",
                                 f"key {excerpt(key)} appears twice (first on line {key_lines[key][0]}); keep one"))
            continue
        key_lines[key] = (first, max(first, last))
    return key_lines


def _syntax_problem(path: str, exc: yaml.MarkedYAMLError) -> Finding:
    mark = exc.problem_mark or exc.context_mark
    detail = exc.problem or exc.context
    if exc.context_mark is not None and any(w in (exc.context or "") for w in ("quoted scalar", "flow")):
        # An unclosed quote or bracket is found where the text ends: point at where it opens.
        mark, detail = exc.context_mark, f"a quote or bracket opened here is never closed ({exc.problem})"
    line = mark.line + 2 if mark else 2
    return _err(path, line, "yaml-syntax", f"YAML syntax error: {detail}; check quoting and indentation")


def _unbuildable(node: yaml.Node) -> bool:
    try:
        yaml.constructor.SafeConstructor().construct_document(node)
    except (ValueError, OverflowError, yaml.YAMLError):
        return True
    return False
