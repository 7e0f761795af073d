"""The session's own payload and its `session:updated` broadcast. The parts other
features add (the starting points of ideas) come through workshops.signals."""
from .. import live
from ..accounts.models import utcnow
from . import flow, online, session_languages, signals
from .models import PHASES, Workshop
from .public_url import join_url
from .queries import iso


def workshop_dict(workshop: Workshop) -> dict:
    return {
        "id": workshop.id, "title": workshop.title, "theme": workshop.theme,
        "status": workshop.status, "phase": workshop.phase,
        "question": workshop.question_for(workshop.phase),
        "questions": {phase: workshop.question_for(phase) for phase in PHASES},
        "submissions_locked": workshop.submissions_locked,
        "phase_deadline": iso(workshop.phase_deadline),
        "server_time": iso(utcnow()),
        "dots_per_participant": workshop.dots_per_participant,
        "max_dots_per_idea": workshop.max_dots_per_idea,
        "moderation_mode": workshop.moderation_mode,
        "spotlight_idea_id": workshop.spotlight_idea_id,
        "join_code": workshop.join_code,
        "join_url": join_url(workshop.join_code) if workshop.join_code else None,
        "online": online.window_dict(workshop),
        **session_languages.question_payload(workshop),
        **flow.flow_dict(workshop),
    }


def session_update_payload(workshop: Workshop) -> dict:
    """{"workshop", "starting_points"}: the second part comes from ideas (a signal)."""
    return {"workshop": workshop_dict(workshop),
            **signals.collect(signals.session_update_requested, workshop)}


def broadcast_session(workshop: Workshop) -> None:
    """`session:updated` to everyone; first voting learns whether the counts are hidden
    now (every change of step, phase or hide_counts passes here)."""
    signals.counts_visibility.send(workshop.id, hidden=flow.counts_hidden(workshop))
    live.broadcast("session:updated", session_update_payload(workshop),
                   live.session_room(workshop.id))
