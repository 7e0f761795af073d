"""Join codes and the public base URL."""
import socket

from participation.workshops import join_codes, public_url

LOOK_ALIKES = "0O1IlL2Z5S8BUV"


def test_codes_have_six_characters_without_look_alikes():
    codes = {join_codes.generate() for _ in range(500)}
    assert len(codes) > 495
    for code in codes:
        assert len(code) == 6 and not set(code) & set(LOOK_ALIKES)
    assert not set(join_codes.ALPHABET) & set(LOOK_ALIKES)


def test_normalise_is_forgiving_but_strict_about_the_alphabet():
    assert join_codes.normalise(" k7p-m3q ") == "K7PM3Q"
    assert join_codes.normalise("K7P M3Q") == "K7PM3Q"
    assert join_codes.normalise("K7PM3") is None
    assert join_codes.normalise("K7PM30") is None  # a zero is never part of a code
    assert join_codes.normalise(None) is None
    assert join_codes.display("K7PM3Q") == "K7P-M3Q"


def test_public_url_wins(app):
    app.config["PUBLIC_URL"] = "https://beteiligung.example.de/"
    assert public_url.join_url("K7PM3Q", app) == "https://beteiligung.example.de/j/K7PM3Q"


def test_lan_address_never_loopback(app, monkeypatch):
    class FakeSocket:
        def __init__(self, *args):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def connect(self, address):
            pass

        def getsockname(self):
            return ("127.0.0.1", 5555)

    monkeypatch.setattr(public_url.socket, "socket", FakeSocket)
    monkeypatch.setattr(public_url.socket, "gethostbyname_ex",
                        lambda name: (name, [], ["127.0.1.1", "192.168.1.20"]))
    public_url.lan_address.cache_clear()
    try:
        app.config["PUBLIC_URL"] = None
        app.config["PORT"] = 8080
        assert public_url.base_url(app) == "http://192.168.1.20:8080"
        monkeypatch.setattr(public_url.socket, "gethostbyname_ex", lambda name: (name, [], ["127.0.1.1"]))
        public_url.lan_address.cache_clear()
        monkeypatch.setattr(public_url.socket, "gethostname", lambda: "werkstatt-laptop")
        assert public_url.base_url(app) == "http://werkstatt-laptop:8080"
    finally:
        public_url.lan_address.cache_clear()


def test_lan_address_uses_the_outgoing_interface_without_sending(monkeypatch):
    sent = []

    class FakeSocket:
        def __init__(self, family, kind):
            assert kind == socket.SOCK_DGRAM

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def connect(self, address):
            pass

        def send(self, data):  # pragma: no cover - must never be called
            sent.append(data)

        def getsockname(self):
            return ("10.1.2.3", 40000)

    monkeypatch.setattr(public_url.socket, "socket", FakeSocket)
    public_url.lan_address.cache_clear()
    try:
        assert public_url.lan_address() == "10.1.2.3" and not sent
    finally:
        public_url.lan_address.cache_clear()
