"""The Zwischenbilanz: plan against reality for one municipality."""
from datetime import date

from .models import MeasureStatus
from .services import STATUS_LABELS, list_measures

CLOSED = {MeasureStatus.DONE.value, MeasureStatus.DROPPED.value}


def is_overdue(measure, today: date) -> bool:
    return bool(measure.ends_on and measure.ends_on < today and measure.status not in CLOSED)


def zwischenbilanz(municipality_id: int, today: date | None = None) -> dict:
    """Measures with their planned time frame next to their latest state, counts per status,
    the overdue ones, and everything that helped or hindered (newest first)."""
    today = today or date.today()
    measures = list_measures(municipality_id)
    per_status = {status: 0 for status in STATUS_LABELS}
    rows, helped, hindered = [], [], []
    for measure in measures:
        per_status[measure.status] = per_status.get(measure.status, 0) + 1
        latest = measure.latest_progress
        rows.append({
            "measure": measure,
            "percent_done": latest.percent_done if latest else
            (100 if measure.status == MeasureStatus.DONE.value else 0),
            "last_entry": latest.entry_date if latest else None,
            "next_step": latest.next_step if latest else "",
            "overdue": is_overdue(measure, today),
        })
        for entry in measure.progress:
            if entry.helped:
                helped.append((entry.entry_date, measure.title, entry.helped))
            if entry.hindered:
                hindered.append((entry.entry_date, measure.title, entry.hindered))
    helped.sort(key=lambda item: item[0], reverse=True)
    hindered.sort(key=lambda item: item[0], reverse=True)
    return {
        "today": today,
        "total": len(measures),
        "per_status": per_status,
        "rows": rows,
        "overdue": [row for row in rows if row["overdue"]],
        "helped": helped,
        "hindered": hindered,
        "average_percent": (round(sum(r["percent_done"] for r in rows) / len(rows))
                            if rows else 0),
    }
