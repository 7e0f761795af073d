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

if __name__ == "__main__":
    host = app.config["HOST"]
    port = app.config["PORT"]
    options = {"host": host, "port": port, "use_reloader": False, "log_output": False}
    if ASYNC_MODE == "eventlet":
        options["max_size"] = MAX_CONNECTIONS
    socketio.run(app, **options)
