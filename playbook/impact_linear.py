"""The linear text model: a second reading of a ticket's words, in plain Python.

Trained offline with scikit-learn (``bench/train_severity_linear.py``, on the corpus's tuning
part) and shipped as data (``impact_linear.json.gz``): TF-IDF weights of word unigrams and
bigrams and a logistic regression's coefficients per level. Scoring a ticket is one dot
product per level: no numpy, no scikit-learn, no download at run time.

It reads only what :mod:`playbook.impact_calm` leaves of the text — no capitals, no ``!``, no
emotion, urgency, threat or politeness words — and the requester's job title; never the
priority the customer chose. Its reading names the words that weighed most for the level it
proposes, so a person can see why.
"""

from __future__ import annotations

import gzip
import json
import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .impact_calm import clauses, plain

MODEL_FILE = Path(__file__).with_name("impact_linear.json.gz")
# Not shown as a reason on their own (they weigh, but say nothing to a person).
_SMALL = frozenset("a an the this that it is are was were be been i we you they our your my me us them of to in on "
                   "at for with by from as and or but so if can has have had do does did not no there here #".split())


def features(text: str, title: str = "") -> Counter[str]:
    """Word unigrams and bigrams within each clause of the calm text, and the title's words."""
    counts: Counter[str] = Counter()
    for words in clauses(text):
        counts.update(words)
        counts.update(f"{a} {b}" for a, b in zip(words, words[1:]))
    counts.update(f"title:{w}" for w in plain(title).split())
    return counts


def weighted(counts: Counter[str], idf: dict[str, float], rare: float) -> dict[str, float]:
    """Sublinear TF-IDF, L2-normalised over every feature of the ticket (a feature the
    training tickets held once, or never, weighs as the rarest one: ``rare``)."""
    values = {f: (1.0 + math.log(n)) * idf.get(f, rare) for f, n in counts.items()}
    norm = math.sqrt(sum(v * v for v in values.values())) or 1.0
    return {f: v / norm for f, v in values.items()}


@dataclass(frozen=True)
class TextReading:
    severity: str                          # the level the model finds most likely
    probability: float                     # its probability (softmax over the levels)
    words: tuple[tuple[str, float], ...]   # strongest contributions to that level, largest first
    content: int = 0                       # distinct words of the text that say something (not "the", "this")

    def explain(self, shown: int = 3) -> str:
        said = ", ".join(f"“{w}”" for w, _ in self.words[:shown]) or "no telling words"
        return f"text model {self.severity} at {self.probability:.0%} ({said})"


@dataclass(frozen=True)
class LinearModel:
    levels: tuple[str, ...]
    intercepts: tuple[float, ...]
    idf: dict[str, float]
    rare: float
    coef: dict[str, tuple[float, ...]]     # feature -> one weight per level (tiny weights pruned)

    @classmethod
    def from_json(cls, data: dict) -> "LinearModel":
        return cls(tuple(data["levels"]), tuple(data["intercepts"]), data["idf"], data["rare"],
                   {f: tuple(w) for f, w in data["coef"].items()})

    def scores(self, text: str, title: str = "") -> tuple[dict[str, float], dict[str, float]]:
        """(score per level, the ticket's weighted features)."""
        x = weighted(features(text, title), self.idf, self.rare)
        totals = list(self.intercepts)
        for feature, value in x.items():
            for i, w in enumerate(self.coef.get(feature, ())):
                totals[i] += value * w
        return dict(zip(self.levels, totals)), x

    def read(self, text: str, title: str = "") -> TextReading:
        scores, x = self.scores(text, title)
        top = max(scores.values())
        exp = {level: math.exp(s - top) for level, s in scores.items()}
        best = max(self.levels, key=lambda level: (scores[level], -self.levels.index(level)))
        i = self.levels.index(best)
        words = sorted(((f, v * self.coef[f][i]) for f, v in x.items()
                        if f in self.coef and self.coef[f][i] > 0 and _telling(f)), key=lambda pair: (-pair[1], pair[0]))
        content = sum(1 for f in x if " " not in f and not f.startswith("title:") and _telling(f))
        return TextReading(best, exp[best] / sum(exp.values()), tuple((f, round(c, 3)) for f, c in words[:8]), content)


def _telling(feature: str) -> bool:
    return any(w not in _SMALL for w in feature.split())


@lru_cache(maxsize=1)
def shipped() -> LinearModel:
    """The model in the package (read once per process)."""
    return LinearModel.from_json(json.loads(gzip.decompress(MODEL_FILE.read_bytes())))
