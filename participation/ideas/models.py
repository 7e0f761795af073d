"""Ideas on the wall and their clusters. The record of every moderation action lives in
workshops/activity.py (ideas and voting both write it); ModerationAction is re-exported here."""
import enum

from ..accounts.models import utcnow
from ..extensions import db
from ..workshops.activity import ModerationAction  # noqa: F401  (re-exported)

MAX_IDEA_LENGTH = 280


class IdeaStatus(str, enum.Enum):
    VISIBLE = "visible"
    PENDING = "pending"  # waiting for approval in pre-moderation
    HIDDEN = "hidden"
    MERGED = "merged"    # folded into another idea; its dots moved there


class Idea(db.Model):
    __tablename__ = "idea"
    __table_args__ = (db.UniqueConstraint("workshop_id", "client_id"),)

    id = db.Column(db.Integer, primary_key=True)
    workshop_id = db.Column(db.Integer, db.ForeignKey("workshop.id", ondelete="CASCADE"),
                            nullable=False, index=True)
    # Unlinked (NULL) when the session's participant data is erased; the idea stays.
    participant_id = db.Column(db.Integer, db.ForeignKey("participant.id", ondelete="SET NULL"),
                               index=True)
    client_id = db.Column(db.String(64), nullable=False)
    phase = db.Column(db.String(16), nullable=False)
    text = db.Column(db.String(MAX_IDEA_LENGTH), nullable=False)
    # The language it was written in (the author's page language; NULL in old rows: German).
    language = db.Column(db.String(8))
    status = db.Column(db.String(8), nullable=False, default=IdeaStatus.VISIBLE.value)
    channel = db.Column(db.String(10), nullable=False, default="onsite")
    merged_into_id = db.Column(db.Integer, db.ForeignKey("idea.id", ondelete="SET NULL"))
    cluster_id = db.Column(db.Integer, db.ForeignKey("cluster.id", ondelete="SET NULL"), index=True)
    # Denormalised count of active dots, updated in the same transaction as each dot.
    dot_count = db.Column(db.Integer, nullable=False, default=0)
    # Sentence embedding (float32 bytes), computed once when the idea arrives.
    embedding = db.Column(db.LargeBinary)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow, onupdate=utcnow)


class Cluster(db.Model):
    __tablename__ = "cluster"

    id = db.Column(db.Integer, primary_key=True)
    workshop_id = db.Column(db.Integer, db.ForeignKey("workshop.id", ondelete="CASCADE"),
                            nullable=False, index=True)
    phase = db.Column(db.String(16), nullable=False)
    name = db.Column(db.String(120), nullable=False)
    position = db.Column(db.Integer, nullable=False, default=0)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)


class IdeaTranslation(db.Model):
    """An idea in another language, written by an interpreter or a bilingual helper."""

    __tablename__ = "idea_translation"
    __table_args__ = (db.UniqueConstraint("idea_id", "language"),)

    id = db.Column(db.Integer, primary_key=True)
    idea_id = db.Column(db.Integer, db.ForeignKey("idea.id", ondelete="CASCADE"),
                        nullable=False, index=True)
    language = db.Column(db.String(8), nullable=False)
    text = db.Column(db.String(MAX_IDEA_LENGTH), nullable=False)
    # A facilitator's account, or NULL for a volunteer with a helper link.
    translated_by_id = db.Column(db.Integer, db.ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow, onupdate=utcnow)

    # Loaded with the ideas in one extra query (snapshots list every idea).
    idea = db.relationship(Idea, backref=db.backref(
        "translations", lazy="selectin", cascade="all, delete-orphan", passive_deletes=True))
