"""Word alignment of two idea texts: does every content word of one text have a close
word in the other? Two features of the pair scorer (pair_scorer.py).

Why: "Mehr Busse am Wochenende" and "Fahrräder im Bus am Wochenende" are close as
sentences, but "Fahrräder" has no close word in the first text; a reworded duplicate
("Der Bus soll auch sonntags fahren") finds a match for nearly every word. The word
vectors come from the same multilingual sentence model (one short text per word), so
"Busse" also finds "otobüs" or "автобус" across languages.

  align_mean    mean over both texts' content words of the best cosine to a word of the
                other text (the two directions averaged)
  align_worst2  the lower of the two directions' mean of their two worst-matched words
                (the contrast: a proposal's own word that the other text lacks)

Word vectors are encoded once per process (LRU, 16,384 words), many at a time.
"""
import numpy as np

from .vector_cache import VectorCache

word_cache = VectorCache(size=16384)
# A text without content words (only stop words) aligns with anything: neutral values.
NO_WORDS = (1.0, 1.0)


class WordMatrices:
    """The stacked word vectors of each text's content words, built once per text."""

    def __init__(self, vectors: dict):
        self.vectors = vectors
        self._matrices: dict[tuple, np.ndarray] = {}

    def of(self, content: tuple) -> np.ndarray:
        matrix = self._matrices.get(content)
        if matrix is None:
            matrix = self._matrices[content] = np.vstack([self.vectors[w] for w in content])
        return matrix


def word_vectors(embedder, texts_words) -> WordMatrices:
    """The vectors of all the words of the given word lists, encoded in one batch."""
    wanted = sorted({w for ws in texts_words for w in ws})
    return WordMatrices(dict(zip(wanted, word_cache.vectors(embedder, wanted))) if wanted else {})


def _worst2(best: np.ndarray) -> float:
    if len(best) <= 2:
        return float(best.sum()) / len(best)
    two = np.partition(best, 1)[:2]
    return float(two[0] + two[1]) / 2


def align(words_a: tuple, words_b: tuple, matrices: WordMatrices) -> tuple[float, float]:
    """(align_mean, align_worst2) of two tuples of distinct content words."""
    if not words_a or not words_b:
        return NO_WORDS
    sims = matrices.of(words_a) @ matrices.of(words_b).T
    best_a, best_b = sims.max(axis=1), sims.max(axis=0)
    mean = (float(best_a.sum()) / len(best_a) + float(best_b.sum()) / len(best_b)) / 2
    return mean, min(_worst2(best_a), _worst2(best_b))
