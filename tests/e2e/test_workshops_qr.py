"""The QR code on the console and projector, decoded by a real QR decoder, is the join URL."""
import io

import pytest

from tests.builders import open_session


def decode_svg(browser, svg: str) -> list[str]:
    """Render with the e2e folder's headless Chromium, decode the screenshot with zxing-cpp."""
    import numpy
    import zxingcpp
    from PIL import Image

    page = browser.new_page(viewport={"width": 600, "height": 600})
    try:
        page.set_content("<!doctype html><html><body style='margin:0;background:#fff'>"
                         "<div style='width:500px;height:500px;padding:40px'>" + svg +
                         "</div></body></html>")
        png = page.screenshot()
    finally:
        page.close()
    image = numpy.array(Image.open(io.BytesIO(png)).convert("L"))
    return [result.text for result in zxingcpp.read_barcodes(image)]


@pytest.fixture
def open_workshop(world):
    return open_session(world, title="QR-Test")


def test_qr_svg_decodes_to_the_join_url(browser, login_as, open_workshop):
    client = login_as("facilitator")
    response = client.get(f"/w/{open_workshop.id}/qr.svg")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    svg = response.get_data(as_text=True)
    svg = svg[svg.index("<svg"):].replace('width="', 'data-w="', 1).replace('height="', 'data-h="', 1)
    assert decode_svg(browser, svg) == [f"http://192.0.2.10:5000/j/{open_workshop.join_code}"]


def test_inline_qr_on_the_console_decodes_to_the_join_url(browser, login_as, open_workshop):
    client = login_as("facilitator")
    page = client.get(f"/w/{open_workshop.id}").get_data(as_text=True)
    start = page.index("<svg class=\"qr-code\"")
    svg = page[start:page.index("</svg>", start) + 6]
    assert "<script" not in svg and "style=" not in svg
    assert decode_svg(browser, svg) == [f"http://192.0.2.10:5000/j/{open_workshop.join_code}"]
