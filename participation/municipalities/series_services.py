"""Population over time: the reference dates of official statistics and projections.

An import replaces the figures of the dates it brings (a corrected table wins) and keeps
the others; the latest observed date also becomes the current age structure, which the
representation and the age-weighted ranking use.
"""
from datetime import date

from ..extensions import db
from .models import PopulationFigure
from .profile_services import _check_counts, set_age_structure
from .services import get_municipality

MAX_SOURCE = 300


def store_statistics(municipality_id: int, series: dict, source: str = "",
                     projection: bool = False) -> None:
    """`series` maps reference dates (or None: no date, the app's own format) to band counts.

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
    if projection:
        db.session.commit()
        return
    current = series[max(dated)] if dated else series.get(None)
    if current is not None:
        set_age_structure(municipality_id, current)  # commits the whole import at once
    else:
        db.session.commit()


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
    db.session.commit()
