"""The optional scikit-learn comparison for bench_severity.py: a linear model (TF-IDF word
and character n-grams → logistic regression) trained on the tuning part only, scored on the
held-aside part, alone and combined with the rules (the higher of the two levels)."""

from __future__ import annotations

from typing import Callable


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
