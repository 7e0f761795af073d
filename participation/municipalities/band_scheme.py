"""The age bands a municipality uses: the six standard bands, or neighbours merged.

Residents answer in the six standard bands (join page, paper cards). A municipality whose
statistics cannot give a standard split (a table ending at "75 Jahre und mehr" cannot give
65-79 and 80+) may merge neighbouring bands, for example into "65+". Merged bands are the
only ones both the statistics and the residents' answers support, so the profile, the
representation and the age weighting all work in the same bands. Finer bands (65-74)
would need residents to be asked in them, which the join page does not do.

A scheme is stored as the ages where a band starts, for example "0,18,30,50,65".
"""
from flask_babel import lazy_gettext as _l

from ..age_bands import AGE_BAND_LABELS, AGE_BANDS
from ..errors import ValidationError
from .stats_groups import band_bounds

STANDARD_STARTS = tuple(band_bounds(b)[0] for b in AGE_BANDS)  # 0, 18, 30, 50, 65, 80
OPTIONAL_STARTS = STANDARD_STARTS[1:]


def code(low: int, high: int | None) -> str:
    return f"{low}+" if high is None else f"{low}-{high}"


def groups_from_starts(starts) -> tuple[str, ...]:
    starts = sorted(set(starts or ()) | {0})
    if any(s not in STANDARD_STARTS for s in starts):
        raise ValidationError("invalid_bands", _l("Altersgruppen können nur an den Grenzen 18, "
                                                  "30, 50, 65 und 80 Jahre beginnen."))
    ends = [s - 1 for s in starts[1:]] + [None]
    return tuple(code(low, high) for low, high in zip(starts, ends))


def parse_scheme(stored: str | None) -> tuple[str, ...]:
    if not stored:
        return AGE_BANDS
    return groups_from_starts(int(part) for part in stored.split(","))


def scheme_of(groups) -> str:
    starts = [band_bounds(g)[0] for g in groups]
    return "" if tuple(groups) == AGE_BANDS else ",".join(str(s) for s in starts)


def members(group: str) -> list[str]:
    """The standard bands inside a band of the scheme."""
    low, high = band_bounds(group)
    return [b for b in AGE_BANDS if band_bounds(b)[0] >= low
            and (high is None or (band_bounds(b)[1] is not None and band_bounds(b)[1] <= high))]


def group_of(band: str, groups) -> str | None:
    return next((g for g in groups if band in members(g)), None)


def aggregate(counts: dict[str, int], groups) -> dict[str, int]:
    """Standard-band counts summed into the scheme's bands."""
    return {g: sum(counts.get(b, 0) for b in members(g)) for g in groups}


def label(group: str):
    if group in AGE_BAND_LABELS:
        return AGE_BAND_LABELS[group]
    low, high = band_bounds(group)
    if high is None:
        return _l("%(low)s und älter", low=low)
    if low == 0:
        return _l("unter %(n)s", n=high + 1)
    return _l("%(low)s bis %(high)s", low=low, high=high)


def people_of(group: str):
    """'Menschen ab 65' for the representation's sentences."""
    low, high = band_bounds(group)
    if high is None:
        return _l("Menschen ab %(low)s", low=low)
    if low == 0:
        return _l("Menschen unter %(n)s", n=high + 1)
    return _l("Menschen von %(low)s bis %(high)s", low=low, high=high)


def regroup(counts: dict[str, int], groups) -> dict[str, int] | None:
    """Counts of some scheme re-added into `groups`, or None when a new band would need a
    split of an old one (finer bands need the figures again)."""
    result = {}
    for group in groups:
        inside = [old for old in counts if set(members(old)) <= set(members(group))]
        if sorted(b for old in inside for b in members(old)) != sorted(members(group)):
            return None
        result[group] = sum(counts[old] for old in inside)
    return result
