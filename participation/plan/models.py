"""The Werkstattplan: measures, where they came from, and the Zwischenbilanz entries."""
import enum

from ..accounts.models import utcnow
from ..extensions import db


class MeasureStatus(str, enum.Enum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    ON_HOLD = "on_hold"
    DROPPED = "dropped"


class Priority(str, enum.Enum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


# Seeded once; the admin may add, rename or retire fields (a retired one keeps its measures).
DEFAULT_FIELDS_OF_ACTION = (
    "Wohnen", "Mobilität", "Gesundheit und Pflege", "Bildung und Betreuung",
    "Integration und Teilhabe", "Arbeit und Wirtschaft", "Ehrenamt und Zusammenhalt", "Digitales",
)


class FieldOfAction(db.Model):
    __tablename__ = "field_of_action"

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(120), nullable=False, unique=True)
    position = db.Column(db.Integer, nullable=False, default=0)
    active = db.Column(db.Boolean, nullable=False, default=True)


class Measure(db.Model):
    __tablename__ = "measure"

    id = db.Column(db.Integer, primary_key=True)
    municipality_id = db.Column(db.Integer, db.ForeignKey("municipality.id", ondelete="CASCADE"),
                                nullable=False, index=True)
    title = db.Column(db.String(200), nullable=False)
    description = db.Column(db.Text, nullable=False, default="")
    field_of_action_id = db.Column(db.Integer, db.ForeignKey("field_of_action.id",
                                                             ondelete="SET NULL"), index=True)
    goal = db.Column(db.Text, nullable=False, default="")
    # Comma-separated band codes of the municipality's scheme (band_scheme.py); the finest
    # scheme the offices' groups allow (22 bands) takes 123 characters.
    target_age_bands = db.Column(db.String(200), nullable=False, default="")
    target_migration_background = db.Column(db.Boolean, nullable=False, default=False)
    target_other = db.Column(db.String(300), nullable=False, default="")
    responsible = db.Column(db.String(200), nullable=False, default="")
    partners = db.Column(db.String(500), nullable=False, default="")
    starts_on = db.Column(db.Date)
    ends_on = db.Column(db.Date)
    budget = db.Column(db.String(300), nullable=False, default="")
    success_indicator = db.Column(db.String(500), nullable=False, default="")
    priority = db.Column(db.String(8), nullable=False, default=Priority.MEDIUM.value)
    status = db.Column(db.String(12), nullable=False, default=MeasureStatus.PLANNED.value)
    # A draft comes from a promotion and still needs the staff's editing.
    draft = db.Column(db.Boolean, nullable=False, default=False)
    # Published measures appear in the public results page and the programme's library.
    published = db.Column(db.Boolean, nullable=False, default=False)
    created_by_id = db.Column(db.Integer, db.ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow, onupdate=utcnow)

    field_of_action = db.relationship("FieldOfAction")
    origins = db.relationship("MeasureOrigin", back_populates="measure",
                              cascade="all, delete-orphan", order_by="MeasureOrigin.id")
    progress = db.relationship("ProgressEntry", back_populates="measure",
                               cascade="all, delete-orphan",
                               order_by="(ProgressEntry.entry_date, ProgressEntry.id)")

    @property
    def age_band_list(self) -> list[str]:
        return [b for b in self.target_age_bands.split(",") if b]

    @property
    def latest_progress(self):
        return self.progress[-1] if self.progress else None


class MeasureOrigin(db.Model):
    """Where a measure came from: a session, a phase, and the ideas with their dots then."""

    __tablename__ = "measure_origin"

    id = db.Column(db.Integer, primary_key=True)
    measure_id = db.Column(db.Integer, db.ForeignKey("measure.id", ondelete="CASCADE"),
                           nullable=False, index=True)
    workshop_id = db.Column(db.Integer, db.ForeignKey("workshop.id", ondelete="SET NULL"),
                            index=True)
    # Copied so the origin still reads right if the session is deleted later.
    workshop_title = db.Column(db.String(160), nullable=False, default="")
    workshop_date = db.Column(db.Date)
    phase = db.Column(db.String(16), nullable=False)
    cluster_id = db.Column(db.Integer, db.ForeignKey("cluster.id", ondelete="SET NULL"))
    cluster_name = db.Column(db.String(120), nullable=False, default="")
    dots = db.Column(db.Integer, nullable=False, default=0)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    measure = db.relationship("Measure", back_populates="origins")
    ideas = db.relationship("MeasureOriginIdea", cascade="all, delete-orphan",
                            order_by="MeasureOriginIdea.id")


class MeasureOriginIdea(db.Model):
    __tablename__ = "measure_origin_idea"

    id = db.Column(db.Integer, primary_key=True)
    origin_id = db.Column(db.Integer, db.ForeignKey("measure_origin.id", ondelete="CASCADE"),
                          nullable=False, index=True)
    idea_id = db.Column(db.Integer, db.ForeignKey("idea.id", ondelete="SET NULL"), index=True)
    text = db.Column(db.String(280), nullable=False)
    dots = db.Column(db.Integer, nullable=False, default=0)


class ProgressEntry(db.Model):
    """One dated line of the Zwischenbilanz for one measure."""

    __tablename__ = "progress_entry"

    id = db.Column(db.Integer, primary_key=True)
    measure_id = db.Column(db.Integer, db.ForeignKey("measure.id", ondelete="CASCADE"),
                           nullable=False, index=True)
    entry_date = db.Column(db.Date, nullable=False)
    status = db.Column(db.String(12), nullable=False)
    percent_done = db.Column(db.Integer, nullable=False, default=0)
    helped = db.Column(db.Text, nullable=False, default="")
    hindered = db.Column(db.Text, nullable=False, default="")
    next_step = db.Column(db.Text, nullable=False, default="")
    created_by_id = db.Column(db.Integer, db.ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    measure = db.relationship("Measure", back_populates="progress")
