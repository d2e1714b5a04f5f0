"""Findings: what a check, a parse or a lint has to say about one place in one file."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Iterable, Literal

Level = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Finding:
    path: str            # "" when about no one file (the check's summary)
    line: int            # 1-based; 0 when the finding is about the whole file
    level: Level
    code: str            # stable, kebab-case: used in config (lints.as_errors) and JSON output
    message: str         # one sentence saying what is wrong and what to do

    def as_dict(self) -> dict:
        return asdict(self)

    def text(self) -> str:
        if not self.path:   # about no one file (an owner's load, in the check's summary)
            return f"{self.level}: {self.message} [{self.code}]"
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.level}: {self.message} [{self.code}]"


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.path, f.line, 0 if f.level == "error" else 1, f.code, f.message))
