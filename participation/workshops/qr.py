"""QR codes as inline SVG, made with `qrcode` alone (no Pillow)."""
import io

import qrcode
import qrcode.image.svg
from markupsafe import Markup


def qr_svg(data: str) -> str:
    """A standalone SVG document (white background, dark modules)."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4,
                       image_factory=qrcode.image.svg.SvgPathFillImage)
    qr.add_data(data)
    qr.make(fit=True)
    buffer = io.BytesIO()
    qr.make_image().save(buffer)
    return buffer.getvalue().decode()


def qr_inline(data: str, label: str = "") -> Markup:
    """The SVG element for embedding in a page: no XML prolog, no fixed mm size (CSS sizes
    it), labelled for screen readers."""
    svg = qr_svg(data)
    svg = svg[svg.index("<svg"):]
    svg = svg.replace('id="qr-path" ', "")
    for attr in ('width="', 'height="'):
        start = svg.index(attr)
        end = svg.index('"', start + len(attr))
        svg = svg[:start] + svg[end + 2:]
    label = Markup.escape(label)
    svg = svg.replace("<svg ", f'<svg class="qr-code" role="img" aria-label="{label}" ', 1)
    # qrcode generated the SVG from our own URL; the label is escaped above.
    return Markup(svg)  # nosec B704
