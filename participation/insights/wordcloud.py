"""Word cloud data: the session's most frequent meaningful words, stop words of each
language removed and word forms folded ("Bus", "Busse", "buses" count as one word, shown
in the form the ideas use most). Counts per idea, not per occurrence, so one long card
repeating a word does not dominate."""
from .text import count_per_idea, most_used_form

DEFAULT_LIMIT = 40


def word_counts(texts: list[str], limit: int = DEFAULT_LIMIT) -> list[dict]:
    counts, forms = count_per_idea(texts)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
    if not ranked:
        return []
    top = ranked[0][1]
    result = []
    for key, count in ranked:
        word = most_used_form(forms[key])
        # weight 1..5 lets a client pick a font size class without inline styles.
        weight = 1 + round(4 * (count - 1) / max(top - 1, 1))
        result.append({"word": word, "count": count, "weight": weight})
    return result
