"""Several processes on one port (REUSE_PORT=1) spread connections, not clients: the
polling requests of one client could reach different processes. Such a server therefore
speaks websocket only, and its live pages tell socket.io-client so."""
import json
import re

from participation.extensions import db as _db
from participation.workshops import services
from tests.conftest import make_app, seed_world


def live_config(page: str) -> dict:
    found = re.search(r'<script type="application/json" id="live-config">(.*?)</script>', page, re.S)
    return json.loads(found.group(1))


def resident_page(app):
    with app.app_context():
        _db.create_all()
        world = seed_world()
        w = services.create_workshop(world["home"].id, world["facilitator"].id, {"title": "Hafen"})
        code = services.open_workshop(w.id, world["facilitator"].id).join_code
        client = app.test_client()
        client.post(f"/j/{code}", data={"channel": "onsite"})
        page = client.get(f"/j/{code}/live").get_data(as_text=True)
        polling = client.get("/socket.io/?EIO=4&transport=polling")
        _db.session.remove()
    return live_config(page), polling


def test_websocket_only_server_tells_its_pages_and_refuses_polling(tmp_path):
    config, polling = resident_page(make_app(tmp_path, WEBSOCKET_ONLY=True))
    assert config["transports"] == ["websocket"]
    assert polling.status_code == 400


def test_a_single_process_keeps_the_polling_fallback(tmp_path):
    config, polling = resident_page(make_app(tmp_path))
    assert "transports" not in config
    assert polling.status_code == 200
