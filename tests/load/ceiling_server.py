"""The framework's ceiling: a bare python-socketio server speaking the same `/live` contract
as the app for the benchmark's events, with everything in memory and no database, no
Flask, no templates. Whatever the app reaches is compared with this.

Run: `ASYNC_MODE=eventlet PORT=5055 python -m tests.load.ceiling_server`
"""
import os

ASYNC_MODE = os.environ.get("ASYNC_MODE", "eventlet")
if ASYNC_MODE == "eventlet":
    import eventlet
    eventlet.monkey_patch()
else:
    from gevent import monkey
    monkey.patch_all()

import json  # noqa: E402
import secrets  # noqa: E402
import time  # noqa: E402
from http.cookies import SimpleCookie  # noqa: E402

import socketio  # noqa: E402

NS = "/live"
ROOM = "workshop"
SCREENS = "screens"
POLL = 0.02
SCREEN_INTERVAL = 0.05
WORKSHOP_ID = 1

sio = socketio.Server(async_mode=ASYNC_MODE, cors_allowed_origins=None)
state = {"ideas": {}, "counts": {}, "dirty": set(), "writes": {}, "participants": set(),
         "pending_all": False, "pending_screen": False, "clients": 0, "next_idea": 1}

FORM = ('<form method="post" action="/j/CEIL01"><input type="hidden" name="csrf_token" '
        'value="x"><button>Teilnehmen</button></form>')
LOGIN = ('<form method="post" action="/login"><input type="hidden" name="csrf_token" value="x">'
         '<input name="email"><input name="password" type="password"></form>')


def http_app(environ, start_response):
    path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD")
    if path.startswith("/j/") and method == "POST":
        token = secrets.token_urlsafe(16)
        start_response("302 Found", [("Location", "/live/1"),
                                     ("Set-Cookie", f"zwp_{WORKSHOP_ID}={token}; Path=/")])
        return [b""]
    if path.startswith("/j/") or path == "/login" and method == "GET":
        start_response("200 OK", [("Content-Type", "text/html")])
        return [(FORM if path.startswith("/j/") else LOGIN).encode()]
    if path == "/login":
        start_response("302 Found", [("Location", "/"), ("Set-Cookie", "session=fac; Path=/")])
        return [b""]
    if path == "/_counts":
        body = json.dumps({"counts": state["counts"], "writes": len(state["writes"])})
        start_response("200 OK", [("Content-Type", "application/json")])
        return [body.encode()]
    start_response("404 Not Found", [("Content-Type", "text/plain")])
    return [b"not found"]


app = socketio.WSGIApp(sio, http_app)


def _idea(idea_id):
    return {**state["ideas"][idea_id], "dots": state["counts"].get(idea_id, 0)}


def _participants():
    return {"onsite": len(state["participants"]), "online": 0, "assisted": 0, "kiosk": 0,
            "total": len(state["participants"])}


@sio.on("connect", namespace=NS)
def connect(sid, environ, auth):
    cookie = SimpleCookie(environ.get("HTTP_COOKIE", ""))
    role = (auth or {}).get("role")
    who = cookie.get(f"zwp_{WORKSHOP_ID}")
    if role == "participant" and who is None:
        return False
    if who is not None:
        state["participants"].add(who.value)
    sio.save_session(sid, {"who": who.value if who else sid}, namespace=NS)
    sio.enter_room(sid, ROOM, namespace=NS)
    if role in ("projector", "facilitator"):
        sio.enter_room(sid, SCREENS, namespace=NS)
    state["clients"] += 1
    snapshot = {"workshop": {"id": WORKSHOP_ID, "phase": "kritik", "status": "open"},
                "ideas": [_idea(i) for i in state["ideas"]], "clusters": [],
                "starting_points": [], "me": {"role": role}, "participants": _participants()}
    sio.emit("session:snapshot", snapshot, to=sid, namespace=NS)


@sio.on("disconnect", namespace=NS)
def disconnect(sid, *reason):
    state["clients"] -= 1


@sio.on("idea:submit", namespace=NS)
def submit(sid, data):
    key = ("idea", data.get("client_id"))
    if key in state["writes"]:
        return {"ok": True, "repeat": True, "idea": _idea(state["writes"][key])}
    idea_id = state["next_idea"]
    state["next_idea"] += 1
    state["ideas"][idea_id] = {"id": idea_id, "phase": "kritik", "text": str(data.get("text"))[:280],
                               "status": "visible", "cluster_id": None, "mine": False}
    state["writes"][key] = idea_id
    sio.emit("idea:created", {"idea": _idea(idea_id)}, to=ROOM, namespace=NS)
    return {"ok": True, "idea": _idea(idea_id)}


@sio.on("dot:add", namespace=NS)
def dot_add(sid, data):
    key = ("dot", data.get("client_id"))
    idea_id = data.get("idea_id")
    if key in state["writes"]:
        return {"ok": True, "repeat": True, "dots": state["writes"][key]}
    if idea_id not in state["ideas"]:
        return {"ok": False, "error": "idea_not_found", "message": "Idee nicht gefunden."}
    count = state["counts"][idea_id] = state["counts"].get(idea_id, 0) + 1
    state["writes"][key] = count
    state["dirty"].add(idea_id)
    _schedule_tally()
    return {"ok": True, "dots": count, "me": {"dots_left": 1}}


@sio.on("session:sync", namespace=NS)
def sync(sid, data):
    return {"ok": True}


def _schedule_tally():
    state["pending_all"] = state["pending_screen"] = True


def phone_interval(clients):
    # The same send budget as participation/voting/tally.py, so the comparison is fair.
    return min(5.0, max(0.25, clients / 3000))


def _ticker():
    """Projectors and facilitators up to 20 times a second, everyone at an interval that
    grows with the number of sockets; the first change after a quiet spell at once."""
    last_all = last_screen = 0.0
    sent_all, sent_screen = {}, {}
    while True:
        sio.sleep(POLL)
        now = time.monotonic()
        due_all = state["pending_all"] and now - last_all >= phone_interval(state["clients"])
        due_screen = state["pending_screen"] and now - last_screen >= SCREEN_INTERVAL
        if not (due_all or due_screen):
            continue
        counts = dict(state["counts"])
        base = sent_all if due_all else sent_screen
        changed = {str(i): c for i, c in counts.items() if base.get(i, 0) != c}
        payload = {"counts": changed, "participants": _participants()}
        if due_all:
            sent_all, sent_screen = counts, dict(counts)
            state["pending_all"] = state["pending_screen"] = False
            last_all = last_screen = now
            sio.emit("tally:update", payload, to=ROOM, namespace=NS)
        else:
            sent_screen = counts
            state["pending_screen"] = False
            last_screen = now
            sio.emit("tally:update", payload, to=SCREENS, namespace=NS)


if __name__ == "__main__":
    port = int(os.environ.get("PORT", "5055"))
    sio.start_background_task(_ticker)
    if ASYNC_MODE == "eventlet":
        from eventlet import wsgi
        wsgi.server(eventlet.listen(("127.0.0.1", port), backlog=2048), app,
                    log_output=False, max_size=20000)
    else:
        from gevent import pywsgi
        pywsgi.WSGIServer(("127.0.0.1", port), app, log=None, backlog=2048).serve_forever()
