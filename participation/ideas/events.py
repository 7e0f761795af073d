"""`/live` handlers for ideas: residents submit; facilitators moderate and cluster.
Contract: docs/realtime.md."""
from ..accounts.permissions import require_facilitator
from ..live import (ROLE_FACILITATOR, ROLE_PARTICIPANT, get_choice, get_client_id, get_int,
                    get_int_list, get_str, live_event)
from ..workshops.events import _workshop_ack
from ..workshops.models import PHASES
from ..workshops.services import counts_hidden, get_workshop
from . import bulk, moderation, undo
from .models import MAX_IDEA_LENGTH
from .services import cluster_dict, idea_dict, submit_idea
from .spotlight import set_spotlight

FACILITATOR_ONLY = (ROLE_FACILITATOR,)
# Generous bound before trimming; the 280-character rule is checked after trimming.
MAX_RAW_TEXT = 4 * MAX_IDEA_LENGTH


@live_event("idea:submit", roles=(ROLE_PARTICIPANT,), allowed={"text"})
def on_submit(client, payload):
    """Resident sends an idea. Everyone gets `idea:created` (only facilitators and the author
    while it waits for approval)."""
    client_id = get_client_id(payload)
    text = get_str(payload, "text", max_length=MAX_RAW_TEXT)
    idea, repeat = submit_idea(client.workshop_id, client.participant_id, text, client_id)
    hidden = counts_hidden(get_workshop(client.workshop_id))
    ack = {"ok": True, "idea": idea_dict(idea, client.participant_id, hidden)}
    if repeat:
        ack["repeat"] = True
    return ack


def _idea_ack(idea):
    return {"ok": True, "idea": idea_dict(idea)}


@live_event("idea:hide", roles=FACILITATOR_ONLY, allowed={"idea_id"})
def on_hide(client, payload):
    """Facilitator hides an idea: everyone gets `idea:removed`, facilitators `idea:updated`."""
    require_facilitator(client)
    return _idea_ack(moderation.hide(client.workshop_id, get_int(payload, "idea_id"), client.user_id))


@live_event("idea:restore", roles=FACILITATOR_ONLY, allowed={"idea_id"})
def on_restore(client, payload):
    """Facilitator restores a hidden idea: everyone gets `idea:updated`."""
    require_facilitator(client)
    return _idea_ack(moderation.restore(client.workshop_id, get_int(payload, "idea_id"), client.user_id))


@live_event("idea:approve", roles=FACILITATOR_ONLY, allowed={"idea_id"})
def on_approve(client, payload):
    """Facilitator approves a pending idea (pre-moderation): everyone gets `idea:updated`."""
    require_facilitator(client)
    return _idea_ack(moderation.approve(client.workshop_id, get_int(payload, "idea_id"), client.user_id))


@live_event("idea:edit", roles=FACILITATOR_ONLY, allowed={"idea_id", "text"})
def on_edit(client, payload):
    """Facilitator corrects an idea's text: whoever sees it gets `idea:updated`."""
    require_facilitator(client)
    idea_id = get_int(payload, "idea_id")
    text = get_str(payload, "text", max_length=MAX_RAW_TEXT)
    return _idea_ack(moderation.edit(client.workshop_id, idea_id, text, client.user_id))


@live_event("idea:merge", roles=FACILITATOR_ONLY, allowed={"keep_id", "merge_ids"})
def on_merge(client, payload):
    """Facilitator merges duplicates: `idea:removed` (merged) for each, `idea:updated` for the
    kept idea, `me:updated` to every participant whose dots moved or came back."""
    require_facilitator(client)
    keep_id = get_int(payload, "keep_id")
    merge_ids = get_int_list(payload, "merge_ids", max_items=50)
    return _idea_ack(moderation.merge(client.workshop_id, keep_id, merge_ids, client.user_id))


@live_event("cluster:create", roles=FACILITATOR_ONLY, allowed={"name", "phase", "idea_ids"})
def on_cluster_create(client, payload):
    """Facilitator creates a named group: everyone gets `cluster:updated`."""
    require_facilitator(client)
    name = get_str(payload, "name", max_length=200)
    phase = get_choice(payload, "phase", PHASES, required=False)
    idea_ids = get_int_list(payload, "idea_ids", max_items=200, required=False)
    cluster = moderation.create_cluster(client.workshop_id, name, client.user_id, phase, idea_ids)
    return {"ok": True, "cluster": cluster_dict(cluster)}


@live_event("cluster:rename", roles=FACILITATOR_ONLY, allowed={"cluster_id", "name"})
def on_cluster_rename(client, payload):
    """Facilitator renames a group: everyone gets `cluster:updated`."""
    require_facilitator(client)
    cluster = moderation.rename_cluster(client.workshop_id, get_int(payload, "cluster_id"),
                                        get_str(payload, "name", max_length=200), client.user_id)
    return {"ok": True, "cluster": cluster_dict(cluster)}


@live_event("cluster:delete", roles=FACILITATOR_ONLY, allowed={"cluster_id"})
def on_cluster_delete(client, payload):
    """Facilitator deletes a group (its ideas stay): everyone gets `cluster:removed`."""
    require_facilitator(client)
    moderation.delete_cluster(client.workshop_id, get_int(payload, "cluster_id"), client.user_id)
    return {"ok": True}


@live_event("idea:cluster", roles=FACILITATOR_ONLY, allowed={"idea_id", "cluster_id"})
def on_idea_cluster(client, payload):
    """Facilitator puts an idea into a group (or none): whoever sees it gets `idea:updated`."""
    require_facilitator(client)
    idea_id = get_int(payload, "idea_id")
    cluster_id = get_int(payload, "cluster_id", nullable=True)
    return _idea_ack(moderation.assign_cluster(client.workshop_id, idea_id, cluster_id, client.user_id))


@live_event("ideas:bulk", roles=FACILITATOR_ONLY, allowed={"kind", "idea_ids", "cluster_id"})
def on_bulk(client, payload):
    """Facilitator approves, hides or moves many ideas in one step (one transaction, one
    undo): the events of each changed idea follow, as for one."""
    require_facilitator(client)
    kind = get_choice(payload, "kind", bulk.KINDS)
    idea_ids = get_int_list(payload, "idea_ids", max_items=bulk.MAX_IDEAS)
    cluster_id = get_int(payload, "cluster_id", nullable=True, required=kind == "move")
    return {"ok": True, **bulk.apply(client.workshop_id, kind, idea_ids, client.user_id, cluster_id)}


@live_event("moderation:undo", roles=FACILITATOR_ONLY, allowed={"action_id"})
def on_undo(client, payload):
    """Facilitator undoes a recorded step; the usual events follow."""
    require_facilitator(client)
    undo.undo(client.workshop_id, get_int(payload, "action_id"), client.user_id)
    return {"ok": True}


@live_event("moderation:log", roles=FACILITATOR_ONLY, allowed={"limit"})
def on_log(client, payload):
    """Facilitator asks for the latest moderation steps (for the undo list)."""
    limit = get_int(payload, "limit", maximum=200, required=False) or 50
    return {"ok": True, "actions": [moderation.action_dict(a)
                                    for a in moderation.actions(client.workshop_id, limit)]}


@live_event("spotlight:set", roles=FACILITATOR_ONLY, allowed={"idea_id"})
def on_spotlight(client, payload):
    """Facilitator puts one idea (or none) in the spotlight of the projector."""
    require_facilitator(client)
    idea_id = get_int(payload, "idea_id", nullable=True)
    return _workshop_ack(set_spotlight(client.workshop_id, idea_id, client.user_id))
