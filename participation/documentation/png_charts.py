"""The profile's charts as PNG for the Word document (Word cannot show our inline SVG).

Drawn with Pillow at twice the printed size so they stay sharp on paper. The same numbers
stand in a table next to each chart in the document, as on the web page.
"""
import io

from PIL import Image, ImageDraw, ImageFont

from ..municipalities.band_scheme import label as band_label
from ..municipalities.series_chart import COLOURS, bands_in, series_points, spread

SCALE = 2
INK = (27, 31, 35)
GRID = (201, 209, 217)


# Fonts with umlauts and other letters of the resident languages; Pillow's built-in font
# (the last resort) has Latin letters only.
FONT_NAMES = ("DejaVuSans.ttf", "LiberationSans-Regular.ttf", "NotoSans-Regular.ttf",
              "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _font(size: int):
    for name in FONT_NAMES:
        try:
            return ImageFont.truetype(name, size * SCALE)
        except OSError:
            continue
    return ImageFont.load_default(size=size * SCALE)


def _hex(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    try:
        return tuple(int(colour[i:i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return (29, 91, 143)


def _png(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def bar_chart_png(rows: list[tuple[str, int]], title: str, colour: str = "#1d5b8f",
                  share_of: int | None = None) -> bytes:
    """Horizontal bars with label, count and share, like chart.bar_chart_svg."""
    s = SCALE
    font, title_font = _font(13), _font(15)
    probe = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    label_w = max((probe.textlength(label, font=font) for label, _n in rows), default=0) + 14 * s
    width, row_h, top = 760 * s, 30 * s, 34 * s
    height = top + row_h * len(rows) + 10 * s
    image = Image.new("RGB", (int(width), int(height)), "white")
    draw = ImageDraw.Draw(image)
    draw.text((4 * s, 4 * s), title, fill=INK, font=title_font)
    total = share_of if share_of is not None else sum(n for _l, n in rows)
    largest = max((n for _l, n in rows), default=0) or 1
    bar_space = width - label_w - 150 * s
    for index, (label, count) in enumerate(rows):
        y = top + index * row_h
        draw.text((label_w - 8 * s, y + row_h / 2), label, fill=INK, font=font, anchor="rm")
        length = bar_space * count / largest
        draw.rectangle([label_w, y + 4 * s, label_w + max(length, 1), y + row_h - 4 * s],
                       fill=_hex(colour))
        share = f"{100 * count / total:.1f} %".replace(".", ",") if total else "0 %"
        value = f"{count:,}".replace(",", ".")
        draw.text((label_w + length + 6 * s, y + row_h / 2), f"{value} ({share})", fill=INK,
                  font=font, anchor="lm")
    return _png(image)


def trend_chart_png(observed: dict, projection: dict, title: str) -> bytes:
    """One line per age band over the reference dates; the projection dashed-looking
    (drawn in short segments) and its years marked with *."""
    s = SCALE
    points = series_points(observed, projection)
    font = _font(12)
    width, height = 760 * s, 360 * s
    left, right, top, bottom = 80 * s, 130 * s, 34 * s, 40 * s
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    draw.text((4 * s, 4 * s), title, fill=INK, font=_font(15))
    first, last = points[0][0].toordinal(), points[-1][0].toordinal()
    span = max(last - first, 1)
    bands = bands_in(points)
    peak = max((c.get(b, 0) for _w, c, _p in points for b in bands), default=0) or 1

    def xy(when, value):
        x = left + (width - left - right) * (when.toordinal() - first) / span
        return x, top + (height - top - bottom) * (1 - value / peak)

    for fraction in (0, 0.5, 1):
        _x, y = xy(points[0][0], peak * fraction)
        draw.line([left, y, width - right, y], fill=GRID, width=s)
        draw.text((left - 6 * s, y), f"{round(peak * fraction):,}".replace(",", "."), fill=INK,
                  font=font, anchor="rm")
    for when, _c, proj in points:
        x, _y = xy(when, 0)
        draw.text((x, height - bottom + 8 * s), f"{when.year}{'*' if proj else ''}", fill=INK,
                  font=font, anchor="mt")
    ends = spread([xy(points[-1][0], points[-1][1].get(b, 0))[1] for b in bands], 16 * s)
    for index, band in enumerate(bands):
        colour = _hex(COLOURS[index])
        line = [(xy(w, c.get(band, 0)), p) for w, c, p in points]
        for (a, _pa), (b, pb) in zip(line, line[1:]):
            if pb:  # a projected stretch: dashes
                for step in range(0, 10, 2):
                    t0, t1 = step / 10, (step + 1) / 10
                    draw.line([a[0] + (b[0] - a[0]) * t0, a[1] + (b[1] - a[1]) * t0,
                               a[0] + (b[0] - a[0]) * t1, a[1] + (b[1] - a[1]) * t1],
                              fill=colour, width=3 * s)
            else:
                draw.line([a, b], fill=colour, width=3 * s)
        for (x, y), _p in line:
            draw.ellipse([x - 4 * s, y - 4 * s, x + 4 * s, y + 4 * s], fill=colour)
        draw.text((line[-1][0][0] + 8 * s, ends[index]), str(band_label(band)), fill=colour,
                  font=font, anchor="lm")
    return _png(image)
