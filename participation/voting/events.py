"""`/live` handlers for dots. Contract: docs/realtime.md."""
from ..live import ROLE_PARTICIPANT, get_client_id, get_int, live_event
from . import services


@live_event("dot:add", roles=(ROLE_PARTICIPANT,), allowed={"idea_id"})
def on_add(client, payload):
    """Resident places a dot. Its own sockets get `me:updated`; the count reaches everyone
    through the tally ticker (`tally:update`)."""
    client_id = get_client_id(payload)
    idea_id = get_int(payload, "idea_id")
    result = services.add_dot(client.workshop_id, client.participant_id, idea_id, client_id,
                              sid=client.sid)
    return _ack(result)


@live_event("dot:remove", roles=(ROLE_PARTICIPANT,), allowed={"idea_id"})
def on_remove(client, payload):
    """Resident takes a dot back; as for `dot:add`."""
    client_id = get_client_id(payload)
    idea_id = get_int(payload, "idea_id")
    result = services.remove_dot(client.workshop_id, client.participant_id, idea_id, client_id)
    return _ack(result)


def _ack(result):
    ack = {"ok": True, "me": result["me"], "dots": result["dots"]}
    if result["repeat"]:
        ack["repeat"] = True
    return ack
