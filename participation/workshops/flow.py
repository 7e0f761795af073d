"""The facilitation flow of a phase and what the projector shows (issue 12).

Each phase runs "collect" (residents write), then "dot" (dotting is open with the phase's
budget), then "done". Dots are taken only while the current phase is in "dot". While
dotting is open the facilitator may hide the counts from phones and the projector, so
early dots do not steer later ones; they show again once dotting is closed. Each step
starts without a timer (the facilitator sets one per step)."""
from flask_babel import lazy_gettext as _l

from .. import live
from ..accounts.permissions import require_facilitator
from ..errors import DomainError, ValidationError
from ..extensions import db
from .models import PHASE_ORDER

COLLECT, DOT, DONE = "collect", "dot", "done"
STEPS = (COLLECT, DOT, DONE)
DISPLAY_MODES = ("pages", "top", "groups", "cloud", "results")
MIN_SECONDS, MAX_SECONDS = 5, 120
MAX_TOP_N = 30


class DottingClosed(DomainError):
    code = "dotting_closed"
    http_status = 409
    default_message = _l("Punkte vergeben geht erst, wenn die Moderation das Punkten öffnet.")


def dotting_open(workshop) -> bool:
    return workshop.step_for(workshop.phase) == DOT


def counts_hidden(workshop) -> bool:
    return bool(workshop.hide_counts) and dotting_open(workshop)


def flow_dict(workshop) -> dict:
    """Part of the workshop payload (docs/realtime.md, `workshop.flow` and `.display`)."""
    return {
        "flow": {
            "step": workshop.step_for(workshop.phase),
            "steps": {p.value: workshop.step_for(p.value) for p in PHASE_ORDER},
            "dotting_open": dotting_open(workshop),
            "hide_counts": bool(workshop.hide_counts),
            "counts_hidden": counts_hidden(workshop),
        },
        "display": {"mode": workshop.display_mode or "pages",
                    "seconds": workshop.display_seconds or 12,
                    "top_n": workshop.display_top_n or 10},
    }


def set_step(workshop_id: int, step: str, user_id: int | None):
    """Move the current phase to `step`. Collecting unlocks submissions, dotting and done
    lock them; the timer of the previous step ends."""
    from . import services
    if step not in STEPS:
        raise ValidationError("invalid", _l("Diesen Schritt gibt es nicht."))
    workshop = services.get_workshop(workshop_id)
    before = workshop.step_for(workshop.phase)
    if before != step:
        setattr(workshop, f"step_{workshop.phase}", step)
        workshop.submissions_locked = step != COLLECT
        workshop.phase_deadline = None
        services._record(workshop, user_id, "step",
                         {"phase": workshop.phase, "old": before, "new": step})
        db.session.commit()
    services._broadcast_session(workshop)
    return workshop


def set_hide_counts(workshop_id: int, hidden: bool, user_id: int | None):
    from . import services
    workshop = services.get_workshop(workshop_id)
    if bool(workshop.hide_counts) != hidden:
        workshop.hide_counts = hidden
        services._record(workshop, user_id, "hide_counts", {"hidden": hidden})
        db.session.commit()
    services._broadcast_session(workshop)
    return workshop


def set_display(workshop_id: int, user_id: int | None, *, mode: str | None = None,
                seconds: int | None = None, top_n: int | None = None):
    """What the projector shows and how fast its pages turn."""
    from . import services
    if mode is not None and mode not in DISPLAY_MODES:
        raise ValidationError("invalid", _l("Diese Ansicht gibt es nicht."))
    if seconds is not None and not MIN_SECONDS <= seconds <= MAX_SECONDS:
        raise ValidationError("invalid", _l("Eine Seite steht 5 bis 120 Sekunden."))
    if top_n is not None and not 1 <= top_n <= MAX_TOP_N:
        raise ValidationError("invalid", _l("Es gehen 1 bis 30 Ideen."))
    workshop = services.get_workshop(workshop_id)
    changes = {k: v for k, v in (("display_mode", mode), ("display_seconds", seconds),
                                 ("display_top_n", top_n)) if v is not None}
    if any(getattr(workshop, k) != v for k, v in changes.items()):
        for key, value in changes.items():
            setattr(workshop, key, value)
        services._record(workshop, user_id, "display", changes)
        db.session.commit()
    services._broadcast_session(workshop)
    return workshop


def register_events():
    """The facilitator's flow and display controls (`flow:step`, `flow:hide_counts`,
    `display:set`); everyone gets `session:updated`."""
    from .events import FACILITATOR_ONLY, _workshop_ack

    @live.live_event("flow:step", roles=FACILITATOR_ONLY, allowed={"step"})
    def on_step(client, payload):
        """Facilitator: collect, open dotting, close dotting (done) for the current phase."""
        require_facilitator(client)
        step = live.get_choice(payload, "step", STEPS)
        return _workshop_ack(set_step(client.workshop_id, step, client.user_id))

    @live.live_event("flow:hide_counts", roles=FACILITATOR_ONLY, allowed={"hidden"})
    def on_hide_counts(client, payload):
        """Facilitator: hide the counts from phones and projector while dotting is open."""
        require_facilitator(client)
        hidden = live.get_bool(payload, "hidden")
        return _workshop_ack(set_hide_counts(client.workshop_id, hidden, client.user_id))

    @live.live_event("display:set", roles=FACILITATOR_ONLY, allowed={"mode", "seconds", "top_n"})
    def on_display(client, payload):
        """Facilitator: the projector's view (mode), page pace (seconds) and top N."""
        require_facilitator(client)
        mode = live.get_choice(payload, "mode", DISPLAY_MODES, required=False)
        seconds = live.get_int(payload, "seconds", minimum=MIN_SECONDS, maximum=MAX_SECONDS,
                               required=False)
        top_n = live.get_int(payload, "top_n", minimum=1, maximum=MAX_TOP_N, required=False)
        return _workshop_ack(set_display(client.workshop_id, client.user_id, mode=mode,
                                         seconds=seconds, top_n=top_n))
