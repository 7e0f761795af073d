"""Residents joining a session. Only what the session asks for is kept; nothing
identifying. The features above hear of each join through workshops.signals."""
import secrets

from flask_babel import lazy_gettext as _l

from ..age_bands import NO_ANSWER
from ..errors import ValidationError
from ..extensions import db
from . import join_bands, online, signals
from .access import SessionNotOpen, require_open
from .models import Channel, Participant, WorkshopStatus
from .queries import get_workshop


def join(workshop_id: int, *, age_band: str | None = None,
         channel: str = Channel.ONSITE.value, migration_background: str | None = None,
         locale: str | None = None, device: str | None = None) -> Participant:
    """A resident joins. Only what the session asks for is kept; nothing identifying.
    `device` ("assisted" or "kiosk") is set by the helper page and the hall's tablet, never
    by a resident's form: it replaces the channel and needs the live session."""
    workshop = get_workshop(workshop_id)
    if device is not None:
        if device not in (Channel.ASSISTED.value, Channel.KIOSK.value):
            raise ValidationError("invalid_channel")
        require_open(workshop)
        channel = device
    elif workshop.status != WorkshopStatus.OPEN.value:
        # Outside the live session only from home, while an online window is open.
        if not online.any_window_open(workshop):
            raise SessionNotOpen(message=online.WINDOW_CLOSED_MESSAGE
                                 if online.any_window_set(workshop) else None)
        if channel != Channel.ONLINE.value:
            raise ValidationError("invalid_channel", _l(
                "Außerhalb der Werkstatt können Sie nur von zu Hause mitmachen."))
    if age_band in (None, "", NO_ANSWER):
        age_band = None
    elif not join_bands.is_offered(workshop, age_band):
        raise ValidationError("invalid_age_band", _l("Diese Altersgruppe gibt es nicht."))
    if device is None and channel not in (Channel.ONSITE.value, Channel.ONLINE.value):
        raise ValidationError("invalid_channel", _l("Bitte wählen Sie: im Saal oder von zu Hause."))
    if migration_background not in ("yes", "no"):
        migration_background = None
    participant = Participant(
        workshop_id=workshop.id, token=secrets.token_urlsafe(32),
        age_band=age_band if workshop.ask_age_band or device == Channel.ASSISTED.value else None,
        migration_background=migration_background if workshop.ask_migration_background else None,
        channel=channel, locale=(locale or None) and locale[:8])
    db.session.add(participant)
    db.session.commit()
    signals.participant_joined.send(workshop.id)  # voting: the tally re-reads the counts
    return participant
