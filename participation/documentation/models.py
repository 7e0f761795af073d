"""Photos of the paper walls of a workshop, uploaded by staff for the Werkstattplan."""
from ..accounts.models import utcnow
from ..extensions import db


class WallPhoto(db.Model):
    __tablename__ = "wall_photo"

    id = db.Column(db.Integer, primary_key=True)
    workshop_id = db.Column(db.Integer, db.ForeignKey("workshop.id", ondelete="CASCADE"),
                            nullable=False, index=True)
    caption = db.Column(db.String(200), nullable=False, default="")
    mimetype = db.Column(db.String(20), nullable=False)
    # Kept in the database so that backups hold them; at most a few MB each.
    data = db.Column(db.LargeBinary, nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
