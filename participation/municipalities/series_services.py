"""Population over time: the reference dates of official statistics and projections.

An import replaces the figures of the dates it brings (a corrected table wins) and keeps
the others; the latest observed date also becomes the current age structure, which the
representation and the age-weighted ranking use.
"""
from datetime import date

from ..extensions import db
from .models import OfficialAgeGroup, PopulationFigure
from .profile_services import _check_counts, set_age_structure
from .services import get_municipality

MAX_SOURCE = 300


def store_statistics(municipality_id: int, series: dict, source: str = "",
                     projection: bool = False, cells: dict | None = None) -> None:
    """`series` maps reference dates (or None: no date, the app's own format) to band counts;
    `cells` the file's own groups per date (stats_reading.Cell), kept for later bands.

    Everything is written in one transaction; nothing when something fails.
    """
    bands = get_municipality(municipality_id).band_groups()
    for counts in series.values():
        _check_counts(counts, bands)
    dated = {when: counts for when, counts in series.items() if when is not None}
    if dated:
        db.session.execute(db.delete(PopulationFigure).where(
            PopulationFigure.municipality_id == municipality_id,
            PopulationFigure.projection.is_(projection),
            PopulationFigure.reference_date.in_(list(dated))))
        for when, counts in dated.items():
            for band in bands:
                db.session.add(PopulationFigure(
                    municipality_id=municipality_id, reference_date=when, projection=projection,
                    band=band, count=counts[band], source=(source or "")[:MAX_SOURCE]))
        _store_cells(municipality_id, projection, list(dated), cells or {})
    if projection:
        db.session.commit()
        return
    current = series[max(dated)] if dated else series.get(None)
    if current is not None:
        set_age_structure(municipality_id, current)  # commits the whole import at once
    else:
        db.session.commit()


def _store_cells(municipality_id: int, projection: bool, dates: list, cells: dict) -> None:
    """The groups of the dates just imported replace the kept ones of those dates (a date
    imported from the app's own format keeps no groups: it has only bands)."""
    db.session.execute(db.delete(OfficialAgeGroup).where(
        OfficialAgeGroup.municipality_id == municipality_id,
        OfficialAgeGroup.projection.is_(projection),
        OfficialAgeGroup.reference_date.in_(dates)))
    for when in dates:
        seen = set()
        for cell in cells.get(when, ()):
            key = (cell.group.low, cell.group.high)
            if key in seen:
                continue  # the same group twice (a repeated line) is checked by the import
            seen.add(key)
            db.session.add(OfficialAgeGroup(
                municipality_id=municipality_id, reference_date=when, projection=projection,
                low=cell.group.low, high=cell.group.high, count=cell.value,
                label=(cell.group.label or "")[:80], line=cell.line or 0,
                sign=(cell.sign or "")[:8]))


def population_series(municipality_id: int) -> dict:
    """{"observed": {date: {band: n}}, "projection": {...}, "sources": [(kind, first, last, src)]}."""
    rows = db.session.scalars(db.select(PopulationFigure).where(
        PopulationFigure.municipality_id == municipality_id).order_by(
        PopulationFigure.reference_date)).all()
    result = {"observed": {}, "projection": {}, "sources": []}
    seen: dict[tuple[bool, str], list[date]] = {}
    for row in rows:
        key = "projection" if row.projection else "observed"
        result[key].setdefault(row.reference_date, {})[row.band] = row.count
        seen.setdefault((row.projection, row.source), []).append(row.reference_date)
    for (projection, source), dates in seen.items():
        result["sources"].append((projection, min(dates), max(dates), source))
    return result


def remove_series(municipality_id: int, projection: bool) -> None:
    db.session.execute(db.delete(PopulationFigure).where(
        PopulationFigure.municipality_id == municipality_id,
        PopulationFigure.projection.is_(projection)))
    db.session.execute(db.delete(OfficialAgeGroup).where(
        OfficialAgeGroup.municipality_id == municipality_id,
        OfficialAgeGroup.projection.is_(projection)))
    db.session.commit()
