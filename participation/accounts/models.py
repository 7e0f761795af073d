"""Accounts of the people who run the process: admins, facilitators, municipal staff."""
import enum
from datetime import datetime, timezone

from flask_login import UserMixin

from ..extensions import db


def utcnow():
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Role(str, enum.Enum):
    ADMIN = "admin"
    FACILITATOR = "facilitator"
    STAFF = "staff"
    # An external advisor (Berater) who accompanies several municipalities.
    ADVISOR = "advisor"


class User(UserMixin, db.Model):
    __tablename__ = "user_account"

    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(254), nullable=False, unique=True)
    name = db.Column(db.String(120), nullable=False)
    password_hash = db.Column(db.String(255), nullable=False)
    role = db.Column(db.String(20), nullable=False, default=Role.FACILITATOR.value)
    active = db.Column(db.Boolean, nullable=False, default=True)
    # Changes on password change and logout everywhere: old sessions stop working.
    session_token = db.Column(db.String(64), nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    last_login_at = db.Column(db.DateTime)

    memberships = db.relationship("Membership", back_populates="user",
                                  cascade="all, delete-orphan")

    def get_id(self):
        return f"{self.id}:{self.session_token}"

    @property
    def is_active(self):
        return self.active

    @property
    def is_admin(self):
        return self.role == Role.ADMIN.value

    @property
    def is_advisor(self):
        return self.role == Role.ADVISOR.value

    @property
    def municipality_ids(self) -> set[int]:
        return {m.municipality_id for m in self.memberships}


class Membership(db.Model):
    """A facilitator, staff member or advisor assigned to a municipality."""

    __tablename__ = "membership"
    __table_args__ = (db.UniqueConstraint("user_id", "municipality_id"),)

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("user_account.id", ondelete="CASCADE"),
                        nullable=False, index=True)
    municipality_id = db.Column(db.Integer, db.ForeignKey("municipality.id", ondelete="CASCADE"),
                                nullable=False, index=True)

    user = db.relationship("User", back_populates="memberships")
