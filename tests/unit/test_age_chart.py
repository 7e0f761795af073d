"""The server-side SVG age chart: accessible, CSP-safe, bars proportional to the numbers."""
import re

from participation.municipalities.chart import age_structure_svg

COUNTS = {"0-17": 100, "18-29": 50, "30-49": 200, "50-64": 0, "65-79": 25, "80+": 25}


def test_chart_is_one_labelled_image_without_style_or_script(app):
    with app.test_request_context():
        svg = str(age_structure_svg(COUNTS, "#2a6041"))
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert '<title id="age-chart-title">Bevölkerung nach Altersgruppen</title>' in svg
    assert "unter 18: 100 (25,0 %)" in svg  # the description carries every number
    assert "style" not in svg and "<script" not in svg
    assert svg.count('fill="#2a6041"') == 6


def test_bar_lengths_follow_the_numbers(app):
    with app.test_request_context():
        svg = str(age_structure_svg(COUNTS))
    widths = [float(w) for w in re.findall(r'class="age-chart-bar"[^>]*?width="([\d.]+)"', svg)]
    assert widths[2] == max(widths) and widths[3] == 0
    assert abs(widths[0] - widths[2] / 2) < 0.2


def test_a_hostile_colour_cannot_break_out_of_the_attribute(app):
    with app.test_request_context():
        svg = str(age_structure_svg(COUNTS, '"><script>x</script>'))
    assert "<script>" not in svg
