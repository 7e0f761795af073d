"""Answers to "what keeps you here": anonymous, one row per person (or per paper sheet)."""
from ..accounts.models import utcnow
from ..extensions import db


class SurveyResponse(db.Model):
    __tablename__ = "survey_response"
    __table_args__ = (db.UniqueConstraint("municipality_id", "respondent"),)

    id = db.Column(db.Integer, primary_key=True)
    municipality_id = db.Column(db.Integer, db.ForeignKey("municipality.id", ondelete="CASCADE"),
                                nullable=False, index=True)
    # A hash of the random key in the respondent's cookie (online) or of a fresh random
    # value (paper): it lets a second answer replace the first, and says nothing about who.
    respondent = db.Column(db.String(64), nullable=False)
    channel = db.Column(db.String(8), nullable=False, default="online")
    language = db.Column(db.String(5), nullable=False, default="de")
    # Comma-separated factor codes from survey.questions.FACTORS.
    keeps = db.Column(db.String(300), nullable=False, default="")
    would_leave = db.Column(db.String(300), nullable=False, default="")
    would_come = db.Column(db.String(300), nullable=False, default="")
    typical = db.Column(db.String(500), nullable=False, default="")
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow, onupdate=utcnow)
