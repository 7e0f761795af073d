"""Production entry point: `python wsgi.py` serves the app with the chosen async mode."""
import os

ASYNC_MODE = os.environ.get("ASYNC_MODE", "eventlet")
if ASYNC_MODE == "eventlet":
    import eventlet
    eventlet.monkey_patch()
elif ASYNC_MODE == "gevent":
    from gevent import monkey
    monkey.patch_all()

# psycopg 3 is not made cooperative by monkey-patching; this makes it wait with the green
# select() (eventlet) or poll() (gevent: its select() first calls the real one, which fails
# for file descriptors above 1,023, i.e. with a thousand phones connected).
os.environ.setdefault("PSYCOPG_WAIT_FUNC", "wait_poll" if ASYNC_MODE == "gevent" else "wait_select")

from participation import create_app  # noqa: E402
from participation.extensions import socketio  # noqa: E402

app = create_app()

# eventlet's WSGI server accepts 1,024 connections by default; a city workshop needs more.
MAX_CONNECTIONS = int(os.environ.get("MAX_CONNECTIONS", "10000"))
# Pending connections the kernel holds for us: after a restart thousands of phones come back
# within seconds, and eventlet's default of 50 turned that into SYN retries of 1, 3, 7 s.
BACKLOG = int(os.environ.get("LISTEN_BACKLOG", "4096"))


# REUSE_PORT=1: several `python wsgi.py` processes listen on the same HOST:PORT and the
# kernel spreads new connections over them (SO_REUSEPORT). Websocket-only clients need no
# sticky sessions; see docs/deployment.md ("One port, several processes").
REUSE_PORT = os.environ.get("REUSE_PORT", "") == "1"

def listener(host, port, backlog):
    """The listening socket, with SO_REUSEPORT when REUSE_PORT=1 (under gevent, the
    monkey-patched socket module makes it cooperative)."""
    import socket
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if REUSE_PORT:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(backlog)
    return sock


def warm_up():
    """Load the sentence model before the first phone arrives: loaded by the first idea,
    it stalled every socket of the process for seconds (benchmark, hall scenario)."""
    try:
        from participation.insights.embeddings import get_embedder
        get_embedder().encode(["Mehr Bänke am Marktplatz"])
    except Exception:  # noqa: BLE001  only a head start; the first idea loads it otherwise
        pass


if __name__ == "__main__":
    host = app.config["HOST"]
    port = app.config["PORT"]
    from participation.vendor_assets import check_vendor_assets
    check_vendor_assets(os.path.dirname(os.path.abspath(__file__)))
    warm_up()
    # Everything loaded so far (app, models, templates, the sentence model) lives as long
    # as the process: keep it out of the collector's full passes, which otherwise walk it
    # again and again while thousands of sockets come and go.
    import gc
    gc.collect()
    gc.freeze()
    if ASYNC_MODE == "eventlet":
        import eventlet.wsgi
        # eventlet.listen sets SO_REUSEPORT unless told not to: only with REUSE_PORT=1, so
        # a second server started by mistake on the same port fails instead of sharing it.
        eventlet.wsgi.server(eventlet.listen((host, port), backlog=BACKLOG, reuse_port=REUSE_PORT),
                             app, log_output=False, max_size=MAX_CONNECTIONS)
    elif ASYNC_MODE == "gevent":
        from gevent import pywsgi
        pywsgi.WSGIServer(listener(host, port, BACKLOG), app, log=None).serve_forever()
    else:
        socketio.run(app, host=host, port=port, use_reloader=False, log_output=False)
