"""Changing a municipality's age bands: its figures follow where they can be re-added."""
from flask_babel import lazy_gettext as _l

from ..extensions import db
from .band_scheme import groups_from_starts, regroup, scheme_of
from .models import AgeBandPopulation, PopulationFigure
from .services import get_municipality


def set_band_scheme(municipality_id: int, starts) -> bool:
    """Use the bands starting at `starts` (plus 0). Returns False when the current figures
    could not be carried over (a finer band needs them imported again)."""
    municipality = get_municipality(municipality_id)
    groups = groups_from_starts(starts)
    counts = regroup(municipality.population_by_band(), groups)
    kept = counts is not None
    municipality.age_bands.clear()
    db.session.flush()  # the old rows go before the new ones (one band per municipality)
    for position, group in enumerate(groups):
        municipality.age_bands.append(AgeBandPopulation(
            band=group, position=position, count=counts[group] if kept else 0))
    _regroup_series(municipality_id, groups)
    municipality.age_band_scheme = scheme_of(groups)
    db.session.commit()
    return kept


def _regroup_series(municipality_id: int, groups) -> None:
    rows = db.session.scalars(db.select(PopulationFigure).where(
        PopulationFigure.municipality_id == municipality_id)).all()
    by_date: dict[tuple, list[PopulationFigure]] = {}
    for row in rows:
        by_date.setdefault((row.reference_date, row.projection), []).append(row)
    for (when, projection), figures in by_date.items():
        counts = regroup({f.band: f.count for f in figures}, groups)
        source = figures[0].source
        for figure in figures:
            db.session.delete(figure)
        db.session.flush()
        if counts is None:
            continue  # a date that cannot give the new bands leaves the series
        for group in groups:
            db.session.add(PopulationFigure(municipality_id=municipality_id, reference_date=when,
                                            projection=projection, band=group,
                                            count=counts[group], source=source))


LOST_MESSAGE = _l("Die Altersgruppen sind geändert. Die bisherigen Zahlen ließen sich nicht auf "
                  "die feineren Gruppen aufteilen: bitte importieren Sie die Altersstruktur neu.")
