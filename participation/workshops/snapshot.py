"""The full picture of a session for one connecting client (docs/realtime.md)."""
from flask import has_request_context, request

from .. import live
from ..ideas import services as idea_services
from ..voting import services as voting_services
from ..voting import tally
from . import services


def snapshot(workshop_id: int, role: str, participant_id: int | None = None) -> dict:
    workshop = services.get_workshop(workshop_id)
    ideas = idea_services.ideas_for(workshop_id, role, participant_id)
    if role == live.ROLE_PARTICIPANT:
        me = voting_services.me_dict(workshop, participant_id)
    else:
        me = {"role": role}
    data = {
        "workshop": services.workshop_dict(workshop),
        "ideas": [idea_services.idea_dict(idea, participant_id) for idea in ideas],
        "clusters": [idea_services.cluster_dict(c) for c in idea_services.clusters_for(workshop_id)],
        "starting_points": idea_services.starting_points(workshop),
        "me": me,
        "participants": (tally.cached_participants(workshop_id)
                         or services.participant_counts(workshop_id)),
        "tally_seq": tally.current_seq(workshop_id, role,
                                       getattr(request, "sid", None) if has_request_context() else None),
    }
    from ..results.live import for_snapshot
    representation = for_snapshot(workshop, role)
    if representation is not None:  # facilitators; projectors when the session shows it
        data["representation"] = representation
    return data
