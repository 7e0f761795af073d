"""A live Zukunftswerkstatt session and the residents taking part in it."""
import enum

from sqlalchemy import false as sa_false

from ..accounts.models import utcnow
from ..extensions import db


class WorkshopStatus(str, enum.Enum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class Phase(str, enum.Enum):
    KRITIK = "kritik"
    UTOPIE = "utopie"
    VERWIRKLICHUNG = "verwirklichung"


PHASE_ORDER = [Phase.KRITIK, Phase.UTOPIE, Phase.VERWIRKLICHUNG]
PHASES = tuple(p.value for p in PHASE_ORDER)


class ModerationMode(str, enum.Enum):
    POST = "post"  # ideas appear at once; the facilitator may hide them later
    PRE = "pre"    # ideas appear after the facilitator approved them


class Channel(str, enum.Enum):
    ONSITE = "onsite"
    ONLINE = "online"
    ASSISTED = "assisted"  # typed in by a helper from a paper card
    KIOSK = "kiosk"        # the shared tablet in the hall


class Workshop(db.Model):
    __tablename__ = "workshop"

    id = db.Column(db.Integer, primary_key=True)
    municipality_id = db.Column(db.Integer, db.ForeignKey("municipality.id", ondelete="CASCADE"),
                                nullable=False, index=True)
    title = db.Column(db.String(160), nullable=False)
    theme = db.Column(db.String(200), nullable=False, default="")
    question_kritik = db.Column(db.String(300), nullable=False, default="")
    question_utopie = db.Column(db.String(300), nullable=False, default="")
    question_verwirklichung = db.Column(db.String(300), nullable=False, default="")
    dots_per_participant = db.Column(db.Integer, nullable=False, default=5)
    max_dots_per_idea = db.Column(db.Integer, nullable=False, default=3)
    ask_nickname = db.Column(db.Boolean, nullable=False, default=False)
    ask_age_band = db.Column(db.Boolean, nullable=False, default=True)
    ask_migration_background = db.Column(db.Boolean, nullable=False, default=False)
    moderation_mode = db.Column(db.String(4), nullable=False, default=ModerationMode.POST.value)
    status = db.Column(db.String(8), nullable=False, default=WorkshopStatus.DRAFT.value)
    phase = db.Column(db.String(16), nullable=False, default=Phase.KRITIK.value)
    submissions_locked = db.Column(db.Boolean, nullable=False, default=False)
    # Absolute time (UTC) so a restart or a reconnect shows the same countdown.
    phase_deadline = db.Column(db.DateTime)
    join_code = db.Column(db.String(6), unique=True)
    spotlight_idea_id = db.Column(db.Integer)
    show_representation_on_projector = db.Column(db.Boolean, nullable=False, default=False)
    results_published = db.Column(db.Boolean, nullable=False, default=False)
    # Online window for people who cannot come at the hour of the live event (UTC).
    online_ideas_from = db.Column(db.DateTime)
    online_ideas_until = db.Column(db.DateTime)
    online_dots_from = db.Column(db.DateTime)
    online_dots_until = db.Column(db.DateTime)
    created_by_id = db.Column(db.Integer, db.ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    opened_at = db.Column(db.DateTime)
    closed_at = db.Column(db.DateTime)
    participant_data_erased_at = db.Column(db.DateTime)
    # Issue 13: an optional cap on participants, and the verified mode (entry tickets).
    max_participants = db.Column(db.Integer)
    tickets_required = db.Column(db.Boolean, nullable=False, default=False)
    # The facilitation flow of each phase: "collect" (write ideas), "dot" (dotting is open
    # with the phase's budget), "done". Dots are taken only in "dot" (issue 12, item 2).
    step_kritik = db.Column(db.String(8), nullable=False, default="collect", server_default="collect")
    step_utopie = db.Column(db.String(8), nullable=False, default="collect", server_default="collect")
    step_verwirklichung = db.Column(db.String(8), nullable=False, default="collect",
                                    server_default="collect")
    # Counts stay hidden from phones and the projector while dotting is open.
    hide_counts = db.Column(db.Boolean, nullable=False, default=False, server_default=sa_false())
    # What the projector shows: "pages" (all ideas, rotating pages), "top" (the top N),
    # "groups" (one group per page), "cloud" (word cloud), "results" (the reveal).
    display_mode = db.Column(db.String(8), nullable=False, default="pages", server_default="pages")
    display_seconds = db.Column(db.Integer, nullable=False, default=12, server_default="12")
    display_top_n = db.Column(db.Integer, nullable=False, default=10, server_default="10")

    def question_for(self, phase: str) -> str:
        return getattr(self, f"question_{phase}", "")

    def step_for(self, phase: str) -> str:
        return getattr(self, f"step_{phase}", None) or "collect"


class Participant(db.Model):
    """A resident in one session. No name, IP address or user agent is stored."""

    __tablename__ = "participant"

    id = db.Column(db.Integer, primary_key=True)
    workshop_id = db.Column(db.Integer, db.ForeignKey("workshop.id", ondelete="CASCADE"),
                            nullable=False, index=True)
    # Random secret carried in the resident's signed cookie.
    token = db.Column(db.String(43), nullable=False, unique=True)
    nickname = db.Column(db.String(40))
    age_band = db.Column(db.String(8))
    migration_background = db.Column(db.String(8))  # "yes", "no" or None (not asked / no answer)
    channel = db.Column(db.String(10), nullable=False, default=Channel.ONSITE.value)
    locale = db.Column(db.String(8))
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    # First idea or dot (issue 13): only people who did something count in "who takes part".
    acted_at = db.Column(db.DateTime)
