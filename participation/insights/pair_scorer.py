"""Is idea B the same proposal as idea A? A small logistic regression over the sentence
model's cosine and word-level signals, learned from hand-labelled pairs.

Why: the sentence model puts "Mehr Busse am Wochenende" and "Fahrräder im Bus am
Wochenende" close together (same topic, shared words), while a reworded duplicate may
share no word at all. Given the cosine, the share of content words two texts of one
language have in common says whether the closeness comes from the same words or from the
same meaning; a negation on one side only ("keine Busse") is a further hint.

Features of one text pair (a, b):
  cos        cosine of the two sentence vectors
  overlap    Jaccard share of folded content words (0 when the languages differ)
  same_lang  1 when both texts are in one language (guess_language)
  negation   1 when exactly one of the texts negates
  overlap2   overlap squared (near-copies are duplicates again)
  cos_overlap  cos * overlap
  cos_cross  cos when the languages differ, else 0 (a translation's cosine runs lower)
  align_mean, align_worst2  word alignment of the two texts (alignment.py): does every
             content word find a close word in the other text, in any language?

An idea may carry several texts (its original and translations by helpers): the pair's
probability is the highest over all text pairs, so a German translation of a Turkish
idea is compared word by word with German ideas.

The weights live in pair_weights.py, written by `python -m tests.load.train_pair_scorer`
(trained on the "dev" topics of tests/data/duplicate_pairs.csv only).
"""
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .alignment import WordMatrices, align, word_vectors
from .embeddings import get_embedder
from .pair_weights import WEIGHTS
from .text import fold, guess_language, words

FEATURES = ("cos", "overlap", "same_lang", "negation", "overlap2", "cos_overlap", "cos_cross",
            "align_mean", "align_worst2")
NEGATION = re.compile(
    r"(?<!\w)(kein\w*|nicht|nie|niemals|ohne|no|not|never|without|değil|yok|не|ні|нема\w*|нет|без"
    r"|لا|ليس|بدون|عدم)(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class TextProfile:
    lang: str
    words: frozenset
    negated: bool
    content: tuple  # distinct content words as written, for the word alignment


@lru_cache(maxsize=16384)
def profile(text: str) -> TextProfile:
    content = tuple(dict.fromkeys(words(text)))
    return TextProfile(lang=guess_language(text), words=frozenset(fold(w) for w in content),
                       negated=bool(NEGATION.search(text or "")), content=content)


def pair_features(cos: float, a: TextProfile, b: TextProfile, word_vecs: WordMatrices) -> list[float]:
    """One feature row; `word_vecs` holds the vectors of both texts' content words."""
    same = a.lang == b.lang
    union = a.words | b.words
    overlap = len(a.words & b.words) / len(union) if same and union else 0.0
    return [cos, overlap, float(same), float(a.negated != b.negated), overlap * overlap,
            cos * overlap, 0.0 if same else cos, *align(a.content, b.content, word_vecs)]


def profiles_word_vectors(embedder, profiles) -> WordMatrices:
    return word_vectors(embedder, [p.content for p in profiles])


class PairScorer:
    """Probability that two ideas are the same proposal, from fixed learned weights."""

    def __init__(self, weights: dict, backend: str):
        self.backend = backend
        assert tuple(weights["features"]) == FEATURES, "pair_weights.py is out of date"
        self.mean = np.asarray(weights["mean"], dtype=np.float64)
        self.scale = np.asarray(weights["scale"], dtype=np.float64)
        self.coef = np.asarray(weights["coef"], dtype=np.float64)
        self.intercept = float(weights["intercept"])
        self.threshold = float(weights["threshold"])
        # Below this cosine a candidate is not scored at all (see train_pair_scorer).
        self.min_cosine = float(weights["min_cosine"])

    def probabilities(self, features) -> np.ndarray:
        z = (np.asarray(features, dtype=np.float64) - self.mean) / self.scale
        return 1.0 / (1.0 + np.exp(-(z @ self.coef + self.intercept)))

    def _word_vectors(self, profiles) -> WordMatrices:
        return profiles_word_vectors(get_embedder(self.backend), profiles)

    def probability(self, cos: float, a: TextProfile, b: TextProfile) -> float:
        features = pair_features(cos, a, b, self._word_vectors([a, b]))
        return float(self.probabilities([features])[0])

    def best(self, vectors_a, texts_a, vectors_b, texts_b) -> float:
        """The highest probability over all pairs of the two ideas' texts."""
        return float(self.best_of_pairs([(vectors_a, texts_a, vectors_b, texts_b)])[0])

    def best_of_pairs(self, pairs) -> np.ndarray:
        """best() for many idea pairs at once: one matrix product per pair, one model
        evaluation for all text pairs."""
        rows, owner = [], []
        word_vecs = self._word_vectors(
            [profile(t) for _, texts_a, _, texts_b in pairs for t in (*texts_a, *texts_b)])
        for index, (vectors_a, texts_a, vectors_b, texts_b) in enumerate(pairs):
            cosines = np.asarray(vectors_a, dtype=np.float32) @ np.asarray(vectors_b, dtype=np.float32).T
            for i, text_a in enumerate(texts_a):
                for j, text_b in enumerate(texts_b):
                    rows.append(pair_features(float(cosines[i, j]), profile(text_a), profile(text_b),
                                              word_vecs))
                    owner.append(index)
        best = np.zeros(len(pairs))
        if rows:
            np.maximum.at(best, np.asarray(owner), self.probabilities(rows))
        return best


_scorers: dict[str, PairScorer | None] = {}


def scorer_for(backend: str) -> PairScorer | None:
    """The scorer trained on this backend's cosines, or None (plain cosine threshold)."""
    if backend not in _scorers:
        weights = WEIGHTS.get(backend)
        _scorers[backend] = PairScorer(weights, backend) if weights else None
    return _scorers[backend]


