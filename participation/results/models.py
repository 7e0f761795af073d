"""What stays of "who took part" after a session's participant data is erased."""
from ..accounts.models import utcnow
from ..extensions import db


class WorkshopParticipationSnapshot(db.Model):
    """Aggregate counts of the participants of a session, taken right before their rows are
    deleted (privacy erasure). Counts only: no participant id, token, nickname or locale.

    If a session is erased more than once (it was reopened in between), the counts of the
    participants erased later are added, so the snapshot plus the remaining participants is
    always everybody who took part."""

    __tablename__ = "workshop_participation_snapshot"

    id = db.Column(db.Integer, primary_key=True)
    workshop_id = db.Column(db.Integer, db.ForeignKey("workshop.id", ondelete="CASCADE"),
                            nullable=False, unique=True)
    total = db.Column(db.Integer, nullable=False, default=0)
    # {"0-17": n, ..., "80+": n, "none": n}
    by_age_band = db.Column(db.JSON, nullable=False, default=dict)
    # {"onsite": n, "online": n, "assisted": n, "kiosk": n}
    by_channel = db.Column(db.JSON, nullable=False, default=dict)
    migration_yes = db.Column(db.Integer, nullable=False, default=0)
    migration_no = db.Column(db.Integer, nullable=False, default=0)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow, onupdate=utcnow)
