"""What the facilitator decided about a suggestion: a dismissed duplicate pair is not
suggested again."""
from ..accounts.models import utcnow
from ..extensions import db


class DismissedPair(db.Model):
    __tablename__ = "dismissed_pair"
    __table_args__ = (db.UniqueConstraint("workshop_id", "idea_low_id", "idea_high_id"),)

    id = db.Column(db.Integer, primary_key=True)
    workshop_id = db.Column(db.Integer, db.ForeignKey("workshop.id", ondelete="CASCADE"),
                            nullable=False, index=True)
    # Stored in order (lower id first) so a pair has one row whichever way it was named.
    idea_low_id = db.Column(db.Integer, db.ForeignKey("idea.id", ondelete="CASCADE"), nullable=False)
    idea_high_id = db.Column(db.Integer, db.ForeignKey("idea.id", ondelete="CASCADE"), nullable=False)
    dismissed_by_id = db.Column(db.Integer, db.ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
