"""Word cloud data: the session's most frequent meaningful words, stop words of each
language removed and word forms folded ("Bus", "Busse", "buses" count as one word, shown
in the form the ideas use most). Counts per idea, not per occurrence, so one long card
repeating a word does not dominate."""
from collections import Counter, defaultdict

from .text import fold, words

DEFAULT_LIMIT = 40


def word_counts(texts: list[str], limit: int = DEFAULT_LIMIT) -> list[dict]:
    counts, forms = Counter(), defaultdict(Counter)
    for text in texts:
        seen = set()
        for word in words(text):
            key = fold(word)
            forms[key][word] += 1
            if key not in seen:
                counts[key] += 1
                seen.add(key)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
    if not ranked:
        return []
    top = ranked[0][1]
    result = []
    for key, count in ranked:
        word = sorted(forms[key].items(), key=lambda f: (-f[1], len(f[0]), f[0]))[0][0]
        # weight 1..5 lets a client pick a font size class without inline styles.
        weight = 1 + round(4 * (count - 1) / max(top - 1, 1))
        result.append({"word": word, "count": count, "weight": weight})
    return result
