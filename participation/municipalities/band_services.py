"""Changing a municipality's age bands: only to bands its figures support.

Every figure the municipality holds (the current age structure and each reference date of
the series) must give the new bands exactly: by adding up bands it already has (merging),
or from the offices' own groups kept at the import (splitting 65+ into 65-74 and 75+ needs a
table with "65 bis unter 75 Jahre" and "75 Jahre und mehr"). If one band of one date cannot
be derived, nothing changes and the message names the band, the date and the reason. A
municipality without any figures may choose any bands; the import then checks them.

Participants' stored answers are not touched: see band_scheme.py (common_groups).
"""
from flask_babel import lazy_gettext as _l

from ..errors import ValidationError
from ..extensions import db
from .band_scheme import OPTIONAL_STARTS, groups_from_starts, label, regroup, scheme_of
from .models import AgeBandPopulation, OfficialAgeGroup, PopulationFigure
from .services import get_municipality
from .stats_groups import AgeGroup, derive_band
from .stats_reading import Cell


def set_band_scheme(municipality_id: int, starts) -> tuple[str, ...]:
    """Use the bands starting at `starts` (plus 0); returns them. Raises ValidationError
    (and changes nothing) when some figure cannot give them."""
    starts = [int(s) for s in starts or ()]
    if any(s not in OPTIONAL_STARTS for s in starts):
        raise ValidationError("invalid_bands", _l("Diese Grenze zwischen Altersgruppen gibt es "
                                                  "nicht. Bitte wählen Sie aus der Liste."))
    municipality = get_municipality(municipality_id)
    groups = groups_from_starts(starts)
    series = _derive_series(_StoredFigures(municipality_id), groups)
    current = _derive_current(municipality, groups, series)
    municipality.age_bands.clear()
    db.session.flush()  # the old rows go before the new ones (one band per municipality)
    for position, group in enumerate(groups):
        municipality.age_bands.append(AgeBandPopulation(band=group, position=position,
                                                        count=current[group]))
    db.session.execute(db.delete(PopulationFigure).where(
        PopulationFigure.municipality_id == municipality_id))
    db.session.flush()
    for (when, projection), (counts, source) in series.items():
        for group in groups:
            db.session.add(PopulationFigure(municipality_id=municipality_id, reference_date=when,
                                            projection=projection, band=group,
                                            count=counts[group], source=source))
    municipality.age_band_scheme = scheme_of(groups)
    db.session.commit()
    return groups


def supported_starts(municipality_id: int) -> tuple[int, ...] | None:
    """The band limits the stored figures support, each on its own (a scheme made of them is
    then derivable too); None while the municipality holds no figures (any limit goes)."""
    municipality = get_municipality(municipality_id)
    figures = _StoredFigures(municipality_id)  # read once for all 21 limits
    if not figures.by_date and not any(municipality.population_by_band().values()):
        return None
    supported = []
    for start in OPTIONAL_STARTS:
        groups = groups_from_starts([start])
        try:
            _derive_current(municipality, groups, _derive_series(figures, groups))
        except ValidationError:
            continue
        supported.append(start)
    return tuple(supported)


class _StoredFigures:
    """A municipality's stored figures, read once: the series by reference date, and the
    offices' own groups kept at the import (read when first needed)."""

    def __init__(self, municipality_id: int):
        self.municipality_id = municipality_id
        self.by_date: dict[tuple, list[PopulationFigure]] = {}
        for row in db.session.scalars(db.select(PopulationFigure).where(
                PopulationFigure.municipality_id == municipality_id)):
            self.by_date.setdefault((row.reference_date, row.projection), []).append(row)
        self._office: dict[tuple, list[Cell]] | None = None

    def office_cells(self, when, projection: bool) -> list[Cell]:
        if self._office is None:
            self._office = {}
            for kept in db.session.scalars(db.select(OfficialAgeGroup).where(
                    OfficialAgeGroup.municipality_id == self.municipality_id)):
                self._office.setdefault((kept.reference_date, kept.projection), []).append(
                    Cell(group=AgeGroup(kept.low, kept.high, kept.label), line=kept.line,
                         value=kept.count, sign=kept.sign))
        return self._office.get((when, projection), [])


def _derive_series(figures: _StoredFigures, groups) -> dict:
    """{(date, projection): (counts in `groups`, source)} for every stored reference date."""
    result = {}
    for (when, projection), rows in sorted(figures.by_date.items()):
        counts = regroup({f.band: f.count for f in rows}, groups)
        if counts is None:
            counts = _from_office_groups(figures.office_cells(when, projection), when, groups)
        result[(when, projection)] = (counts, rows[0].source)
    return result


def _from_office_groups(cells: list[Cell], when, groups) -> dict:
    day = when.strftime("%d.%m.%Y")
    if not cells:
        raise ValidationError("bands_not_derivable", _l(
            "Die Altersgruppen lassen sich aus den Zahlen vom %(d)s nicht bilden: von diesem "
            "Stichtag sind nur die bisherigen Altersgruppen gespeichert. Bitte importieren Sie "
            "die Tabelle des Statistikamts erneut; dann sind auch feinere Gruppen möglich. "
            "Nichts wurde geändert.", d=day))
    counts = {}
    for group in groups:
        count, reason = derive_band(cells, group)
        if reason is not None:
            raise ValidationError("bands_not_derivable", _l(
                "„%(band)s“ lässt sich aus der amtlichen Statistik nicht bilden (Stichtag "
                "%(d)s): %(reason)s Nichts wurde geändert.", band=label(group), d=day,
                reason=reason))
        counts[group] = count
    return counts


def _derive_current(municipality, groups, series: dict) -> dict:
    observed = [when for when, projection in series if not projection]
    if observed:
        return series[(max(observed), False)][0]
    counts = municipality.population_by_band()
    if not any(counts.values()):
        return {group: 0 for group in groups}  # nothing to derive yet: the import checks
    regrouped = regroup(counts, groups)
    if regrouped is None:
        missing = next(g for g in groups if regroup(counts, [g]) is None)
        raise ValidationError("bands_not_derivable", _l(
            "„%(band)s“ lässt sich aus der erfassten Altersstruktur nicht bilden: sie hat "
            "diese Grenze nicht. Importieren Sie die amtliche Statistik mit dieser Grenze "
            "(dafür die Zahlen zuerst auf 0 setzen) oder wählen Sie gröbere Gruppen. Nichts "
            "wurde geändert.", band=label(missing)))
    return regrouped
