"""The municipality's existing initiatives and projects, and the measures they belong to."""
from ..accounts.models import utcnow
from ..extensions import db

measure_initiative = db.Table(
    "measure_initiative",
    db.Column("measure_id", db.Integer, db.ForeignKey("measure.id", ondelete="CASCADE"),
              primary_key=True),
    db.Column("initiative_id", db.Integer, db.ForeignKey("initiative.id", ondelete="CASCADE"),
              primary_key=True, index=True),
)


class Initiative(db.Model):
    __tablename__ = "initiative"

    id = db.Column(db.Integer, primary_key=True)
    municipality_id = db.Column(db.Integer, db.ForeignKey("municipality.id", ondelete="CASCADE"),
                                nullable=False, index=True)
    name = db.Column(db.String(200), nullable=False)          # what
    carrier = db.Column(db.String(200), nullable=False, default="")  # who runs it
    theme = db.Column(db.String(120), nullable=False, default="")
    contact = db.Column(db.String(200), nullable=False, default="")
    description = db.Column(db.Text, nullable=False, default="")
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    measures = db.relationship("Measure", secondary=measure_initiative,
                               order_by="Measure.title", lazy="selectin")
