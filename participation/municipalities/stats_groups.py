"""Age groups as the statistical offices name them, and which bands can be built from them.

"unter 3 Jahre" is ages 0 to 2, "3 bis unter 6 Jahre" 3 to 5, "75 Jahre und mehr" 75 and
older, "45-Jährige" exactly 45. A band (for example 65-79) can be derived only when some of
the file's groups cover exactly its ages, without a gap and without a group reaching over
its edge, and every one of those groups has a known figure. Anything else is refused with
the reason: a guessed split (say, half of "75 und mehr" as "80+") would look official and be
wrong.
"""
import re
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class AgeGroup:
    low: int
    high: int | None  # None: open-ended ("und mehr")
    label: str = ""
    is_total: bool = False

    def __eq__(self, other):
        return isinstance(other, AgeGroup) and (self.low, self.high, self.is_total) == (
            other.low, other.high, other.is_total)

    def __hash__(self):
        return hash((self.low, self.high, self.is_total))


_N = r"(\d{1,3})"
_YEARS = r"(?:\s*(?:jahren?|jahr|j\.))?"
_PATTERNS = [
    (re.compile(rf"^unter\s+{_N}{_YEARS}$"), lambda a: (0, int(a[0]) - 1)),
    (re.compile(rf"^{_N}{_YEARS}\s+bis\s+unter\s+{_N}{_YEARS}$"),
     lambda a: (int(a[0]), int(a[1]) - 1)),
    (re.compile(rf"^{_N}\s*(?:-|–|bis)\s*{_N}{_YEARS}$"), lambda a: (int(a[0]), int(a[1]))),
    (re.compile(rf"^{_N}{_YEARS}\s+(?:und|u\.)\s+(?:mehr|älter|aelter|darüber)$"),
     lambda a: (int(a[0]), None)),
    (re.compile(rf"^{_N}\s*\+$|^{_N}\s+und\s+älter$"),
     lambda a: (int(a[0] or a[1]), None)),
    (re.compile(rf"^{_N}(?:-jährige|\s*jahre?\s*alt|{_YEARS})$"), lambda a: (int(a[0]), int(a[0]))),
]
TOTALS = {"insgesamt", "gesamt", "zusammen", "total", "alle altersgruppen"}


def parse_age_group(label: str) -> AgeGroup | None:
    text = re.sub(r"\s+", " ", (label or "").strip().strip('"')).lower()
    text = text.replace("\u2013", "-").replace("\u2212", "-")
    if not text:
        return None
    if text in TOTALS:
        return AgeGroup(0, None, label.strip(), is_total=True)
    for pattern, bounds in _PATTERNS:
        match = pattern.match(text)
        if match:
            low, high = bounds(match.groups())
            if high is not None and high < low:
                return None
            return AgeGroup(low, high, label.strip())
    return None


def band_bounds(band: str) -> tuple[int, int | None]:
    """'0-17' -> (0, 17); '80+' -> (80, None)."""
    if band.endswith("+"):
        return int(band[:-1]), None
    low, high = band.split("-")
    return int(low), int(high)


def _cover(groups: list, low: int, high: int | None) -> list | None:
    """Groups that cover exactly low..high, one after the other, or None."""
    candidates = sorted((g for g in groups if g.group.low == low), key=lambda c: (
        c.group.high is None, c.group.high or 0), reverse=True)
    for cell in candidates:
        g = cell.group
        if g.high == high:
            return [cell]
        if g.high is None or (high is not None and g.high > high):
            continue
        rest = _cover(groups, g.high + 1, high)
        if rest is not None:
            return [cell, *rest]
    return None


def derive_band(cells: list, band: str):
    """(count, None) or (None, translated reason) for one band from the cells of one date."""
    low, high = band_bounds(band)
    cover = _cover(cells, low, high)
    if cover is None:
        return None, _no_cover_reason(cells, band, low, high)
    unknown = [c for c in cover if c.value is None]
    if unknown:
        return None, _l("„%(band)s“ lässt sich nicht bilden: für %(groups)s steht in der Datei "
                        "kein Wert, sondern „%(sign)s“ (unbekannt oder geheim).", band=band,
                        groups=", ".join(f"„{c.group.label}“ (Zeile {c.line})" for c in unknown),
                        sign=unknown[0].sign or "…")
    return sum(c.value for c in cover), None


def _no_cover_reason(cells, band, low, high):
    straddling = [c for c in cells if c.group.low < (high + 1 if high is not None else 10**6)
                  and (c.group.high is None or c.group.high >= low)
                  and (c.group.low < low or (high is not None and (c.group.high is None
                                                                     or c.group.high > high)))]
    if straddling:
        cell = straddling[0]
        return _l("„%(band)s“ lässt sich nicht genau bilden: die Gruppe „%(group)s“ "
                  "(Zeile %(line)s) reicht über die Grenze der Altersgruppe hinaus. Aufteilen "
                  "hieße raten. Bitte exportieren Sie die Tabelle mit feineren Altersgruppen "
                  "(zum Beispiel nach Altersjahren).",
                  band=band, group=cell.group.label, line=cell.line)
    return _l("„%(band)s“ lässt sich nicht bilden: die Datei enthält für diese Jahre keine "
              "lückenlosen Altersgruppen.", band=band)
