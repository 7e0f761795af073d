"""The age-weighted ranking: each age band's dots count in proportion to its population share.

Pure functions on plain numbers, so the arithmetic can be checked by hand.

weight(band) = population share of the band / share of the (known-band) dots from the band.
A band that placed more dots than its share of residents counts less, one that placed fewer
counts more. Dots without an age band keep the weight 1: nothing is known to scale them by.
A band that placed no dots cannot be scaled up from nothing; it simply adds nothing.
"""
from ..age_bands import AGE_BANDS, NO_ANSWER
from ..municipalities.band_scheme import aggregate, common_groups, group_of, is_band_code


def band_weights(dots_per_band: dict[str, int], population: dict[str, int]) -> dict[str, float] | None:
    """Weights per age band, or None when the Kommunalprofil has no age structure.

    `population` is keyed by the municipality's bands, `dots_per_band` by the bands the dots
    were placed in (the residents' answers). They are compared in the finest bands both fit
    into (band_scheme.common_groups): dots of the standard band "65-79" under a population in
    "65+" are pooled with "80+", and an old answer "65-79" under a scheme with 65-74 and 75+
    pools those two. Every band inside one group gets the group's weight.
    """
    answered = [b for b, n in dots_per_band.items() if n and is_band_code(b)]
    groups = common_groups(list(population), answered)
    pooled_population = aggregate(population, groups)
    pop_total = sum(pooled_population.values())
    if pop_total <= 0:
        return None
    group_dots = aggregate({b: n for b, n in dots_per_band.items() if is_band_code(b)}, groups)
    known_total = sum(group_dots.values())
    weights = {NO_ANSWER: 1.0}
    group_weight = {}
    for group in groups:
        dots = group_dots[group]
        weight = 0.0
        if dots > 0 and known_total > 0:
            weight = (pooled_population[group] / pop_total) / (dots / known_total)
        group_weight[group] = weight
    for band in {*population, *dots_per_band, *AGE_BANDS}:
        if is_band_code(band) and group_of(band, groups) is not None:
            weights[band] = group_weight[group_of(band, groups)]
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
