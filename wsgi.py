"""Production entry point: `python wsgi.py` serves the app with the chosen async mode."""
import os

ASYNC_MODE = os.environ.get("ASYNC_MODE", "eventlet")
if ASYNC_MODE == "eventlet":
    import eventlet
    eventlet.monkey_patch()
elif ASYNC_MODE == "gevent":
    from gevent import monkey
    monkey.patch_all()

# psycopg 3 is not made cooperative by monkey-patching; this makes it wait with select().
os.environ.setdefault("PSYCOPG_WAIT_FUNC", "wait_select")

from participation import create_app  # noqa: E402
from participation.extensions import socketio  # noqa: E402

app = create_app()

# eventlet's WSGI server accepts 1,024 connections by default; a city workshop needs more.
MAX_CONNECTIONS = int(os.environ.get("MAX_CONNECTIONS", "10000"))
# Pending connections the kernel holds for us: after a restart thousands of phones come back
# within seconds, and eventlet's default of 50 turned that into SYN retries of 1, 3, 7 s.
BACKLOG = int(os.environ.get("LISTEN_BACKLOG", "4096"))


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
    warm_up()
    if ASYNC_MODE == "eventlet":
        import eventlet.wsgi
        eventlet.wsgi.server(eventlet.listen((host, port), backlog=BACKLOG), app,
                             log_output=False, max_size=MAX_CONNECTIONS)
    else:
        options = {"host": host, "port": port, "use_reloader": False, "log_output": False}
        if ASYNC_MODE == "gevent":
            options["backlog"] = BACKLOG
        socketio.run(app, **options)
