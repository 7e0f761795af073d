"""A municipality, its Kommunalprofil and its five-stage process."""
import enum

from ..accounts.models import utcnow
from ..extensions import db
from .band_scheme import parse_scheme


class MunicipalityKind(str, enum.Enum):
    LANDKREIS = "landkreis"
    STADT = "stadt"
    GEMEINDE = "gemeinde"
    QUARTIER = "quartier"


class Stage(str, enum.Enum):
    KICK_OFF = "kick_off"
    KOMMUNALPROFIL = "kommunalprofil"
    ZUKUNFTSWERKSTATT = "zukunftswerkstatt"
    WERKSTATTPLAN = "werkstattplan"
    ZWISCHENBILANZ = "zwischenbilanz"


STAGE_ORDER = list(Stage)


class StageStatus(str, enum.Enum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class SwotKind(str, enum.Enum):
    STRENGTH = "strength"
    WEAKNESS = "weakness"
    OPPORTUNITY = "opportunity"
    THREAT = "threat"


class Municipality(db.Model):
    __tablename__ = "municipality"

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(160), nullable=False)
    kind = db.Column(db.String(20), nullable=False, default=MunicipalityKind.GEMEINDE.value)
    federal_state = db.Column(db.String(60), nullable=False, default="")
    population = db.Column(db.Integer, nullable=False, default=0)
    # Share of residents with a migration background, in percent (0-100), or unknown.
    migration_share = db.Column(db.Float)
    accent_color = db.Column(db.String(7), nullable=False, default="#1d5b8f")
    profile_notes = db.Column(db.Text, nullable=False, default="")
    # The ages where its age bands start ("0,18,30,50,65"), empty for the six standard bands
    # (see band_scheme.py).
    age_band_scheme = db.Column(db.String(80), nullable=False, default="")
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    age_bands = db.relationship("AgeBandPopulation", cascade="all, delete-orphan",
                                order_by="AgeBandPopulation.position")
    indicators = db.relationship("KeyIndicator", cascade="all, delete-orphan",
                                 order_by="KeyIndicator.id")
    existing_measures = db.relationship("ExistingMeasure", cascade="all, delete-orphan",
                                        order_by="ExistingMeasure.id")
    swot_items = db.relationship("SwotItem", cascade="all, delete-orphan", order_by="SwotItem.id")
    stages = db.relationship("ProcessStage", cascade="all, delete-orphan",
                             order_by="ProcessStage.position")
    themes = db.relationship("Theme", cascade="all, delete-orphan", order_by="Theme.id")

    def population_by_band(self) -> dict[str, int]:
        return {row.band: row.count for row in self.age_bands}

    def band_groups(self) -> tuple[str, ...]:
        return parse_scheme(self.age_band_scheme)


class AgeBandPopulation(db.Model):
    __tablename__ = "age_band_population"
    __table_args__ = (db.UniqueConstraint("municipality_id", "band"),)

    id = db.Column(db.Integer, primary_key=True)
    municipality_id = db.Column(db.Integer, db.ForeignKey("municipality.id", ondelete="CASCADE"),
                                nullable=False, index=True)
    band = db.Column(db.String(8), nullable=False)
    position = db.Column(db.Integer, nullable=False, default=0)
    count = db.Column(db.Integer, nullable=False, default=0)


class KeyIndicator(db.Model):
    __tablename__ = "key_indicator"

    id = db.Column(db.Integer, primary_key=True)
    municipality_id = db.Column(db.Integer, db.ForeignKey("municipality.id", ondelete="CASCADE"),
                                nullable=False, index=True)
    name = db.Column(db.String(160), nullable=False)
    value = db.Column(db.String(60), nullable=False)
    unit = db.Column(db.String(30), nullable=False, default="")
    year = db.Column(db.Integer)
    source = db.Column(db.String(200), nullable=False, default="")


class ExistingMeasure(db.Model):
    __tablename__ = "existing_measure"

    id = db.Column(db.Integer, primary_key=True)
    municipality_id = db.Column(db.Integer, db.ForeignKey("municipality.id", ondelete="CASCADE"),
                                nullable=False, index=True)
    title = db.Column(db.String(200), nullable=False)
    description = db.Column(db.Text, nullable=False, default="")


class SwotItem(db.Model):
    __tablename__ = "swot_item"

    id = db.Column(db.Integer, primary_key=True)
    municipality_id = db.Column(db.Integer, db.ForeignKey("municipality.id", ondelete="CASCADE"),
                                nullable=False, index=True)
    kind = db.Column(db.String(12), nullable=False)
    text = db.Column(db.String(500), nullable=False)


class ProcessStage(db.Model):
    __tablename__ = "process_stage"
    __table_args__ = (db.UniqueConstraint("municipality_id", "stage"),)

    id = db.Column(db.Integer, primary_key=True)
    municipality_id = db.Column(db.Integer, db.ForeignKey("municipality.id", ondelete="CASCADE"),
                                nullable=False, index=True)
    stage = db.Column(db.String(20), nullable=False)
    position = db.Column(db.Integer, nullable=False)
    status = db.Column(db.String(12), nullable=False, default=StageStatus.NOT_STARTED.value)
    starts_on = db.Column(db.Date)
    ends_on = db.Column(db.Date)
    notes = db.Column(db.Text, nullable=False, default="")
    # Set by hand: staff hold the stage at `status` against the facts (stage_facts.py), for
    # example back at "in Arbeit" although a workshop has closed. Reversible.
    manual = db.Column(db.Boolean, nullable=False, default=False)


class Theme(db.Model):
    """A theme the municipality chose freely at the Kick-Off."""

    __tablename__ = "theme"

    id = db.Column(db.Integer, primary_key=True)
    municipality_id = db.Column(db.Integer, db.ForeignKey("municipality.id", ondelete="CASCADE"),
                                nullable=False, index=True)
    name = db.Column(db.String(120), nullable=False)
    # Why the Kick-Off chose it (for example "named by 23 residents in the questionnaire").
    reason = db.Column(db.Text, nullable=False, default="")


class PopulationFigure(db.Model):
    """The population of one age band on one reference date, as the statistics reported it
    (or as a projection said it will be). The latest observed date also fills age_bands."""

    __tablename__ = "population_figure"
    __table_args__ = (db.UniqueConstraint("municipality_id", "reference_date", "projection",
                                          "band"),)

    id = db.Column(db.Integer, primary_key=True)
    municipality_id = db.Column(db.Integer, db.ForeignKey("municipality.id", ondelete="CASCADE"),
                                nullable=False, index=True)
    reference_date = db.Column(db.Date, nullable=False)
    projection = db.Column(db.Boolean, nullable=False, default=False)
    band = db.Column(db.String(8), nullable=False)
    count = db.Column(db.Integer, nullable=False)
    source = db.Column(db.String(300), nullable=False, default="")
    imported_at = db.Column(db.DateTime, nullable=False, default=utcnow)


class OfficialAgeGroup(db.Model):
    """One age group of an imported office table as the file gave it ("65 bis unter 75
    Jahre": 65..74), on one reference date, with its figure (None: "." or "x" in the file).
    Kept so that the municipality can later choose other bands the same file supports
    (band_services.py) without importing it again."""

    __tablename__ = "official_age_group"
    __table_args__ = (db.UniqueConstraint("municipality_id", "reference_date", "projection",
                                          "low", "high"),)

    id = db.Column(db.Integer, primary_key=True)
    municipality_id = db.Column(db.Integer, db.ForeignKey("municipality.id", ondelete="CASCADE"),
                                nullable=False, index=True)
    reference_date = db.Column(db.Date, nullable=False)
    projection = db.Column(db.Boolean, nullable=False, default=False)
    low = db.Column(db.Integer, nullable=False)
    high = db.Column(db.Integer)  # None: open-ended ("75 Jahre und mehr")
    count = db.Column(db.Integer)  # None: unknown or secret in the file
    label = db.Column(db.String(80), nullable=False, default="")
    line = db.Column(db.Integer, nullable=False, default=0)
    sign = db.Column(db.String(8), nullable=False, default="")
