"""Every `/live` event handler fuzzed with malformed payloads (Hypothesis): wrong types, huge
numbers, deep nesting, null bytes, direction overrides, very long strings. Each must get a
clear error ack (`ok: false` with a stable code and a message), never an exception, and
nothing may be written.

One app, one session and one socket per event; FUZZ_EXAMPLES (default 1000) per event.
"""
import math
import os
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import inspect, text

from participation.extensions import db, socketio
from participation.live import NAMESPACE

from .conftest import cid, emit

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "1000"))

# What each event expects: key -> kind; a trailing "?" marks an optional (nullable) key.
SCHEMAS = {
    "idea:submit": {"client_id": "client_id", "text": "text"},
    "dot:add": {"client_id": "client_id", "idea_id": "id"},
    "dot:remove": {"client_id": "client_id", "idea_id": "id"},
    "session:sync": {},
    "session:open": {},
    "session:close": {},
    "phase:set": {"phase": "phase"},
    "submissions:lock": {"locked": "bool"},
    "timer:start": {"seconds": "seconds"},
    "timer:stop": {},
    "idea:hide": {"idea_id": "id"},
    "idea:restore": {"idea_id": "id"},
    "idea:approve": {"idea_id": "id"},
    "idea:edit": {"idea_id": "id", "text": "text"},
    "idea:translate": {"client_id": "client_id", "idea_id": "id", "language": "step", "text": "text"},
    "idea:set_language": {"client_id": "client_id", "idea_id": "id", "language": "step"},
    "idea:merge": {"keep_id": "id", "merge_ids": "id_list"},
    "cluster:create": {"name": "name", "phase": "phase?", "idea_ids": "id_list?"},
    "cluster:rename": {"cluster_id": "id", "name": "name"},
    "cluster:delete": {"cluster_id": "id"},
    "idea:cluster": {"idea_id": "id", "cluster_id": "id?"},
    "ideas:bulk": {"kind": "bulk_kind", "idea_ids": "bulk_ids", "cluster_id": "id?"},
    "spotlight:set": {"idea_id": "id?"},
    "moderation:undo": {"action_id": "id"},
    "moderation:log": {"limit": "limit?"},
    "flow:step": {"step": "step"},
    "flow:hide_counts": {"hidden": "bool"},
    "display:set": {"mode": "mode?", "seconds": "pace?", "top_n": "top_n?"},
}
RESIDENT_EVENTS = {"idea:submit", "dot:add", "dot:remove", "session:sync"}
ERROR_CODES = {"invalid", "too_large", "text_empty", "text_too_long", "invalid_name",
               "not_found", "idea_not_found", "cluster_not_found", "action_not_found"}

# --- building blocks ----------------------------------------------------------------------

NASTY_CHARS = ["\x00", "\u202e", "\u202d", "\u2066", "\u2067", "\u2069", "\u200b", "\ufeff",
               "\ud7ff", "\U0001f600", "\u0644", "'", '"', "<", ">", "\\", "%", "$", "{", "}",
               "\n", "\r", "\t", " ", "a", "Z", "0", "-", "_"]
# Cheap strategies: plain alphabets and fixed shapes, no filters or recursion in the hot path.
nasty_text = st.text(alphabet=NASTY_CHARS, max_size=30)
# The engine refuses JSON integers of more than 100 digits before any handler runs (see the
# last test), so the fuzzed numbers stay below that.
LIMIT = 10**98  # "-" and 99 digits: within the 100 characters the engine allows
ints = st.integers(min_value=-LIMIT, max_value=LIMIT)
huge_ints = st.one_of(st.integers(min_value=2**31, max_value=LIMIT), st.integers(min_value=-LIMIT, max_value=0),
                      st.sampled_from([2**31, 2**53 + 1, 2**63, 2**64, LIMIT, -(2**63)]))
floats = st.one_of(st.floats(allow_nan=True, allow_infinity=True),
                   st.sampled_from([math.nan, math.inf, -math.inf, 1.5, 1e308]))
long_text = st.integers(min_value=1121, max_value=6_000).map(lambda n: ("ab\u202e\x00" * n)[:n])
scalars = st.one_of(st.none(), st.booleans(), ints, huge_ints, floats, nasty_text, long_text)


def _deep(n):
    value = {"x": 1}
    for _ in range(n):
        value = [value] if n % 2 else {"k": value}
    return value


def nested():
    """Deep or wide structures of junk (JSON-encodable)."""
    deep = st.integers(min_value=2, max_value=60).map(_deep)
    wide = st.one_of(st.lists(scalars, max_size=4),
                     st.dictionaries(nasty_text, scalars, max_size=3),
                     st.lists(st.lists(scalars, max_size=3), max_size=3))
    return st.one_of(deep, wide)


junk = st.one_of(scalars, nested())
not_int = st.one_of(st.none(), st.booleans(), floats, nasty_text, long_text, nested(),
                    st.integers(min_value=1, max_value=5).map(str))
bad_id = st.one_of(huge_ints, not_int)
BAD = {
    "id": bad_id,
    "client_id": st.one_of(st.none(), st.booleans(), ints, floats, nested(),
                           st.text(alphabet="abcXYZ019_-", max_size=7),                  # too short
                           st.text(alphabet=NASTY_CHARS[:22], min_size=1, max_size=20).map(lambda t: "abcdefgh" + t),
                           st.integers(min_value=65, max_value=300).map(lambda n: "a" * n)),  # too long
    "text": st.one_of(st.none(), st.booleans(), ints, huge_ints, floats, nested(),
                      st.lists(st.sampled_from(["\x00", "\u202e", "\u2066", "\u200b", " ", "\n", "\ufeff"]),
                               max_size=40).map("".join),
                      long_text),
    "name": st.one_of(st.none(), st.booleans(), ints, floats, nested(),
                      st.integers(min_value=121, max_value=400).map(lambda n: "n" * n),
                      st.sampled_from(["", " ", "\n\t "])),
    "phase": st.one_of(st.none(), st.booleans(), ints, floats, nested(), nasty_text,
                       st.sampled_from(["KRITIK", "kritik ", "\u202ekritik", "kritik\x00"])),
    "step": st.one_of(st.none(), st.booleans(), ints, floats, nested(), nasty_text,
                      st.sampled_from(["DOT", "dot ", "\u202edot", "dot\x00", "vote"])),
    "mode": st.one_of(st.booleans(), ints, floats, nested(), nasty_text,
                      st.sampled_from(["TOP", "top ", "cloud\x00", "wall"])),
    "pace": st.one_of(st.booleans(), floats, nasty_text, nested(), huge_ints,
                      st.integers(min_value=121, max_value=LIMIT), st.integers(min_value=-LIMIT, max_value=4)),
    "top_n": st.one_of(st.booleans(), floats, nasty_text, nested(), huge_ints,
                       st.integers(min_value=31, max_value=LIMIT), st.integers(min_value=-LIMIT, max_value=0)),
    "bool": st.one_of(st.none(), ints, floats, nasty_text, nested(),
                      st.sampled_from(["true", "false", 0, 1])),
    "seconds": st.one_of(st.none(), st.booleans(), floats, nasty_text, nested(), huge_ints,
                         st.integers(min_value=7201, max_value=LIMIT), st.integers(min_value=-LIMIT, max_value=0)),
    # Not a list, or a list with at least one wrong id (an empty list is valid).
    "id_list": st.one_of(st.none(), st.booleans(), ints, floats, nasty_text,
                         st.dictionaries(nasty_text, scalars, max_size=3),
                         st.integers(min_value=3, max_value=60).map(lambda n: _deep(n | 1)),
                         st.tuples(st.lists(st.integers(min_value=1, max_value=5), max_size=3), bad_id,
                                   st.lists(st.integers(min_value=1, max_value=5), max_size=3)).map(
                             lambda t: [*t[0], t[1], *t[2]]),
                         st.lists(st.integers(min_value=1, max_value=5), min_size=201, max_size=300)),
    "limit": st.one_of(st.booleans(), floats, nasty_text, nested(), huge_ints,
                       st.integers(min_value=201, max_value=LIMIT)),
    "bulk_kind": st.one_of(st.none(), st.booleans(), ints, floats, nested(), nasty_text,
                           st.sampled_from(["HIDE", "hide ", "delete", "restore", "hide\x00"])),
    # Not a list, a list with a wrong id, or more than the 500 ideas a step may take.
    "bulk_ids": st.one_of(st.none(), st.booleans(), ints, floats, nasty_text,
                          st.tuples(st.lists(st.integers(min_value=1, max_value=5), max_size=3), bad_id).map(
                              lambda t: [*t[0], t[1]]),
                          st.lists(st.integers(min_value=1, max_value=5), min_size=501, max_size=520)),
}
VALID_FILLER = {  # values of the right shape, used for the keys that are not being broken
    "id": st.integers(min_value=1, max_value=5),
    "client_id": st.just("fuzz-client-000001"),
    "text": st.just("Eine gültige Idee"),
    "name": st.just("Gruppe"),
    "phase": st.just("utopie"),
    "bool": st.booleans(),
    "seconds": st.integers(min_value=1, max_value=7200),
    "id_list": st.lists(st.integers(min_value=1, max_value=5), max_size=3),
    "limit": st.integers(min_value=1, max_value=200),
    "step": st.just("dot"),
    "mode": st.just("top"),
    "pace": st.integers(min_value=5, max_value=120),
    "top_n": st.integers(min_value=1, max_value=30),
    "bulk_kind": st.just("hide"),
    "bulk_ids": st.lists(st.integers(min_value=1, max_value=5), max_size=3),
}


@st.composite
def malformed(draw, schema):
    """A payload that is wrong in at least one way the handler must refuse."""
    keys = {key: kind.rstrip("?") for key, kind in schema.items()}
    required = [key for key, kind in schema.items() if not kind.endswith("?")]
    ways = ["not_a_dict", "unknown_key"]
    if keys:
        ways.append("bad_value")
    if required:
        ways.append("missing_key")
    way = draw(st.sampled_from(ways))
    if way == "not_a_dict":
        return draw(st.one_of(st.booleans(), ints, huge_ints, floats, nasty_text, long_text,
                              st.lists(junk, max_size=5), nested()).filter(
                                  lambda v: v is not None and not isinstance(v, dict)))
    payload = {key: draw(VALID_FILLER[kind]) for key, kind in keys.items()}
    if way == "unknown_key":
        name = draw(st.one_of(nasty_text, st.sampled_from(["status", "participant_id", "workshop_id",
                                                          "__proto__", "id", ""])))
        if name in schema or name == "client_id":
            name += "_x"
        payload[name] = draw(junk)
    elif way == "bad_value":
        broken = draw(st.sampled_from(sorted(keys)))
        payload[broken] = draw(BAD[keys[broken]])
        if schema[broken].endswith("?") and payload[broken] in (None, ""):
            payload[broken] = False  # None (or "") means "not given" there; False never fits
    else:
        del payload[draw(st.sampled_from(required))]
    return payload


# --- the fixture: one session with data, sockets of both roles ----------------------------

def database_rows():
    db.session.remove()
    with db.engine.connect() as conn:
        return {name: sorted(map(tuple, conn.execute(text(f'SELECT * FROM "{name}"'))), key=repr)
                for name in inspect(db.engine).get_table_names()}


@pytest.fixture
def session(live, app):
    app.config.update(LIVE_EVENTS_PER_SECOND=1e9, LIVE_EVENT_BURST=1e9)
    workshop = live.workshop()
    resident = live.resident(workshop)
    for n in range(3):
        assert emit(resident, "idea:submit", {"client_id": cid(), "text": f"Idee {n}"})["ok"]
    facilitator = live.facilitator(workshop)
    assert emit(facilitator, "cluster:create", {"name": "Verkehr"})["ok"]
    return {"resident": resident, "facilitator": facilitator}


def test_every_event_is_fuzzed(app):
    registered = set(socketio.server.handlers.get(NAMESPACE, {})) - {"connect", "disconnect", "*"}
    assert registered == set(SCHEMAS)


def fuzz_event(socket, event, examples):
    seen = {"count": 0}

    @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(payload=malformed(SCHEMAS[event]))
    def check(payload):
        ack = emit(socket, event, payload)
        seen["count"] += 1
        assert isinstance(ack, dict), (event, payload, ack)
        assert ack.get("ok") is False, (event, payload, ack)
        assert ack.get("error") in ERROR_CODES, (event, payload, ack)
        assert isinstance(ack.get("message"), str) and ack["message"], (event, payload, ack)

    check()
    return seen["count"]


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_malformed_payloads_get_a_clear_error_and_change_nothing(session):
    """All events in one app and one session (a set-up per event would cost more than the
    fuzzing); each event gets its own Hypothesis run of EXAMPLES payloads."""
    before = database_rows()
    counts = {}
    started = time.monotonic()
    for event in sorted(SCHEMAS):
        socket = session["resident" if event in RESIDENT_EVENTS else "facilitator"]
        began = time.monotonic()
        counts[event] = fuzz_event(socket, event, EXAMPLES)
        print(f"{event}: {counts[event]} payloads in {time.monotonic() - began:.1f} s")
        assert socket.is_connected(NAMESPACE), event
    print(f"all events: {sum(counts.values())} payloads in {time.monotonic() - started:.1f} s")
    assert all(n >= EXAMPLES for n in counts.values()), counts
    assert database_rows() == before
    # Both sockets still work normally afterwards.
    assert emit(session["resident"], "session:sync", {})["ok"]
    assert emit(session["facilitator"], "moderation:log", {})["ok"]


def test_absurdly_deep_nesting_does_not_break_the_connection(session):
    """Deeper than the JSON decoder's recursion limit: refused, and the socket carries on."""
    socket = session["resident"]
    before = database_rows()
    payload = {"client_id": cid(), "text": "x"}
    inner = payload
    for _ in range(5000):
        inner["text"] = {"t": None}
        inner = inner["text"]
    try:
        ack = emit(socket, "idea:submit", payload)
    except RecursionError:
        ack = None  # the client library itself cannot encode it: nothing reached the server
    assert ack is None or (ack["ok"] is False and ack["error"] in ERROR_CODES | {"internal"})
    assert emit(socket, "session:sync", {})["ok"]
    assert database_rows() == before


def test_numbers_too_long_for_the_engine_are_dropped_before_any_handler(session):
    """A JSON number of more than 100 digits: the engine refuses to decode the packet (no
    handler runs, so no ack); the connection and everything else carry on."""
    socket = session["resident"]
    before = database_rows()
    with pytest.raises(ValueError, match="too large"):
        emit(socket, "dot:add", {"client_id": cid(), "idea_id": 10**101})
    assert socket.is_connected(NAMESPACE)
    assert emit(socket, "session:sync", {})["ok"]
    assert database_rows() == before
