"""Nearest ideas and duplicate pairs over a per-session matrix of stored embeddings.

The matrix of one session and phase is cached in memory and rebuilt only when the set of
visible ideas changed; each check costs one small id query, so another server process
that added, hid or merged an idea is noticed at once. Embeddings are read from
Idea.embedding (computed once when the idea arrived); an idea without a stored vector of
the current backend gets one here, stored, and never recomputed.
"""
import threading
from dataclasses import dataclass

import numpy as np

from ..extensions import db
from ..ideas.models import Idea, IdeaStatus
from .embeddings import from_bytes, get_embedder, to_bytes


@dataclass
class SessionMatrix:
    ids: np.ndarray      # idea ids, one per row
    matrix: np.ndarray   # float32, rows L2-normalised


_cache: dict[tuple, SessionMatrix] = {}
_cache_lock = threading.Lock()
MAX_CACHED_SESSIONS = 64


def clear_cache():
    with _cache_lock:
        _cache.clear()


def _visible_ids(workshop_id: int, phase: str | None) -> list[int]:
    query = db.session.query(Idea.id).filter(Idea.workshop_id == workshop_id,
                                             Idea.status == IdeaStatus.VISIBLE.value)
    if phase:
        query = query.filter(Idea.phase == phase)
    return [row[0] for row in query.order_by(Idea.id)]


def ensure_embeddings(ideas, embedder=None) -> int:
    """Store a vector on every idea that lacks one of this backend. Returns how many."""
    embedder = embedder or get_embedder()
    missing = [idea for idea in ideas if from_bytes(idea.embedding, embedder.dim) is None]
    if missing:
        vectors = embedder.encode([idea.text for idea in missing])
        for idea, vector in zip(missing, vectors):
            idea.embedding = to_bytes(vector)
    return len(missing)


def session_matrix(workshop_id: int, phase: str | None) -> SessionMatrix:
    embedder = get_embedder()
    key = (workshop_id, phase, embedder.name)
    ids = _visible_ids(workshop_id, phase)
    cached = _cache.get(key)
    if cached is not None and len(cached.ids) == len(ids) and np.array_equal(cached.ids, ids):
        return cached
    known = {}
    if cached is not None:
        known = {int(i): cached.matrix[row] for row, i in enumerate(cached.ids)}
    wanted = [i for i in ids if i not in known]
    if wanted:
        rows = db.session.query(Idea).filter(Idea.id.in_(wanted)).all()
        if ensure_embeddings(rows, embedder):
            db.session.commit()
        for idea in rows:
            known[idea.id] = from_bytes(idea.embedding, embedder.dim)
    matrix = (np.vstack([known[i] for i in ids]).astype(np.float32) if ids
              else np.zeros((0, embedder.dim), dtype=np.float32))
    fresh = SessionMatrix(ids=np.asarray(ids, dtype=np.int64), matrix=matrix)
    with _cache_lock:
        if len(_cache) >= MAX_CACHED_SESSIONS and key not in _cache:
            _cache.pop(next(iter(_cache)))
        _cache[key] = fresh
    return fresh


def nearest(workshop_id: int, phase: str | None, vector: np.ndarray, limit: int = 3,
            threshold: float | None = None, exclude: set[int] = frozenset()) -> list[tuple[int, float]]:
    """Up to `limit` (idea id, cosine) of visible ideas above the threshold, best first."""
    threshold = get_embedder().duplicate_threshold if threshold is None else threshold
    cache = session_matrix(workshop_id, phase)
    if not len(cache.ids):
        return []
    scores = cache.matrix @ np.asarray(vector, dtype=np.float32)
    top = np.argsort(-scores)[: limit + len(exclude)]
    found = [(int(cache.ids[i]), float(scores[i])) for i in top
             if scores[i] >= threshold and int(cache.ids[i]) not in exclude]
    return found[:limit]


def duplicate_pairs(workshop_id: int, phase: str | None, threshold: float | None = None,
                    skip: set[tuple[int, int]] = frozenset(), limit: int = 30) -> list[tuple[int, int, float]]:
    """Pairs (lower id, higher id, cosine) above the threshold, best first."""
    threshold = get_embedder().duplicate_threshold if threshold is None else threshold
    cache = session_matrix(workshop_id, phase)
    n = len(cache.ids)
    if n < 2:
        return []
    sims = cache.matrix @ cache.matrix.T
    rows, cols = np.nonzero(np.triu(sims >= threshold, k=1))
    order = np.argsort(-sims[rows, cols])
    pairs = []
    for k in order:
        a, b = int(cache.ids[rows[k]]), int(cache.ids[cols[k]])
        if (a, b) in skip:
            continue
        pairs.append((a, b, float(sims[rows[k], cols[k]])))
        if len(pairs) >= limit:
            break
    return pairs
