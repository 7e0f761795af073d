"""Geometry of the "who took part" chart: per age band two horizontal bars (participants and
residents), drawn by the template as inline SVG without script or style attributes. The
table next to it carries the same numbers for screen readers and for print."""

BAR_AREA = 420
LABEL_WIDTH = 130
ROW_HEIGHT = 54


def bar_chart(who: dict) -> dict | None:
    """None while the shares would rest on fewer than 5 answers (representation.MIN_ANSWERS)."""
    if who.get("small_numbers"):
        return None
    top = max([100.0 / 2] + [max(b["participant_pct"], b["population_pct"]) for b in who["bands"]])
    scale = BAR_AREA / top
    rows = []
    for index, band in enumerate(who["bands"]):
        y = index * ROW_HEIGHT + 8
        rows.append({
            "label": band["label"], "y": y, "under": band["under_represented"],
            "participants_width": round(band["participant_pct"] * scale, 1),
            "population_width": round(band["population_pct"] * scale, 1),
            "participant_pct": band["participant_pct"], "population_pct": band["population_pct"],
        })
    return {"rows": rows, "label_width": LABEL_WIDTH, "width": LABEL_WIDTH + BAR_AREA + 70,
            "height": len(rows) * ROW_HEIGHT + 12}
