"""The live page's service worker is served so that a browser accepts it for /j/<code>/live."""
from participation.security import CSP, content_security_policy


def test_service_worker_is_served_as_javascript_from_the_join_folder(client):
    response = client.get("/j/sw.js")
    assert response.status_code == 200
    assert response.mimetype == "application/javascript"
    # Browsers check for a new worker on every load: never a stale copy from a cache.
    assert response.headers["Cache-Control"] == "no-cache"
    body = response.get_data(as_text=True)
    assert 'const CACHE = "zw-live-" + VERSION;' in body
    # Served from /j/, its default scope /j/ covers the live pages without any extra header.
    assert "Service-Worker-Allowed" not in response.headers
    # The strict CSP admits a same-origin worker: no worker-src, so script-src 'self' applies.
    assert "worker-src" not in CSP and "script-src 'self'" in CSP
    assert response.headers["Content-Security-Policy"] == content_security_policy("localhost")

