"""Dots placed on ideas. A dot taken back stays as a row, marked removed, so a repeated
take-back (same client id) is recognised as the same write."""
from ..accounts.models import utcnow
from ..extensions import db


class Dot(db.Model):
    __tablename__ = "dot"
    __table_args__ = (
        db.UniqueConstraint("workshop_id", "client_id"),
        db.UniqueConstraint("workshop_id", "removed_client_id"),
        db.Index("ix_dot_participant_phase", "participant_id", "phase"),
    )

    id = db.Column(db.Integer, primary_key=True)
    workshop_id = db.Column(db.Integer, db.ForeignKey("workshop.id", ondelete="CASCADE"),
                            nullable=False, index=True)
    idea_id = db.Column(db.Integer, db.ForeignKey("idea.id", ondelete="CASCADE"),
                        nullable=False, index=True)
    participant_id = db.Column(db.Integer, db.ForeignKey("participant.id", ondelete="SET NULL"))
    phase = db.Column(db.String(16), nullable=False)
    # Copied from the participant so results keep their shape after the data is erased.
    age_band = db.Column(db.String(8))
    channel = db.Column(db.String(10), nullable=False, default="onsite")
    client_id = db.Column(db.String(64), nullable=False)
    removed_client_id = db.Column(db.String(64))
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    removed_at = db.Column(db.DateTime)
