"""Sentence vectors of texts that are not stored on an idea (translations, single words),
kept per process, least recently used first out."""
import threading
from collections import OrderedDict

import numpy as np


class VectorCache:
    """Vectors of texts by (model, text); at most `size`, least recently used out."""

    def __init__(self, size: int = 4096):
        self.size = size
        self._items: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def vectors(self, embedder, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, embedder.dim), dtype=np.float32)
        found = {}
        with self._lock:
            for text in texts:
                vector = self._items.get((embedder.name, text))
                if vector is not None:
                    self._items.move_to_end((embedder.name, text))
                    found[text] = vector
        missing = [t for t in dict.fromkeys(texts) if t not in found]
        if missing:
            found.update(zip(missing, embedder.encode(missing)))
            with self._lock:
                for text in missing:
                    self._items[(embedder.name, text)] = found[text]
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
        return np.vstack([found[t] for t in texts])


vector_cache = VectorCache()
