"""Where each of an advisor's municipalities stands: stage, the next dates, open measures."""
from datetime import date

from ..extensions import db
from ..municipalities import services as municipality_services
from ..plan.models import Measure, MeasureStatus

OPEN_STATUSES = (MeasureStatus.PLANNED.value, MeasureStatus.IN_PROGRESS.value,
                 MeasureStatus.ON_HOLD.value)
MAX_DATES = 3
MAX_MEASURES = 5


def _next_dates(municipality, measures, today: date) -> list[tuple[date, str, str]]:
    """(date, kind, what): stage starts and ends, measure deadlines, soonest first."""
    dates = []
    for stage in municipality.stages:
        if stage.starts_on and stage.starts_on >= today:
            dates.append((stage.starts_on, "stage_start", stage.stage))
        if stage.ends_on and stage.ends_on >= today:
            dates.append((stage.ends_on, "stage_end", stage.stage))
    for measure in measures:
        if measure.ends_on and measure.ends_on >= today:
            dates.append((measure.ends_on, "measure_end", measure.title))
    return sorted(dates, key=lambda d: d[0])[:MAX_DATES]


def overview(user, today: date | None = None) -> list[dict]:
    today = today or date.today()
    rows = []
    for municipality in municipality_services.municipalities_for(user):
        measures = list(db.session.scalars(db.select(Measure).where(
            Measure.municipality_id == municipality.id, Measure.status.in_(OPEN_STATUSES),
            Measure.draft.is_(False)).order_by(Measure.ends_on.is_(None), Measure.ends_on,
                                               Measure.title)))
        rows.append({
            "municipality": municipality,
            "stage": municipality_services.current_stage(municipality),
            "next_dates": _next_dates(municipality, measures, today),
            "open_measures": measures[:MAX_MEASURES],
            "open_count": len(measures),
            "overdue_count": sum(1 for m in measures if m.ends_on and m.ends_on < today),
        })
    return rows
