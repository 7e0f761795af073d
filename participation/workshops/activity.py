"""The session's activity log: who did what (to which idea), when. Every facilitator
step is recorded here (settings, phases, moderation, merges); ideas and voting write it
too, so it lives at the bottom of the live core. Undo reads it (ideas/undo.py)."""
import json

from ..accounts.models import utcnow
from ..extensions import db


class ModerationAction(db.Model):
    """Who did what to which idea, when: every moderation step is recorded."""

    __tablename__ = "moderation_action"

    id = db.Column(db.Integer, primary_key=True)
    workshop_id = db.Column(db.Integer, db.ForeignKey("workshop.id", ondelete="CASCADE"),
                            nullable=False, index=True)
    user_id = db.Column(db.Integer, db.ForeignKey("user_account.id", ondelete="SET NULL"))
    action = db.Column(db.String(24), nullable=False)
    idea_id = db.Column(db.Integer, db.ForeignKey("idea.id", ondelete="SET NULL"))
    # JSON text: what changed (old and new text, merged ids, cluster name...).
    details = db.Column(db.Text, nullable=False, default="{}")
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)


def record(workshop_id: int, user_id: int | None, action: str, details: dict,
           idea_id: int | None = None) -> ModerationAction:
    """Add the log entry to the current transaction; the caller commits."""
    entry = ModerationAction(workshop_id=workshop_id, user_id=user_id, action=action,
                             idea_id=idea_id, details=json.dumps(details, ensure_ascii=False))
    db.session.add(entry)
    return entry


def actions_by(user_id: int) -> list[ModerationAction]:
    """Every step this person recorded (their account's data export)."""
    return list(db.session.scalars(db.select(ModerationAction)
                                   .where(ModerationAction.user_id == user_id)
                                   .order_by(ModerationAction.id)))


def actions(workshop_id: int, limit: int = 50) -> list[ModerationAction]:
    return list(db.session.scalars(db.select(ModerationAction)
                                   .where(ModerationAction.workshop_id == workshop_id)
                                   .order_by(ModerationAction.id.desc()).limit(limit)))
