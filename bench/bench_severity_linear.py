"""The optional scikit-learn comparison for bench_severity.py: a linear model (TF-IDF word
and character n-grams → logistic regression) trained on the tuning part only, scored on the
held-aside part, alone and combined with the rules (the higher of the two levels).

Also printed, because they decide whether the model may join the product: an exact McNemar
test of rules vs model on the held-aside part (is the difference more than chance?), and how
many of the model's held-aside predictions change when the ticket is shouted (the product's
levels must not move with emotion). Only counts are printed, never held-aside tickets.
"""

from __future__ import annotations

from math import comb
from typing import Callable


def _shouted(ticket) -> str:
    return f"{ticket.title}\n{ticket.subject.upper()}!!!\n{ticket.body.upper()} THIS IS UNACCEPTABLE!!! FIX IT NOW!!!"


def mcnemar(expected: list[str], first: list[str], second: list[str]) -> tuple[int, int, float]:
    """(first right & second wrong, first wrong & second right, two-sided exact p)."""
    b = sum(f == e != s for e, f, s in zip(expected, first, second))
    c = sum(s == e != f for e, f, s in zip(expected, first, second))
    n = b + c
    p = min(1.0, 2 * sum(comb(n, k) for k in range(min(b, c) + 1)) / 2 ** n) if n else 1.0
    return b, c, p


def compare(tune, held, text_of: Callable, rules_predict: Callable, report: Callable) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    features = make_union(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1),
                          TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True))
    model = make_pipeline(features, LogisticRegression(max_iter=2000, C=10.0))
    model.fit([f"{t.title}\n{text_of(t)}" for t in tune], [t.expected for t in tune])
    linear = list(model.predict([f"{t.title}\n{text_of(t)}" for t in held]))
    rules = rules_predict(held)
    report("linear model (trained on tuning part), held-aside part", held, linear, False)
    combined = [min(a, b) for a, b in zip(rules, linear)]      # "SEV-1" < "SEV-2": the higher severity
    report("rules + linear (higher of the two), held-aside part", held, combined, False)
    b, c, p = mcnemar([t.expected for t in held], rules, linear)
    print(f"\nheld-aside, rules vs linear: rules right & linear wrong {b}, rules wrong & linear right {c}, "
          f"exact McNemar p = {p:.3f}")
    moved = sum(a != s for a, s in zip(linear, model.predict([_shouted(t) for t in held])))
    print(f"linear model: {moved} of {len(held)} held-aside predictions change when the ticket is shouted "
          f"(the rules: 0 by construction, tested in tests/severity)")
