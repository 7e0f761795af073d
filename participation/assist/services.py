"""Helper mode and kiosk mode. Every write goes through the ordinary services (join,
submit_idea, add_dot, remove_dot), so the same rules apply and the same broadcasts go out;
this module only adds the signed keys and the card-person of the helper page."""
import secrets

from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from ..errors import NotFound
from ..extensions import db
from ..ideas import services as idea_services
from ..voting import services as voting_services
from ..workshops import services as workshop_services
from ..workshops.models import Channel, Participant

HELPER_KEY_HOURS = 12   # a volunteer's helper link works for one workshop day
KIOSK_KEY_HOURS = 24


class CardNotFound(NotFound):
    code = "card_not_found"
    default_message = _l("Diese Karte gibt es nicht. Bitte legen Sie eine neue Karte an.")


# --- signed keys ---------------------------------------------------------------------------

def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=salt)


def _key(salt: str, workshop_id: int) -> str:
    return _serializer(salt).dumps(workshop_id)


def _workshop_for(salt: str, key, hours: int) -> int | None:
    if not isinstance(key, str) or len(key) > 200:
        return None
    try:
        value = _serializer(salt).loads(key, max_age=hours * 3600)
    except (BadSignature, SignatureExpired):
        return None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def helper_key(workshop_id: int) -> str:
    """A short-lived link for a volunteer without an account: type in cards, nothing else."""
    return _key("helper", workshop_id)


def workshop_for_helper_key(key) -> int | None:
    return _workshop_for("helper", key, HELPER_KEY_HOURS)


def kiosk_key(workshop_id: int) -> str:
    """The shared tablet's URL, started by the facilitator."""
    return _key("kiosk", workshop_id)


def workshop_for_kiosk_key(key) -> int | None:
    return _workshop_for("kiosk", key, KIOSK_KEY_HOURS)


# --- helper mode: paper cards --------------------------------------------------------------

def new_card(workshop_id: int, age_band: str | None = None) -> Participant:
    """A fresh participant for one paper card (channel "assisted")."""
    return workshop_services.join(workshop_id, age_band=age_band, device=Channel.ASSISTED.value)


def card(workshop_id: int, participant_id) -> Participant:
    participant = db.session.get(Participant, participant_id) if isinstance(participant_id, int) else None
    if (participant is None or participant.workshop_id != workshop_id
            or participant.channel != Channel.ASSISTED.value):
        raise CardNotFound()
    return participant


def card_idea(workshop_id: int, participant_id: int, text, client_id: str | None = None):
    """The card's idea, through submit_idea (same rules, same broadcast)."""
    card(workshop_id, participant_id)
    return idea_services.submit_idea(workshop_id, participant_id, text,
                                     client_id or new_client_id())


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
