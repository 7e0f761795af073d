"""The facilitation flow of a phase and what the projector shows (issue 12).

Each phase runs "collect" (residents write), then "dot" (dotting is open with the phase's
budget), then "done". Dots are taken only while the current phase is in "dot". While
dotting is open the facilitator may hide the counts from phones and the projector, so
early dots do not steer later ones; they show again once dotting is closed. Each step
starts without a timer (the facilitator sets one per step).

The rules and the payload are here; the setters are in steps.py, the handlers in
events.py."""
from flask_babel import lazy_gettext as _l

from ..errors import DomainError
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
