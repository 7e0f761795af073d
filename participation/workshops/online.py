"""The online window: people who cannot come at the hour of the live event take part from
home before it (ideas) and after it (dots), between dates the facilitator sets.

While the session is open everybody takes part live, whatever the window says. Outside
the live session only participants of the channel "online" may write, ideas inside the
ideas window and dots inside the dots window. Times are naive UTC, like every column."""
from flask_babel import format_date, format_time
from flask_babel import lazy_gettext as _l

from ..accounts.models import utcnow
from ..errors import ValidationError
from ..extensions import db
from .models import Channel, Participant, WorkshopStatus
from .queries import iso

IDEAS = "ideas"
DOTS = "dots"
ACTIONS = (IDEAS, DOTS)
WINDOW_CLOSED_MESSAGE = _l("Die Online-Beteiligung ist gerade nicht geöffnet.")


def bounds(workshop, action: str):
    if action == IDEAS:
        return workshop.online_ideas_from, workshop.online_ideas_until
    return workshop.online_dots_from, workshop.online_dots_until


def window_set(workshop, action: str) -> bool:
    start, end = bounds(workshop, action)
    return start is not None or end is not None


def window_open(workshop, action: str, now=None) -> bool:
    """True while the online window for `action` is open (only outside the live session)."""
    if workshop.status == WorkshopStatus.OPEN.value or not window_set(workshop, action):
        return False
    now = now or utcnow()
    start, end = bounds(workshop, action)
    return (start is None or start <= now) and (end is None or now <= end)


def any_window_open(workshop, now=None) -> bool:
    return any(window_open(workshop, action, now) for action in ACTIONS)


def any_window_set(workshop) -> bool:
    return any(window_set(workshop, action) for action in ACTIONS)


def admits(workshop, participant_id, action: str, now=None) -> bool:
    """May this participant write (`ideas` or `dots`) while the session is not open?"""
    if action not in ACTIONS or participant_id is None or not window_open(workshop, action, now):
        return False
    participant = db.session.get(Participant, participant_id)
    return (participant is not None and participant.workshop_id == workshop.id
            and participant.channel == Channel.ONLINE.value)


def may_join(workshop, now=None) -> bool:
    """Residents join an open session, or from home while an online window is open."""
    return workshop.status == WorkshopStatus.OPEN.value or any_window_open(workshop, now)


def check_order(values: dict) -> None:
    """Each window's start lies before its end. `values` holds the four column names."""
    for action in ACTIONS:
        start, end = values.get(f"online_{action}_from"), values.get(f"online_{action}_until")
        if start is not None and end is not None and end <= start:
            raise ValidationError("invalid_online_window", _l(
                "Das Ende eines Online-Zeitraums muss nach seinem Beginn liegen."))


def window_dict(workshop, now=None) -> dict:
    """For the pages and the snapshot: the dates and whether each window is open now."""
    return {"ideas_from": iso(workshop.online_ideas_from),
            "ideas_until": iso(workshop.online_ideas_until),
            "dots_from": iso(workshop.online_dots_from),
            "dots_until": iso(workshop.online_dots_until),
            "ideas_open": window_open(workshop, IDEAS, now),
            "dots_open": window_open(workshop, DOTS, now)}


def window_sentences(workshop, actions=ACTIONS) -> list[str]:
    """Sentences for the join page, e.g. "Ideen können Sie bis zum 12. März 2026, 18:00
    online einreichen." Dates are in the app's time zone and the reader's locale
    ("March 12, 2026, 6:00 PM" in English)."""
    def day(value):
        return f"{format_date(value, 'long')}, {format_time(value, 'short')}"
    sentences = []
    texts = {
        IDEAS: (_l("Ideen können Sie vom %(start)s bis zum %(end)s online einreichen."),
                _l("Ideen können Sie bis zum %(end)s online einreichen."),
                _l("Ideen können Sie ab dem %(start)s online einreichen.")),
        DOTS: (_l("Punkte können Sie vom %(start)s bis zum %(end)s online vergeben."),
               _l("Punkte können Sie bis zum %(end)s online vergeben."),
               _l("Punkte können Sie ab dem %(start)s online vergeben.")),
    }
    for action in actions:
        start, end = bounds(workshop, action)
        both, until, since = texts[action]
        if start is not None and end is not None:
            sentences.append(str(both) % {"start": day(start), "end": day(end)})
        elif end is not None:
            sentences.append(str(until) % {"end": day(end)})
        elif start is not None:
            sentences.append(str(since) % {"start": day(start)})
    return sentences


CLOSE_ENDS_ALL = _l("Die Werkstatt wirklich beenden? Danach kann niemand mehr mitmachen.")
CLOSE_KEEPS_ONLINE = _l("Die Werkstatt im Saal wirklich beenden? Im Saal kann danach niemand "
                        "mehr mitmachen. Von zu Hause geht es weiter:")


def close_confirmation(workshop, now=None) -> str:
    """The console's question before closing. It only says "nobody can take part any more"
    when that is true: an online window that is still to come or still open keeps the
    session open for people at home, and the question names its dates."""
    now = now or utcnow()
    later = [action for action in ACTIONS if window_set(workshop, action)
             and (bounds(workshop, action)[1] is None or bounds(workshop, action)[1] > now)]
    if not later:
        return str(CLOSE_ENDS_ALL)
    return " ".join([str(CLOSE_KEEPS_ONLINE), *window_sentences(workshop, later)])
