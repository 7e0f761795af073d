"""The full picture of a session for one connecting client (docs/realtime.md).

The session's own part is built here; ideas ("ideas", "clusters", "starting_points"),
voting ("me", "participants", "tally_seq") and results ("representation") add theirs
through the `snapshot_requested` signal."""
from flask import has_request_context, request

from .. import live
from . import signals
from .broadcast import workshop_dict
from .queries import get_workshop, participant_counts


def snapshot(workshop_id: int, role: str, participant_id: int | None = None) -> dict:
    workshop = get_workshop(workshop_id)
    sid = getattr(request, "sid", None) if has_request_context() else None
    data = {"workshop": workshop_dict(workshop), "ideas": [], "clusters": [],
            "starting_points": [],
            "me": {"role": role} if role != live.ROLE_PARTICIPANT else None,
            "participants": None, "tally_seq": 0}
    data.update(signals.collect(signals.snapshot_requested, workshop, role=role,
                                participant_id=participant_id, sid=sid))
    if data["participants"] is None:
        data["participants"] = participant_counts(workshop_id)
    return data
