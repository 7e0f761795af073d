"""Learn the duplicate scorer's weights (participation/insights/pair_weights.py).

    .venv/bin/python -m tests.load.train_pair_scorer          # writes pair_weights.py

Deterministic: plain numpy logistic regression (full-batch gradient descent, L2) on the
"dev" topics of tests/data/duplicate_pairs.csv only; the "test" topics stay held out for
`make eval-similarity`. The threshold is chosen without looking at the test topics
either: leave-one-topic-out predictions within the dev topics, then the threshold with
the most recall whose precision there is at least 0.85.
"""
from pathlib import Path

import numpy as np

from participation.insights.pair_scorer import FEATURES, pair_features, profile, profiles_word_vectors

OUT = Path(__file__).resolve().parents[2] / "participation" / "insights" / "pair_weights.py"
TARGET_PRECISION = 0.85
# Chosen by leave-one-topic-out recall at precision >= 0.85 on the dev topics only
# (tried 0.01-5; 0.3 and below were alike, 1.0 and above lost recall).
L2 = 0.3
STEPS = 4000
RATE = 0.5
MIN_COSINE_MARGIN = 0.1


def fit(x: np.ndarray, y: np.ndarray) -> dict:
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = (x - mean) / scale
    coef, intercept = np.zeros(z.shape[1]), 0.0
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-(z @ coef + intercept)))
        coef -= RATE * (z.T @ (p - y) + L2 * coef) / len(y)
        intercept -= RATE * float((p - y).mean())
    return {"mean": mean, "scale": scale, "coef": coef, "intercept": intercept}


def predict(model: dict, x: np.ndarray) -> np.ndarray:
    z = (x - model["mean"]) / model["scale"]
    return 1.0 / (1.0 + np.exp(-(z @ model["coef"] + model["intercept"])))


def precision_recall(scores, labels, threshold):
    predicted = scores >= threshold
    tp = int((predicted & (labels == 1)).sum())
    fp = int((predicted & (labels == 0)).sum())
    fn = int((~predicted & (labels == 1)).sum())
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1)


def most_recall_at(scores, labels, target=TARGET_PRECISION) -> float:
    """The threshold with the most recall whose precision is at least `target` (the
    higher threshold on ties); 0.5 when none reaches it."""
    best = None
    for threshold in np.unique(np.round(scores, 4)):
        precision, recall = precision_recall(scores, labels, threshold)
        if precision >= target and (best is None or recall >= best[1]):
            best = (float(threshold), recall)
    return best[0] if best else 0.5


def feature_rows(rows, vectors: dict, backend="use") -> np.ndarray:
    """One feature row per labelled pair, texts as written."""
    from participation.insights.embeddings import get_embedder
    word_vecs = profiles_word_vectors(
        get_embedder(backend), [profile(r[k]) for r in rows for k in ("text_a", "text_b")])
    out = []
    for r in rows:
        a, b = r["text_a"], r["text_b"]
        out.append(pair_features(float(vectors[a] @ vectors[b]), profile(a), profile(b), word_vecs))
    return np.asarray(out, dtype=np.float64)


def encode_all(rows, backend="use") -> dict:
    from participation.insights.embeddings import get_embedder
    texts = sorted({r[k] for r in rows for k in ("text_a", "text_b", "de_b") if r.get(k)})
    return dict(zip(texts, get_embedder(backend).encode(texts)))


def train(rows, vectors) -> dict:
    dev = [r for r in rows if r["split"] == "dev"]
    x, y = feature_rows(dev, vectors), np.array([int(r["label"]) for r in dev])
    topics = np.array([r["topic"] for r in dev])
    held_out = np.zeros(len(dev))
    for topic in sorted(set(topics)):
        inside = topics == topic
        held_out[inside] = predict(fit(x[~inside], y[~inside]), x[inside])
    model = fit(x, y)
    model["threshold"] = round(most_recall_at(held_out, y), 4)
    # Candidates below this cosine are not scored: the lowest cosine of a dev pair the
    # model accepts, less a margin (scoring every pair of 2,000 ideas would be slow).
    accepted = predict(model, x) >= model["threshold"]
    model["min_cosine"] = round(float(x[accepted, 0].min()) - MIN_COSINE_MARGIN, 3)
    model["dev_topics"] = sorted({str(t) for t in topics})
    return model


def render(model: dict) -> str:
    def floats(values):
        return "[" + ", ".join(f"{float(v):.6f}" for v in values) + "]"
    return f'''"""Learned weights of the duplicate scorer (pair_scorer.py). Written by
`python -m tests.load.train_pair_scorer`; do not edit by hand."""

WEIGHTS = {{
    "use": {{
        "features": {FEATURES!r},
        "mean": {floats(model["mean"])},
        "scale": {floats(model["scale"])},
        "coef": {floats(model["coef"])},
        "intercept": {model["intercept"]:.6f},
        # Most recall at precision >= {TARGET_PRECISION} in leave-one-topic-out runs on the dev topics.
        "threshold": {model["threshold"]:.4f},
        "min_cosine": {model["min_cosine"]:.3f},
        "trained_on": {model["dev_topics"]!r},
    }},
}}
'''


def main():
    from tests.load.eval_similarity import load_pairs
    rows = load_pairs()
    OUT.write_text(render(train(rows, encode_all(rows))), encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
