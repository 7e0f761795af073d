"""The age-weighted ranking: each age band's dots count in proportion to its population share.

Pure functions on plain numbers, so the arithmetic can be checked by hand.

weight(band) = population share of the band / share of the (known-band) dots from the band.
A band that placed more dots than its share of residents counts less, one that placed fewer
counts more. Dots without an age band keep the weight 1: nothing is known to scale them by.
A band that placed no dots cannot be scaled up from nothing; it simply adds nothing.
"""
from ..age_bands import AGE_BANDS, NO_ANSWER
from ..municipalities.band_scheme import members


def band_weights(dots_per_band: dict[str, int], population: dict[str, int]) -> dict[str, float] | None:
    """Weights per age band, or None when the Kommunalprofil has no age structure.

    `population` is keyed by the municipality's bands; where it merged standard bands (for
    example "65+"), the dots of its members are pooled and each member gets the same weight.
    """
    groups = (list(population) if any(g not in AGE_BANDS for g in population)
              else list(AGE_BANDS))
    pop_total = sum(population.get(group, 0) for group in groups)
    if pop_total <= 0:
        return None
    group_dots = {g: sum(dots_per_band.get(b, 0) for b in members(g)) for g in groups}
    known_total = sum(group_dots.values())
    weights = {NO_ANSWER: 1.0}
    for group in groups:
        dots = group_dots[group]
        weight = 0.0
        if dots > 0 and known_total > 0:
            weight = (population.get(group, 0) / pop_total) / (dots / known_total)
        for band in members(group):
            weights[band] = weight
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
