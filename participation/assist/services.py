"""Helper mode and kiosk mode. Every write goes through the ordinary services (join,
submit_idea, add_dot, remove_dot), so the same rules apply and the same broadcasts go out;
this module only adds the signed keys and the card-person of the helper page."""
import secrets

from flask_babel import lazy_gettext as _l

from ..errors import DomainError, NotFound, ValidationError
from ..extensions import db
from ..ideas import services as idea_services
from ..voting import services as voting_services
from ..workshops import services as workshop_services
from ..workshops.models import PHASE_ORDER, Channel, Participant
from . import keys
from .models import AssistSettings

HELPER_KEY_HOURS = 12   # a volunteer's helper link works for one workshop day
KIOSK_KEY_HOURS = 24


class CardNotFound(NotFound):
    code = "card_not_found"
    default_message = _l("Diese Karte gibt es nicht. Bitte legen Sie eine neue Karte an.")


# --- signed keys ---------------------------------------------------------------------------

def helper_key(workshop_id: int) -> str:
    """A short-lived link for a volunteer without an account: type in cards, nothing else."""
    return keys.make("helper", workshop_id, HELPER_KEY_HOURS)


def workshop_for_helper_key(key) -> int | None:
    return keys.read("helper", key)


def kiosk_key(workshop_id: int) -> str:
    """The shared tablet's URL, started by the facilitator."""
    return keys.make("kiosk", workshop_id, KIOSK_KEY_HOURS)


def workshop_for_kiosk_key(key) -> int | None:
    return keys.read("kiosk", key)


# --- what the facilitator decided ------------------------------------------------------------

def cards_while_locked(workshop_id: int) -> bool:
    settings = db.session.get(AssistSettings, workshop_id)
    return True if settings is None else settings.cards_while_locked


def set_cards_while_locked(workshop_id: int, allowed: bool) -> None:
    settings = db.session.get(AssistSettings, workshop_id)
    if settings is None:
        settings = AssistSettings(workshop_id=workshop_id)
        db.session.add(settings)
    settings.cards_while_locked = bool(allowed)
    db.session.commit()


# --- helper mode: paper cards --------------------------------------------------------------

def new_card(workshop_id: int, age_band: str | None = None) -> Participant:
    """A fresh participant for one paper card (channel "assisted")."""
    return workshop_services.join(workshop_id, age_band=age_band, device=Channel.ASSISTED.value)


def card(workshop_id: int, participant_id) -> Participant:
    participant = (workshop_services.get_participant(participant_id)
                   if isinstance(participant_id, int) else None)
    if (participant is None or participant.workshop_id != workshop_id
            or participant.channel != Channel.ASSISTED.value):
        raise CardNotFound()
    return participant


def card_idea(workshop_id: int, participant_id: int, text, client_id: str | None = None,
              phase: str | None = None, language: str | None = None):
    """The card's idea, through submit_idea (same rules, same broadcast). Paper cards arrive
    late: a card may name an earlier phase of the session, and may be typed while the
    phones are locked when the facilitator allows cards then. `language` is the one the
    card is written in (German when not given): a card in another language enters the
    translation queue for German at once."""
    card(workshop_id, participant_id)
    workshop = workshop_services.get_workshop(workshop_id)
    phase = phase or workshop.phase
    if phase not in {p.value for p in PHASE_ORDER}:
        raise ValidationError("invalid", _l("Diese Phase gibt es nicht."))
    client_id = client_id or new_client_id()
    if workshop.submissions_locked and not cards_while_locked(workshop_id):
        raise DomainError("submissions_locked", _l(
            "Die Sammlung ist beendet. Die Moderation hat das Eintragen von Karten gesperrt."),
            http_status=409)
    return idea_services.submit_idea(workshop_id, participant_id, text, client_id,
                                     phase=phase, allow_locked=True,
                                     language=language or "de")


def card_dot(workshop_id: int, participant_id: int, idea_id, add: bool,
             client_id: str | None = None) -> dict:
    """One dot placed (or taken back) for the card-person, within the same budget rules."""
    card(workshop_id, participant_id)
    write = voting_services.add_dot if add else voting_services.remove_dot
    return write(workshop_id, participant_id, idea_id, client_id or new_client_id())


def new_client_id() -> str:
    return "h" + secrets.token_urlsafe(18)


def card_view(workshop, participant_id: int) -> dict:
    """What the helper sees for one card: its budget and dots, the ideas it may dot."""
    ideas = [idea for idea in idea_services.ideas_for(workshop.id, "participant", participant_id)
             if idea.phase == workshop.phase and idea.status == "visible"]
    me = voting_services.me_dict(workshop, participant_id)
    return {"ideas": ideas, "dots_left": me["dots_left"],
            "my_dots": {int(k): v for k, v in me["my_dots"].items()}}
