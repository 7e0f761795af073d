"""A timeline of measures, drawn as server-side SVG (no script, no style attributes)."""
from datetime import date

from flask_babel import format_date

ROW_HEIGHT = 28
LABEL_WIDTH = 260
CHART_WIDTH = 640


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def timeline(measures, today: date | None = None) -> dict | None:
    """Geometry for the template: one bar per dated measure, ticks per year (or quarter)."""
    today = today or date.today()
    dated = [m for m in measures if m.starts_on or m.ends_on]
    if not dated:
        return None
    first = min(_month_index(m.starts_on or m.ends_on) for m in dated)
    last = max(_month_index(m.ends_on or m.starts_on) for m in dated) + 1
    span = max(last - first, 1)
    scale = CHART_WIDTH / span

    def x(month: int) -> float:
        return round(LABEL_WIDTH + (month - first) * scale, 1)

    rows = []
    for index, m in enumerate(dated):
        start = _month_index(m.starts_on or m.ends_on)
        end = _month_index(m.ends_on or m.starts_on) + 1
        rows.append({"measure": m, "y": index * ROW_HEIGHT + 24, "x": x(start),
                     "width": max(round((end - start) * scale, 1), 4),
                     "label": m.title[:40] + ("…" if len(m.title) > 40 else "")})
    ticks = []
    step = 1 if span <= 18 else 3 if span <= 48 else 12
    for month in range(first, last + 1, step):
        year, mon = divmod(month, 12)
        ticks.append({"x": x(month), "label": format_date(date(year, mon + 1, 1), "MM/yy")})
    today_x = x(_month_index(today)) if first <= _month_index(today) <= last else None
    return {"rows": rows, "ticks": ticks, "today_x": today_x,
            "width": LABEL_WIDTH + CHART_WIDTH + 50,
            "height": len(rows) * ROW_HEIGHT + 40, "label_width": LABEL_WIDTH}
