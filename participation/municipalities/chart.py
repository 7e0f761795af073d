"""The age structure as a horizontal bar chart, rendered on the server as inline SVG.

No script and no style attribute (the Content-Security-Policy forbids both): geometry and
colours are SVG presentation attributes, the rest comes from classes in app.css. The chart
is one image for assistive technology (role="img" with a title and a description); the
page shows the same numbers as a table next to it.
"""
from flask_babel import format_decimal, format_percent
from flask_babel import gettext as _
from markupsafe import Markup, escape

from .band_scheme import label as band_label

WIDTH = 640
ROW_HEIGHT = 40
BAR_HEIGHT = 26
LABEL_WIDTH = 130
VALUE_SPACE = 150
TOP = 8
DEFAULT_COLOUR = "#1d5b8f"


def _share(count: int, total: int) -> str:
    return format_percent(count / total if total else 0, "#,##0.0 %")


def age_structure_svg(counts: dict[str, int], colour: str = DEFAULT_COLOUR,
                      chart_id: str = "age-chart") -> Markup:
    """`counts` maps each age band (in order) to its population."""
    return bar_chart_svg([(str(band_label(band)), count) for band, count in counts.items()],
                         _("Bevölkerung nach Altersgruppen"), colour, chart_id)


def bar_chart_svg(rows: list[tuple[str, int]], title: str, colour: str = DEFAULT_COLOUR,
                  chart_id: str = "bar-chart", label_width: int = LABEL_WIDTH,
                  share_of: int | None = None) -> Markup:
    """Horizontal bars for (label, count) rows. Shares are of `share_of` (default: the sum)."""
    total = share_of if share_of is not None else sum(count for _label, count in rows)
    largest = max((count for _label, count in rows), default=0) or 1
    bar_space = WIDTH - label_width - VALUE_SPACE
    height = TOP * 2 + ROW_HEIGHT * len(rows)
    description = "; ".join(f"{label}: {format_decimal(count)} ({_share(count, total)})"
                            for label, count in rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="age-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for row, (label, count) in enumerate(rows):
        y = TOP + row * ROW_HEIGHT
        middle = y + ROW_HEIGHT / 2
        bar = round(bar_space * count / largest, 1)
        parts.append(
            f'<g class="age-chart-row" aria-hidden="true">'
            f'<text class="age-chart-label" x="{label_width - 10}" y="{middle}" '
            f'text-anchor="end" dominant-baseline="middle" fill="#1b1f23" font-size="16">'
            f'{escape(label)}</text>'
            f'<rect class="age-chart-bar" x="{label_width}" y="{y + (ROW_HEIGHT - BAR_HEIGHT) / 2}" '
            f'width="{bar}" height="{BAR_HEIGHT}" rx="3" fill="{escape(colour)}"/>'
            f'<text class="age-chart-value" x="{label_width + bar + 8}" y="{middle}" '
            f'dominant-baseline="middle" fill="#1b1f23" font-size="16">'
            f'{escape(format_decimal(count))} ({escape(_share(count, total))})</text>'
            f'</g>')
    parts.append(f'<line x1="{label_width}" y1="{TOP}" x2="{label_width}" y2="{height - TOP}" '
                 f'stroke="#4a5560" stroke-width="1" aria-hidden="true"/>')
    parts.append("</svg>")
    # Every interpolated value above is escaped or a number we computed.
    return Markup("".join(parts))  # nosec B704
