"""The base URL phones in the hall use: PUBLIC_URL, else this machine's LAN address."""
import functools
import ipaddress
import socket

from flask import current_app


def _usable(address: str | None) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except (TypeError, ValueError):
        return False
    return not (ip.is_loopback or ip.is_unspecified or ip.is_link_local)


@functools.lru_cache(maxsize=1)
def lan_address() -> str | None:
    """The address other machines reach us at. Connecting a UDP socket sends no packet; it
    only makes the kernel pick the outgoing interface, whose address we then read."""
    for probe in ("10.255.255.255", "192.0.2.1"):
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
                sock.connect((probe, 1))
                address = sock.getsockname()[0]
            if _usable(address):
                return address
        except OSError:
            continue
    try:
        _, _, addresses = socket.gethostbyname_ex(socket.gethostname())
        for address in addresses:
            if _usable(address):
                return address
    except OSError:
        pass
    return None


def base_url(app=None) -> str:
    app = app or current_app
    configured = app.config.get("PUBLIC_URL")
    if configured:
        return configured.rstrip("/")
    port = app.config.get("PORT", 5000)
    host = lan_address() or socket.gethostname()
    return f"http://{host}:{port}"


def join_url(code: str, app=None) -> str:
    return f"{base_url(app)}/j/{code}"
