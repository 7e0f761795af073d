"""Printed entry tickets: each admits one participant once."""
from ..accounts.models import utcnow
from ..extensions import db


class EntryTicket(db.Model):
    __tablename__ = "entry_ticket"

    id = db.Column(db.Integer, primary_key=True)
    workshop_id = db.Column(db.Integer, db.ForeignKey("workshop.id", ondelete="CASCADE"),
                            nullable=False, index=True)
    code = db.Column(db.String(16), nullable=False, unique=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    used_at = db.Column(db.DateTime)
    participant_id = db.Column(db.Integer, db.ForeignKey("participant.id", ondelete="SET NULL"),
                               unique=True)
