"""Train the linear text model on the corpus's tuning part and write its weights.

    python bench/train_severity_linear.py            # writes playbook/impact_linear.json.gz
    python bench/train_severity_linear.py --check    # exit 1 if the shipped file differs

scikit-learn (the `test` extra) fits a logistic regression over the features the product
computes itself (:func:`escalation_desk.playbook.impact_linear.features` / ``weighted``), so
what is trained is what is scored. Held-aside tickets never train it. Deterministic: the same
corpus and normaliser give the same file (sorted features, rounded weights).
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from support.severity_corpus import LEVELS, Ticket, load, parts  # noqa: E402

from escalation_desk.playbook.impact_linear import MODEL_FILE, features, weighted  # noqa: E402

# Chosen by 5-fold CV on the tuning part (model alone; bench/cv_severity_linear.py, notes in the README):
# C 3 / 10 / 30 / 100 -> 85.7% / 87.5% / 87.7% / 87.7%; MIN_DF 2 -> 85.7% (C 10); PRUNE 0.3 / 0.5 -> 87.3% / 86.5%.
C = 30.0            # inverse regularisation
MIN_DF = 1          # features in this many training tickets get a weight (rarer ones still count in the norm)
PRUNE = 0.1         # a feature whose every weight is smaller than this is dropped
DIGITS = 3
TOL = 1e-8            # the optimum to well below the rounding: the same file on any scikit-learn


def text_of(ticket: Ticket) -> str:
    return f"{ticket.subject}\n{ticket.body}"


def _idf(docs: list[Counter[str]]) -> tuple[dict[str, float], float, set[str]]:
    """Smoothed idf (as scikit-learn's): ln((1 + n) / (1 + df)) + 1 for features in 2+ tickets,
    the value for df = 1 (``rare``: also what an unseen feature weighs), and the features to fit."""
    df = Counter(f for doc in docs for f in doc)
    n = len(docs)
    idf = {f: round(math.log((1 + n) / (1 + d)) + 1, DIGITS) for f, d in df.items() if d >= 2}
    return idf, round(math.log((1 + n) / 2) + 1, DIGITS), {f for f, d in df.items() if d >= MIN_DF}


def train(tickets: list[Ticket]) -> dict:
    """The model file's content, trained on ``tickets``."""
    from sklearn.feature_extraction import DictVectorizer  # noqa: PLC0415 (training-time dependency)
    from sklearn.linear_model import LogisticRegression  # noqa: PLC0415

    docs = [features(text_of(t), t.title) for t in tickets]
    idf, rare, fitted = _idf(docs)
    rows = [{f: v for f, v in weighted(doc, idf, rare).items() if f in fitted} for doc in docs]
    vectorizer = DictVectorizer(sort=True)
    matrix = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=C, solver="newton-cg", max_iter=1000, tol=TOL)
    model.fit(matrix, [t.expected for t in tickets])
    assert tuple(model.classes_) == LEVELS
    coef = {}
    for j, feature in enumerate(vectorizer.get_feature_names_out()):
        weights = [round(float(w), DIGITS) for w in model.coef_[:, j]]
        if max(abs(w) for w in weights) >= PRUNE:
            coef[str(feature)] = weights
    return {"about": "escalation_desk linear text model: bench/train_severity_linear.py on the corpus tuning part",
            "tickets": len(tickets), "C": C, "min_df": MIN_DF, "prune": PRUNE,
            "levels": list(LEVELS), "intercepts": [round(float(b), DIGITS) for b in model.intercept_],
            "rare": rare, "idf": idf, "coef": coef}


def dumps(data: dict) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"


def write(text: str) -> None:
    """Gzipped with no name and no time in the header: the same text gives the same bytes."""
    with MODEL_FILE.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as out:
        out.write(text.encode("utf-8"))


def shipped_text() -> str:
    return gzip.decompress(MODEL_FILE.read_bytes()).decode("utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped file instead of writing it")
    args = parser.parse_args()
    tune, _ = parts(load())
    text = dumps(train(tune))
    if args.check:
        same = shipped_text() == text
        print(f"{MODEL_FILE.name}: {'matches' if same else 'DIFFERS from'} a fresh training")
        return 0 if same else 1
    write(text)
    data = json.loads(text)
    print(f"wrote {MODEL_FILE} ({MODEL_FILE.stat().st_size // 1024} KB gzipped, {len(text) // 1024} KB of JSON: "
          f"{len(data['idf'])} features with an idf, {len(data['coef'])} weighted)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
