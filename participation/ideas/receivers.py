"""The ideas feature's parts of the session's payloads (workshops.signals)."""
from .. import live
from ..workshops import services as workshop_services
from ..workshops import signals as workshop_signals
from . import services


def on_snapshot(workshop, role, participant_id=None, **_):
    ideas = services.ideas_for(workshop.id, role, participant_id)
    # While the counts are hidden, only the facilitators' snapshot carries them.
    hide = role != live.ROLE_FACILITATOR and workshop_services.counts_hidden(workshop)
    return {"ideas": [services.idea_dict(idea, participant_id, hide) for idea in ideas],
            "clusters": [services.cluster_dict(c) for c in services.clusters_for(workshop.id)],
            "starting_points": services.starting_points(workshop)}


def on_session_update(workshop, **_):
    return {"starting_points": services.starting_points(workshop)}


def connect() -> None:
    """Called by ideas.init_app (connecting twice is harmless)."""
    workshop_signals.snapshot_requested.connect(on_snapshot)
    workshop_signals.session_update_requested.connect(on_session_update)
