"""Labels for the municipality's kinds, stages, statuses and SWOT kinds, and the 16 Länder."""
from flask_babel import lazy_gettext as _l

from .models import MunicipalityKind, Stage, StageStatus, SwotKind

# Proper names: stored and shown as they are, in German.
FEDERAL_STATES = (
    "Baden-Württemberg", "Bayern", "Berlin", "Brandenburg", "Bremen", "Hamburg", "Hessen",
    "Mecklenburg-Vorpommern", "Niedersachsen", "Nordrhein-Westfalen", "Rheinland-Pfalz",
    "Saarland", "Sachsen", "Sachsen-Anhalt", "Schleswig-Holstein", "Thüringen",
)

KIND_LABELS = {
    MunicipalityKind.LANDKREIS.value: _l("Landkreis"),
    MunicipalityKind.STADT.value: _l("Stadt"),
    MunicipalityKind.GEMEINDE.value: _l("Gemeinde"),
    MunicipalityKind.QUARTIER.value: _l("Quartier"),
}

STAGE_LABELS = {
    Stage.KICK_OFF.value: _l("Kick-Off"),
    Stage.KOMMUNALPROFIL.value: _l("Kommunalprofil"),
    Stage.ZUKUNFTSWERKSTATT.value: _l("Zukunftswerkstatt"),
    Stage.WERKSTATTPLAN.value: _l("Werkstattplan"),
    Stage.ZWISCHENBILANZ.value: _l("Zwischenbilanz"),
}

STATUS_LABELS = {
    StageStatus.NOT_STARTED.value: _l("nicht begonnen"),
    StageStatus.IN_PROGRESS.value: _l("in Arbeit"),
    StageStatus.DONE.value: _l("abgeschlossen"),
}

SWOT_LABELS = {
    SwotKind.STRENGTH.value: _l("Stärken"),
    SwotKind.WEAKNESS.value: _l("Schwächen"),
    SwotKind.OPPORTUNITY.value: _l("Chancen"),
    SwotKind.THREAT.value: _l("Risiken"),
}

SWOT_SINGULAR = {
    SwotKind.STRENGTH.value: _l("Stärke"),
    SwotKind.WEAKNESS.value: _l("Schwäche"),
    SwotKind.OPPORTUNITY.value: _l("Chance"),
    SwotKind.THREAT.value: _l("Risiko"),
}
