"""Nearest ideas and duplicate pairs over a per-session matrix of stored embeddings.

The matrix of one session and phase is cached in memory and rebuilt only when the set of
visible ideas changed; each check costs one aggregate query, so another server process
that added, hid or merged an idea is noticed at once. Embeddings are read from
Idea.embedding (computed once when the idea arrived); an idea without a stored vector of
the current backend gets one here, stored, and never recomputed.

With the sentence model, the cosine only picks candidates; whether two ideas say the same
is decided by the learned pair scorer (pair_scorer.py), which also compares each idea's
extra texts (translations) when a source for them is set with `set_extra_texts`.
"""
import threading
import time
from dataclasses import dataclass, field

import numpy as np
from sqlalchemy import func

from ..extensions import db
from ..ideas.models import Idea, IdeaStatus
from .embeddings import from_bytes, get_embedder, to_bytes
from .pair_scorer import scorer_for
from .vector_cache import vector_cache


@dataclass
class SessionMatrix:
    ids: np.ndarray      # idea ids, one per row, ascending
    matrix: np.ndarray   # float32, rows L2-normalised
    signature: tuple = ()
    checked_at: float = field(default_factory=lambda: _now())


_now = time.monotonic  # replaced in tests
_cache: dict[tuple, SessionMatrix] = {}
_cache_lock = threading.Lock()
_changed: set[int] = set()   # sessions with a new idea in this process since the last check
MAX_CACHED_SESSIONS = 64
# The typing hint re-checks the database at most this often per session (seconds). On
# SQLite the check reads every idea row of the session, embedding blobs included (about
# 15 ms for 2,000 ideas); a new idea from this process is seen at once (mark_changed),
# a hide or merge, or an idea from another server process, within this time.
HINT_MAX_AGE = 2.0
# The scorer looks at this many nearest ideas (by cosine) for a typed text, and at most
# this many closest pairs of a phase for the facilitator's duplicate list.
HINT_CANDIDATES = 24
MAX_SCORED_PAIRS = 1500
_extra_texts = None


def set_extra_texts(source) -> None:
    """Let translations feed the comparison: `source(ids)` returns {idea id: [text, ...]}
    (for example the German and other translations helpers added); None turns it off."""
    global _extra_texts
    _extra_texts = source


def clear_cache():
    with _cache_lock:
        _cache.clear()


def mark_changed(workshop_id: int) -> None:
    _changed.add(workshop_id)


def _visible(workshop_id: int, phase: str | None):
    conditions = [Idea.workshop_id == workshop_id, Idea.status == IdeaStatus.VISIBLE.value]
    if phase:
        conditions.append(Idea.phase == phase)
    return conditions


def _signature(workshop_id: int, phase: str | None) -> tuple:
    """Count, sum and sum of squares of the visible ids: one aggregate row instead of
    2,000 ids per lookup. Equal signatures mean the same set of ids (short of several
    simultaneous hide/restore swaps designed to collide)."""
    row = db.session.query(func.count(Idea.id), func.coalesce(func.sum(Idea.id), 0),
                           func.coalesce(func.sum(Idea.id * Idea.id), 0)).filter(
        *_visible(workshop_id, phase)).one()
    return tuple(int(v) for v in row)


def ensure_embeddings(ideas, embedder=None) -> int:
    """Store a vector on every idea that lacks one of this backend. Returns how many."""
    embedder = embedder or get_embedder()
    missing = [idea for idea in ideas if from_bytes(idea.embedding, embedder.dim) is None]
    if missing:
        vectors = embedder.encode([idea.text for idea in missing])
        for idea, vector in zip(missing, vectors):
            idea.embedding = to_bytes(vector)
    return len(missing)


def session_matrix(workshop_id: int, phase: str | None, max_age: float = 0.0) -> SessionMatrix:
    """The matrix of the visible ideas; checked against the database unless the cached one
    is younger than `max_age` seconds and no idea arrived here since."""
    embedder = get_embedder()
    key = (workshop_id, phase, embedder.name)
    cached = _cache.get(key)
    now = _now()
    if (cached is not None and max_age and now - cached.checked_at < max_age
            and workshop_id not in _changed):
        return cached
    _changed.discard(workshop_id)
    signature = _signature(workshop_id, phase)
    if cached is not None and cached.signature == signature:
        cached.checked_at = now
        return cached
    ids = np.asarray([row[0] for row in db.session.query(Idea.id).filter(
        *_visible(workshop_id, phase)).order_by(Idea.id)], dtype=np.int64)
    if cached is not None:
        # Reuse the rows still visible; read only the new ideas' vectors.
        keep = np.isin(cached.ids, ids)
        old_ids, old_rows = cached.ids[keep], cached.matrix[keep]
    else:
        old_ids, old_rows = np.zeros(0, dtype=np.int64), np.zeros((0, embedder.dim), np.float32)
    wanted = ids[~np.isin(ids, old_ids)].tolist()
    new_rows = np.zeros((0, embedder.dim), dtype=np.float32)
    if wanted:
        ideas = {idea.id: idea for idea in db.session.query(Idea).filter(Idea.id.in_(wanted))}
        if ensure_embeddings(list(ideas.values()), embedder):
            db.session.commit()
        new_rows = np.vstack([from_bytes(ideas[i].embedding, embedder.dim) for i in wanted])
    all_ids = np.concatenate([old_ids, np.asarray(wanted, dtype=np.int64)])
    order = np.argsort(all_ids, kind="stable")
    fresh = SessionMatrix(ids=all_ids[order],
                          matrix=np.ascontiguousarray(np.vstack([old_rows, new_rows])[order], dtype=np.float32),
                          signature=signature)
    with _cache_lock:
        if len(_cache) >= MAX_CACHED_SESSIONS and key not in _cache:
            _cache.pop(next(iter(_cache)))
        _cache[key] = fresh
    return fresh


def _idea_texts(ids: list[int]) -> dict[int, list[str]]:
    """Each idea's text as written, then its extra texts (translations), if any."""
    texts = {i: [t] for i, t in db.session.query(Idea.id, Idea.text).filter(Idea.id.in_(ids))}
    if _extra_texts is not None and texts:
        for idea_id, extra in (_extra_texts(list(texts)) or {}).items():
            if idea_id in texts:
                texts[idea_id] += [t for t in extra if t and t not in texts[idea_id]]
    return texts


def _vectors(embedder, row: np.ndarray, texts: list[str]) -> np.ndarray:
    """The stored vector of the idea's own text, then those of its extra texts."""
    if len(texts) == 1:
        return row[None, :]
    return np.vstack([row[None, :], vector_cache.vectors(embedder, texts[1:])])


def nearest(workshop_id: int, phase: str | None, vector: np.ndarray, limit: int = 3,
            threshold: float | None = None, exclude: set[int] = frozenset(),
            max_age: float = HINT_MAX_AGE, texts: list[str] | None = None) -> list[tuple[int, float]]:
    """Up to `limit` (idea id, score) of visible ideas above the threshold, best first.
    With `texts` (the typed text, then any translations of it) and a pair scorer for this
    backend, the score is the scorer's probability; otherwise the cosine."""
    embedder = get_embedder()
    scorer = scorer_for(embedder.name) if texts else None
    default = scorer.threshold if scorer else embedder.duplicate_threshold
    threshold = default if threshold is None else threshold
    cache = session_matrix(workshop_id, phase, max_age)
    if not len(cache.ids):
        return []
    scores = cache.matrix @ np.asarray(vector, dtype=np.float32)
    wanted = (HINT_CANDIDATES if scorer else limit) + len(exclude)
    k = min(wanted, len(scores))
    top = np.argpartition(-scores, k - 1)[:k]
    top = top[np.argsort(-scores[top])]
    if scorer is None:
        found = [(int(cache.ids[i]), float(scores[i])) for i in top
                 if scores[i] >= threshold and int(cache.ids[i]) not in exclude]
        return _still_visible(found)[:limit]
    rows = [r for r in top if scores[r] >= scorer.min_cosine and int(cache.ids[r]) not in exclude]
    idea_texts = _idea_texts([int(cache.ids[r]) for r in rows])
    rows = [r for r in rows if int(cache.ids[r]) in idea_texts]
    query = _vectors(embedder, np.asarray(vector, dtype=np.float32), list(texts))
    probabilities = scorer.best_of_pairs([
        (query, texts, _vectors(embedder, cache.matrix[r], idea_texts[int(cache.ids[r])]),
         idea_texts[int(cache.ids[r])]) for r in rows])
    found = sorted(((int(cache.ids[r]), float(p)) for r, p in zip(rows, probabilities) if p >= threshold),
                   key=lambda item: -item[1])
    return _still_visible(found)[:limit]


def _still_visible(found: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """The cached matrix may be up to HINT_MAX_AGE old: an idea hidden meanwhile (here or in
    another process) must not reach anyone's hint (finding 9). One small query, few ids."""
    if not found:
        return found
    visible = set(db.session.scalars(db.select(Idea.id).where(
        Idea.id.in_([idea_id for idea_id, _score in found]),
        Idea.status == IdeaStatus.VISIBLE.value)))
    return [pair for pair in found if pair[0] in visible]


def duplicate_pairs(workshop_id: int, phase: str | None, threshold: float | None = None,
                    skip: set[tuple[int, int]] = frozenset(), limit: int = 30) -> list[tuple[int, int, float]]:
    """Pairs (lower id, higher id, score) above the threshold, best first; the score is the
    pair scorer's probability where the backend has one, else the cosine."""
    embedder = get_embedder()
    scorer = scorer_for(embedder.name)
    default = scorer.threshold if scorer else embedder.duplicate_threshold
    threshold = default if threshold is None else threshold
    cache = session_matrix(workshop_id, phase)
    n = len(cache.ids)
    if n < 2:
        return []
    sims = cache.matrix @ cache.matrix.T
    floor = scorer.min_cosine if scorer else threshold
    rows, cols = np.nonzero(np.triu(sims >= floor, k=1))
    values = sims[rows, cols]
    # Only the closest pairs are ever scored or shown: keep those before sorting.
    keep = (MAX_SCORED_PAIRS if scorer else limit) + len(skip)
    if len(values) > keep:
        closest = np.argpartition(-values, keep)[:keep]
        rows, cols, values = rows[closest], cols[closest], values[closest]
    order = np.lexsort((cols, rows, -values))
    candidates = [(int(cache.ids[rows[k]]), int(cache.ids[cols[k]]), rows[k], cols[k]) for k in order]
    candidates = [c for c in candidates if (c[0], c[1]) not in skip]
    if scorer is None:
        return [(a, b, float(sims[r, c])) for a, b, r, c in candidates[:limit]]
    candidates = candidates[:MAX_SCORED_PAIRS]
    idea_texts = _idea_texts(sorted({i for a, b, _, _ in candidates for i in (a, b)}))
    candidates = [c for c in candidates if c[0] in idea_texts and c[1] in idea_texts]
    vectors = {}
    for a, b, r, c in candidates:
        vectors.setdefault(a, _vectors(embedder, cache.matrix[r], idea_texts[a]))
        vectors.setdefault(b, _vectors(embedder, cache.matrix[c], idea_texts[b]))
    probabilities = scorer.best_of_pairs([(vectors[a], idea_texts[a], vectors[b], idea_texts[b])
                                          for a, b, _, _ in candidates])
    pairs = [(a, b, float(p)) for (a, b, _, _), p in zip(candidates, probabilities) if p >= threshold]
    pairs.sort(key=lambda pair: -pair[2])
    return pairs[:limit]
