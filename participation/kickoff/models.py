"""The Kick-Off: who steers the process, who else is involved, the agenda and the minutes."""
import enum

from ..accounts.models import utcnow
from ..extensions import db


class PersonKind(str, enum.Enum):
    STEERING = "steering"        # member of the steering group (Lenkungsgruppe)
    STAKEHOLDER = "stakeholder"  # an organisation or person to involve


class KickoffPerson(db.Model):
    __tablename__ = "kickoff_person"

    id = db.Column(db.Integer, primary_key=True)
    municipality_id = db.Column(db.Integer, db.ForeignKey("municipality.id", ondelete="CASCADE"),
                                nullable=False, index=True)
    kind = db.Column(db.String(12), nullable=False)
    name = db.Column(db.String(120), nullable=False)
    organisation = db.Column(db.String(160), nullable=False, default="")
    role = db.Column(db.String(120), nullable=False, default="")
    # Stored only with the person's consent (consent_on says when it was given).
    contact = db.Column(db.String(200), nullable=False, default="")
    consent_on = db.Column(db.Date)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)


class KickoffRecord(db.Model):
    """Agenda and minutes of the Kick-Off meeting (one per municipality)."""

    __tablename__ = "kickoff_record"

    id = db.Column(db.Integer, primary_key=True)
    municipality_id = db.Column(db.Integer, db.ForeignKey("municipality.id", ondelete="CASCADE"),
                                nullable=False, unique=True)
    agenda = db.Column(db.Text, nullable=False, default="")
    minutes = db.Column(db.Text, nullable=False, default="")
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow, onupdate=utcnow)
