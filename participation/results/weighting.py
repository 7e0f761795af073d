"""The age-weighted ranking: each age band's dots count in proportion to its population share.

Pure functions on plain numbers, so the arithmetic can be checked by hand.

weight(band) = population share of the band / share of the (known-band) dots from the band.
A band that placed more dots than its share of residents counts less, one that placed fewer
counts more. Dots without an age band keep the weight 1: nothing is known to scale them by.
A band that placed no dots cannot be scaled up from nothing; it simply adds nothing.
"""
from ..age_bands import AGE_BANDS, NO_ANSWER


def band_weights(dots_per_band: dict[str, int], population: dict[str, int]) -> dict[str, float] | None:
    """Weights per age band, or None when the Kommunalprofil has no age structure."""
    pop_total = sum(population.get(band, 0) for band in AGE_BANDS)
    if pop_total <= 0:
        return None
    known_total = sum(dots_per_band.get(band, 0) for band in AGE_BANDS)
    weights = {NO_ANSWER: 1.0}
    for band in AGE_BANDS:
        dots = dots_per_band.get(band, 0)
        if dots <= 0 or known_total <= 0:
            weights[band] = 0.0
            continue
        population_share = population.get(band, 0) / pop_total
        dot_share = dots / known_total
        weights[band] = population_share / dot_share
    return weights


def weighted_score(by_band: dict[str, int], weights: dict[str, float]) -> float:
    return sum(count * weights.get(band if band in weights else NO_ANSWER, 1.0)
               for band, count in by_band.items())


def rank(items: list[dict], key: str) -> list[dict]:
    """Sort by `key` (descending, then by id) and add competition ranks (1, 1, 3) as
    `<key>_rank`. Returns new dicts; the input stays untouched."""
    ordered = sorted(items, key=lambda item: (-item[key], item["id"]))
    ranked, previous, position = [], None, 0
    for index, item in enumerate(ordered, start=1):
        value = round(item[key], 6)
        if value != previous:
            position, previous = index, value
        ranked.append({**item, f"{key}_rank": position})
    return ranked
