"""Population per age band over the reference dates, with the projection dashed beside it.

Server-rendered SVG like chart.py: presentation attributes only (no style, no script), one
image for assistive technology, the same figures as a table on the page.
"""
from flask_babel import format_decimal
from flask_babel import gettext as _
from markupsafe import Markup, escape

from .band_scheme import label as band_label
from .stats_groups import band_bounds

WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 70, 120, 16, 40
# Six colours told apart also by their markers' shapes and the labels at the line ends.
COLOURS = ("#1d5b8f", "#b35900", "#2e7d32", "#7b1fa2", "#c62828", "#455a64")


def series_points(observed: dict, projection: dict):
    """[(date, counts, is_projection)] in time order; observed wins on a shared date."""
    points = {when: (counts, True) for when, counts in projection.items()}
    points.update({when: (counts, False) for when, counts in observed.items()})
    return [(when, *points[when]) for when in sorted(points)]


def bands_in(points) -> list[str]:
    """The bands of the series, youngest first (a municipality may have merged some)."""
    bands = {band for _w, counts, _p in points for band in counts}
    return sorted(bands, key=lambda band: band_bounds(band)[0])


def spread(ys: list[float], gap: float) -> list[float]:
    """Label positions near `ys` but at least `gap` apart (so end labels do not overlap)."""
    order = sorted(range(len(ys)), key=lambda i: ys[i])
    placed = list(ys)
    for previous, current in zip(order, order[1:]):
        placed[current] = max(placed[current], placed[previous] + gap)
    return [round(y, 1) for y in placed]


def _scale(points):
    first, last = points[0][0].toordinal(), points[-1][0].toordinal()
    span = max(last - first, 1)
    top = max((c.get(b, 0) for _w, c, _p in points for b in bands_in(points)), default=0) or 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def xy(when, value):
        x = LEFT + plot_w * (when.toordinal() - first) / span if last > first else LEFT + plot_w / 2
        return round(x, 1), round(TOP + plot_h * (1 - value / top), 1)
    return xy, top


def population_trend_svg(observed: dict, projection: dict, chart_id: str = "trend-chart") -> Markup:
    points = series_points(observed, projection)
    if not points:
        return Markup("")
    xy, top = _scale(points)
    title = _("Bevölkerung nach Altersgruppen im Zeitverlauf")
    if projection:
        title += " " + _("(gestrichelt: Vorausberechnung)")
    desc = "; ".join(f"{when.year}{'*' if proj else ''}: " + ", ".join(
        f"{band_label(b)} {format_decimal(c.get(b, 0))}" for b in bands_in(points))
        for when, c, proj in points)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="trend-chart" role="img" '
           f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
           f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
           f'<title id="{chart_id}-title">{escape(title)}</title>',
           f'<desc id="{chart_id}-desc">{escape(desc)}</desc>', '<g aria-hidden="true">']
    for fraction in (0, 0.5, 1):
        _x, y = xy(points[0][0], top * fraction)
        out.append(f'<line x1="{LEFT}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}" stroke="#c9d1d9"/>'
                   f'<text x="{LEFT - 6}" y="{y}" text-anchor="end" dominant-baseline="middle" '
                   f'font-size="13" fill="#1b1f23">{escape(format_decimal(round(top * fraction)))}</text>')
    for when, _c, proj in points:
        x, _y = xy(when, 0)
        out.append(f'<text x="{x}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" font-size="13" '
                   f'fill="#1b1f23">{when.year}{"*" if proj else ""}</text>')
    bands = bands_in(points)
    ends = spread([xy(points[-1][0], points[-1][1].get(b, 0))[1] for b in bands], 15)
    for index, band in enumerate(bands):
        colour = COLOURS[index]
        for proj in (False, True):
            segment = [xy(w, c.get(band, 0)) for w, c, p in points if p == proj]
            if proj and segment:
                last_seen = [xy(w, c.get(band, 0)) for w, c, p in points if not p]
                segment = last_seen[-1:] + segment  # the projection continues the line
            if len(segment) > 1:
                dash = ' stroke-dasharray="6 4"' if proj else ""
                coords = " ".join(f"{x},{y}" for x, y in segment)
                out.append(f'<polyline class="trend-line" points="{coords}" fill="none" '
                           f'stroke="{colour}" stroke-width="2.5"{dash}/>')
            for x, y in segment:
                out.append(f'<circle cx="{x}" cy="{y}" r="3.5" fill="{colour}"/>')
        x, _y = xy(points[-1][0], 0)
        out.append(f'<text x="{x + 8}" y="{ends[index]}" dominant-baseline="middle" '
                   f'font-size="13" fill="{colour}">{escape(band_label(band))}</text>')
    out.append("</g></svg>")
    # Every interpolated value above is escaped or a number we computed.
    return Markup("".join(out))  # nosec B704
