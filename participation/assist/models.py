"""What the facilitator decided for the helpers of one session."""
from ..extensions import db


class AssistSettings(db.Model):
    """One row per session, only once the facilitator changed something (no row: defaults)."""

    __tablename__ = "assist_settings"

    workshop_id = db.Column(db.Integer, db.ForeignKey("workshop.id", ondelete="CASCADE"),
                            primary_key=True)
    # Paper cards are often typed after the hall stopped writing on phones; the facilitator
    # may forbid that, the default allows it.
    cards_while_locked = db.Column(db.Boolean, nullable=False, default=True)
