"""The age bands a municipality uses: the six standard bands, neighbours merged, or finer
bands the official statistics support (a table ending at "65 bis unter 75 Jahre", "75 Jahre
und mehr" gives 65-74 and 75+).

Residents are asked in the municipality's own bands (join page, kiosk, paper cards), so the
profile, the representation and the age weighting all work in the same bands. A stored
answer is never rewritten: a person who joined as "65-79" before the municipality split that
band into 65-74 and 75+ stays "65-79". Figures then use the finest bands both the scheme and
the answers given support (common_groups: 65-74 and 75+ are shown together as 65+ for that
session), so nothing is guessed and nobody drops out of the count.

A scheme is stored as the ages where a band starts, for example "0,18,30,50,65,75".
"""
import re

from flask_babel import lazy_gettext as _l

from ..age_bands import AGE_BAND_LABELS, AGE_BANDS, NO_ANSWER
from .stats_groups import band_bounds

STANDARD_STARTS = tuple(band_bounds(b)[0] for b in AGE_BANDS)  # 0, 18, 30, 50, 65, 80
# Where a band may start: the standard limits and the limits of the offices' usual groups
# (GENESIS 12411: unter 3, 3-6, 6-10, 10-15, 15-18, 18-20, ..., 65-75, 75 und mehr; the
# Regionaldatenbank and the Länder also publish 80, 85 and 90). Whether the municipality's
# figures support a limit is checked when the scheme is changed (band_services.py).
OPTIONAL_STARTS = (3, 6, 10, 15, 18, 20, 21, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80,
                   85, 90)
_CODE = re.compile(r"^(\d{1,3})-(\d{1,3})$|^(\d{1,3})\+$")


def code(low: int, high: int | None) -> str:
    return f"{low}+" if high is None else f"{low}-{high}"


def groups_from_starts(starts) -> tuple[str, ...]:
    starts = sorted(set(starts or ()) | {0})
    ends = [s - 1 for s in starts[1:]] + [None]
    return tuple(code(low, high) for low, high in zip(starts, ends))


def parse_scheme(stored: str | None) -> tuple[str, ...]:
    if not stored:
        return AGE_BANDS
    return groups_from_starts(int(part) for part in stored.split(","))


def starts_of(groups) -> list[int]:
    """Where each band starts: ("0-17", "18-64", "65+") -> [0, 18, 65]."""
    return [band_bounds(g)[0] for g in groups]


def scheme_of(groups) -> str:
    return "" if tuple(groups) == AGE_BANDS else ",".join(str(s) for s in starts_of(groups))


def is_band_code(value) -> bool:
    """'65-74' or '75+' (any band a scheme can have had), not 'none' or rubbish."""
    match = _CODE.match(value) if isinstance(value, str) else None
    return bool(match) and (match[3] is not None or int(match[1]) <= int(match[2]))


def inside(band: str, group: str) -> bool:
    low, high = band_bounds(band)
    g_low, g_high = band_bounds(group)
    return low >= g_low and (g_high is None or (high is not None and high <= g_high))


def members(group: str) -> list[str]:
    """The standard bands inside a band of the scheme."""
    return [b for b in AGE_BANDS if inside(b, group)]


def group_of(band: str, groups) -> str | None:
    return next((g for g in groups if inside(band, g)), None)


def aggregate(counts: dict[str, int], groups) -> dict[str, int]:
    """Counts in any bands (codes such as '65-79' or '75+') summed into `groups`; a band that
    lies in none of them is left out (use common_groups first to avoid that)."""
    result = {g: 0 for g in groups}
    for band, count in counts.items():
        group = group_of(band, groups) if is_band_code(band) else None
        if group is not None:
            result[group] += count
    return result


def common_groups(groups, answered) -> tuple[str, ...]:
    """The finest bands that both `groups` (a scheme) and the `answered` bands fit into: a
    scheme limit that an answer reaches over is dropped (an answer "65-79" under a scheme
    with 65-74 and 75+ gives 65+). With answers in the scheme's own bands, the scheme."""
    spans = [band_bounds(b) for b in answered if is_band_code(b)]
    starts = [band_bounds(g)[0] for g in groups]
    kept = [s for s in starts if s == 0 or not any(
        low < s and (high is None or high >= s) for low, high in spans)]
    ends = [s - 1 for s in kept[1:]] + [None]
    return tuple(code(low, high) for low, high in zip(kept, ends))


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
        within = [old for old in counts if inside(old, group)]
        if _span(within) != band_bounds(group):
            return None
        result[group] = sum(counts[old] for old in within)
    return result


def _span(bands) -> tuple[int, int | None] | None:
    """(low, high) of bands that follow one another without a gap, else None."""
    bounds = sorted(band_bounds(b) for b in bands)
    if not bounds:
        return None
    for (_, high), (low, _) in zip(bounds, bounds[1:]):
        if high is None or high + 1 != low:
            return None
    return bounds[0][0], bounds[-1][1]


def band_order(bands) -> list[str]:
    """Band codes by age, then "none" (NO_ANSWER) last."""
    codes = sorted((b for b in bands if is_band_code(b)), key=lambda b: (
        band_bounds(b)[0], band_bounds(b)[1] is None, band_bounds(b)[1] or 0))
    return codes + [NO_ANSWER]
