"""Rules of issue 13: who may join (cap, tickets), entry tickets (the join route's
per-address limit key is workshops.routes._join_limit_key), and the facilitator's join
figures with the stuffing alert.

The alert is a hint for the facilitator, never a block. It fires when, within WINDOW:
- many joins did nothing else (STUFFING_MIN_JOINS or more, 90 % of the window's joins
  without an idea or a dot), once the session has been open for GRACE (the first minutes
  of a hall are exactly that pattern), or
- dots arrive mostly (60 % or more of at least MIN_DOTS) from fresh participants: people
  who joined less than FRESH before their dot and wrote no idea.
"""
import secrets
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, exists, func, update

from ..accounts.models import utcnow
from ..errors import DomainError, ValidationError
from ..extensions import db
from ..ideas.models import Idea
from ..voting.models import Dot
from ..workshops.models import Channel, Participant, Workshop
from ..workshops.queries import participant_total
from .models import EntryTicket

WINDOW = timedelta(minutes=10)
GRACE = timedelta(minutes=5)
FRESH = timedelta(minutes=3)
MIN_DOTS = 15
IDLE_SHARE = 0.9
FRESH_SHARE = 0.6
MAX_TICKETS_PER_PRINT = 500
TICKET_ALPHABET = "ACDEFGHJKMNPQRTWXY34679"  # no 0/O, 1/I/L, 2/Z, 5/S, 8/B
TICKET_LENGTH = 10


# --- admission ------------------------------------------------------------------------------

class SessionFull(DomainError):
    code = "session_full"
    http_status = 409
    default_message = _l("Diese Werkstatt ist voll: mehr Teilnehmende sind nicht vorgesehen.")


def normalise_ticket(code) -> str:
    if not isinstance(code, str):
        return ""
    return "".join(ch for ch in code.upper() if ch.isalnum())[:TICKET_LENGTH + 4]


def check_admission(workshop: Workshop, ticket_code: str | None, device: str | None = None):
    """Before a new participant: the cap, and in verified mode a valid unused ticket.
    Returns the ticket to be used (or None). Paper cards typed in by a helper are admitted
    by the helper, who sees the person."""
    if workshop.max_participants:
        if participant_total(workshop.id) >= workshop.max_participants:
            raise SessionFull()
    if not workshop.tickets_required or device == Channel.ASSISTED.value:
        return None
    code = normalise_ticket(ticket_code)
    if not code:
        raise ValidationError("ticket_required", _l(
            "Für diese Werkstatt brauchen Sie eine Eintrittskarte. Bitte scannen Sie den "
            "QR-Code auf Ihrer Karte oder tippen Sie den Code ein."))
    ticket = db.session.scalar(db.select(EntryTicket).where(
        EntryTicket.code == code, EntryTicket.workshop_id == workshop.id))
    if ticket is None or ticket.used_at is not None:
        raise ValidationError("ticket_invalid", _l(
            "Diese Eintrittskarte gilt nicht (mehr). Jede Karte lässt eine Person einmal ein."))
    return ticket


def admit(ticket: EntryTicket | None, participant: Participant) -> None:
    """Use the ticket for this participant, once: of two joins racing with the same ticket
    one wins; the other's participant is removed again."""
    if ticket is None:
        return
    result = db.session.execute(
        update(EntryTicket).where(EntryTicket.id == ticket.id, EntryTicket.used_at.is_(None))
        .values(used_at=utcnow(), participant_id=participant.id))
    if result.rowcount != 1:
        db.session.delete(participant)
        db.session.commit()
        raise ValidationError("ticket_invalid", _l(
            "Diese Eintrittskarte gilt nicht (mehr). Jede Karte lässt eine Person einmal ein."))
    db.session.commit()


def may_place_dot(workshop: Workshop, participant: Participant) -> bool:
    """Verified mode: no dot counts without a ticket (helper's paper cards excepted)."""
    if not workshop.tickets_required or participant.channel == Channel.ASSISTED.value:
        return True
    return db.session.scalar(db.select(exists().where(
        EntryTicket.participant_id == participant.id))) is True


def require_ticket_for_dot(workshop: Workshop, participant: Participant) -> None:
    if not may_place_dot(workshop, participant):
        raise DomainError("ticket_required", _l(
            "Punkte zählen in dieser Werkstatt nur mit Eintrittskarte."), http_status=403)


# --- tickets ----------------------------------------------------------------------------------

def issue_tickets(workshop_id: int, count: int) -> list[EntryTicket]:
    if not isinstance(count, int) or not 1 <= count <= MAX_TICKETS_PER_PRINT:
        raise ValidationError("invalid_count", _l(
            "Bitte zwischen 1 und %(n)s Karten auf einmal.", n=MAX_TICKETS_PER_PRINT))
    tickets = [EntryTicket(workshop_id=workshop_id, code="".join(
        secrets.choice(TICKET_ALPHABET) for _ in range(TICKET_LENGTH))) for _ in range(count)]
    db.session.add_all(tickets)
    db.session.commit()
    return tickets


def unused_tickets(workshop_id: int, limit: int = MAX_TICKETS_PER_PRINT) -> list[EntryTicket]:
    return list(db.session.scalars(db.select(EntryTicket).where(
        EntryTicket.workshop_id == workshop_id, EntryTicket.used_at.is_(None))
        .order_by(EntryTicket.id).limit(limit)))


def display_ticket(code: str) -> str:
    return f"{code[:5]}-{code[5:]}"


# --- figures for the facilitator ------------------------------------------------------------

def join_figures(workshop: Workshop, now=None) -> dict:
    now = now or utcnow()
    since = now - WINDOW
    window_joins = db.session.execute(
        db.select(func.count(Participant.id),
                  func.count(Participant.id).filter(Participant.acted_at.is_(None)),
                  func.count(Participant.id).filter(Participant.created_at >= now - timedelta(minutes=1)))
        .where(Participant.workshop_id == workshop.id, Participant.created_at >= since)).one()
    joins, idle, last_minute = (int(n or 0) for n in window_joins)
    has_idea = exists().where(and_(Idea.participant_id == Participant.id))
    dots, fresh = db.session.execute(
        db.select(func.count(Dot.id),
                  func.count(Dot.id).filter(and_(Participant.created_at >= Dot.created_at - FRESH,
                                                 ~has_idea)))
        .select_from(Dot).outerjoin(Participant, Participant.id == Dot.participant_id)
        .where(Dot.workshop_id == workshop.id, Dot.created_at >= since)).one()
    dots, fresh = int(dots or 0), int(fresh or 0)
    issued, used = db.session.execute(
        db.select(func.count(EntryTicket.id), func.count(EntryTicket.used_at))
        .where(EntryTicket.workshop_id == workshop.id)).one()
    reasons = []
    settled = workshop.opened_at is None or now - workshop.opened_at >= GRACE
    min_joins = int(current_app.config["STUFFING_MIN_JOINS"])
    if settled and idle >= min_joins and idle >= IDLE_SHARE * joins:
        reasons.append(_("%(n)s Anmeldungen in 10 Minuten ohne jede weitere Aktion.", n=idle))
    if dots >= MIN_DOTS and fresh >= FRESH_SHARE * dots:
        reasons.append(_("%(fresh)s von %(dots)s Punkten kommen von eben erst angemeldeten "
                         "Personen ohne eigene Idee.", fresh=fresh, dots=dots))
    return {
        "joins_per_minute": last_minute, "joins_window": joins, "idle_joins": idle,
        "dots_window": dots, "fresh_dots": fresh,
        "tickets": {"required": bool(workshop.tickets_required), "issued": int(issued or 0),
                    "used": int(used or 0)},
        "alert": bool(reasons),
        "alert_text": (_("Achtung, das sieht nach Stimmenfang aus: %(why)s Erwägen Sie "
                         "Eintrittskarten (verifizierter Modus).", why=" ".join(reasons))
                       if reasons else ""),
    }


def acted_filter():
    """For "who takes part": only participants who wrote an idea or placed a dot."""
    return Participant.acted_at.is_not(None)


def set_tickets_required(workshop: Workshop, required: bool) -> None:
    if bool(workshop.tickets_required) == required:
        return
    if participant_total(workshop.id):
        raise ValidationError("tickets_locked", _l(
            "Der verifizierte Modus lässt sich nur ändern, solange noch niemand teilnimmt."))
    workshop.tickets_required = required
    db.session.commit()
