"""Theme suggestions: groups of similar ideas, each with a short label drawn from the
ideas' own words. Only a suggestion: nothing is grouped until the facilitator accepts."""
from collections import Counter, defaultdict

import numpy as np

from .text import count_per_idea, fold, most_used_form, words

MIN_GROUP = 2
MAX_LABEL_WORDS = 2


def group_rows(matrix: np.ndarray, threshold: float) -> list[list[int]]:
    """Greedy centroid grouping: each row joins the closest group whose centroid is similar
    enough, else starts a new one; then a second pass reassigns every row to its best
    centroid. Deterministic, O(n * groups), fine for a few thousand ideas."""
    n = len(matrix)
    if n == 0:
        return []
    sims = matrix @ matrix.T
    # Rows with many close neighbours first: they make better seeds.
    order = np.argsort(-(sims >= threshold).sum(axis=1), kind="stable")
    centroids, members = [], []
    for row in order:
        if centroids:
            scores = np.asarray(centroids) @ matrix[row]
            best = int(np.argmax(scores))
            if scores[best] >= threshold:
                members[best].append(int(row))
                c = matrix[members[best]].mean(axis=0)
                centroids[best] = c / (np.linalg.norm(c) or 1.0)
                continue
        centroids.append(matrix[row].copy())
        members.append([int(row)])
    groups = defaultdict(list)
    cmatrix = np.asarray(centroids)
    for row in range(n):
        scores = cmatrix @ matrix[row]
        best = int(np.argmax(scores))
        if scores[best] >= threshold:
            groups[best].append(row)
    result = [sorted(g) for g in groups.values() if len(g) >= MIN_GROUP]
    result.sort(key=lambda g: (-len(g), g[0]))
    return result


def label_for(group_texts: list[str], all_texts: list[str]) -> str:
    """The group's most telling words (frequent in the group, rarer elsewhere), written as
    the ideas write them most often."""
    inside, surface = count_per_idea(group_texts)
    if not inside:
        return ""
    outside = Counter()
    for text in all_texts:
        outside.update(set(fold(w) for w in words(text)))
    n_all = max(len(all_texts), 1)

    def weight(key):
        share = inside[key] / len(group_texts)
        rarity = np.log((n_all + 1) / (outside[key] + 1)) + 1.0
        return share * rarity

    ranked = sorted(inside, key=lambda k: (-weight(k), k))
    picked = [k for k in ranked if inside[k] >= 2][:MAX_LABEL_WORDS] or ranked[:1]
    return " · ".join(_display(surface[k]) for k in picked)


def _display(forms: Counter) -> str:
    word = most_used_form(forms)
    return word[:1].upper() + word[1:]
