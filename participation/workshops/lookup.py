"""The one lookup of a session by its join code, with the one normalisation
(join_codes.normalise: upper case, spaces and dashes dropped): `/j/k7p-m3q` and `/j/K7PM3Q`
are the same session on every route (join, public results, similar ideas, word cloud)."""
from ..errors import NotFound
from ..extensions import db
from . import join_codes
from .models import Workshop


def workshop_by_code(raw_code) -> Workshop | None:
    """The session with this join code in any spelling, or None."""
    code = join_codes.normalise(raw_code)
    if code is None:
        return None
    return db.session.scalar(db.select(Workshop).where(Workshop.join_code == code))


def get_workshop_by_code(raw_code) -> Workshop:
    """The session with this join code in any spelling; NotFound (404) otherwise."""
    workshop = workshop_by_code(raw_code)
    if workshop is None:
        raise NotFound()
    return workshop
