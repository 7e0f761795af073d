"""`python wsgi.py` without `make` first: the server copies the Socket.IO browser client
from node_modules itself, or says loudly what is missing (it used to serve no client, so
the live pages never connected, and said nothing)."""
import io

from participation.vendor_assets import check_vendor_assets


def test_copies_the_client_that_npm_installed(tmp_path):
    source = tmp_path / "node_modules/socket.io-client/dist/socket.io.min.js"
    source.parent.mkdir(parents=True)
    source.write_text("/* socket.io */")
    out = io.StringIO()
    missing = check_vendor_assets(str(tmp_path), stream=out)
    assert (tmp_path / "static/vendor/socket.io.min.js").read_text() == "/* socket.io */"
    assert "socket.io.min.js" not in missing and out.getvalue() == ""


def test_says_loudly_what_is_missing(tmp_path):
    out = io.StringIO()
    missing = check_vendor_assets(str(tmp_path), stream=out)
    assert "socket.io.min.js" in missing
    assert "static/vendor/socket.io.min.js is missing" in out.getvalue()
    assert "npm install" in out.getvalue()
    assert not (tmp_path / "static/vendor/socket.io.min.js").exists()


def test_an_installed_client_is_left_alone(tmp_path):
    served = tmp_path / "static/vendor/socket.io.min.js"
    served.parent.mkdir(parents=True)
    served.write_text("/* served */")
    out = io.StringIO()
    assert "socket.io.min.js" not in check_vendor_assets(str(tmp_path), stream=out)
    assert served.read_text() == "/* served */" and out.getvalue() == ""
