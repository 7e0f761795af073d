"""The programme across municipalities: an overview for the admin, and the library of
published measures that one town can learn from."""
from collections import defaultdict

from flask_babel import lazy_gettext as _l

from ..extensions import db
from ..municipalities import stage_facts
from ..municipalities.models import Municipality, ProcessStage, StageStatus
from ..workshops import queries as workshop_queries
from .models import Measure
from .services import fields_of_action

STAGE_LABELS = {"kick_off": _l("Kick-Off"), "kommunalprofil": _l("Kommunalprofil"),
                "zukunftswerkstatt": _l("Zukunftswerkstatt"),
                "werkstattplan": _l("Werkstattplan"), "zwischenbilanz": _l("Zwischenbilanz")}

# Size classes of municipalities (inhabitants), for the library's filter.
SIZE_CLASSES = {
    "klein": (_l("unter 5.000 Einwohner"), 0, 5000),
    "mittel": (_l("5.000 bis 20.000 Einwohner"), 5000, 20000),
    "gross": (_l("20.000 bis 100.000 Einwohner"), 20000, 100000),
    "sehr_gross": (_l("über 100.000 Einwohner"), 100000, None),
}


def current_stage(stages: list[ProcessStage], shown: dict | None = None) -> str:
    """The stage in progress, else the one after the last done, else the first.
    `shown`: the statuses as the stepper shows them (moved on by the facts)."""
    ordered = sorted(stages, key=lambda s: s.position)
    status = (lambda s: shown.get(s.stage, s.status)) if shown else (lambda s: s.status)
    for stage in ordered:
        if status(stage) == StageStatus.IN_PROGRESS.value:
            return stage.stage
    done = [s for s in ordered if status(s) == StageStatus.DONE.value]
    if done:
        index = ordered.index(done[-1])
        return ordered[min(index + 1, len(ordered) - 1)].stage
    return ordered[0].stage if ordered else "kick_off"


def overview() -> list[dict]:
    municipalities = list(db.session.scalars(db.select(Municipality).order_by(Municipality.name)))
    held = workshop_queries.closed_sessions_per_municipality()
    participants = workshop_queries.participants_per_municipality()
    matrix = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    totals = defaultdict(int)
    for municipality_id, field_id, status, count in db.session.execute(
            db.select(Measure.municipality_id, Measure.field_of_action_id, Measure.status,
                      db.func.count(Measure.id))
            .group_by(Measure.municipality_id, Measure.field_of_action_id, Measure.status)):
        matrix[municipality_id][field_id][status] += count
        totals[municipality_id] += count
    return [{"municipality": m, "stage": current_stage(m.stages, stage_facts.statuses(m)),
             "workshops_held": held.get(m.id, 0), "participants": participants.get(m.id, 0),
             "measures": matrix[m.id], "measure_total": totals[m.id]}
            for m in municipalities]


def library(field_id: int | None = None, size: str | None = None, query: str = "") -> list[Measure]:
    statement = (db.select(Measure).join(Municipality, Municipality.id == Measure.municipality_id)
                 .where(Measure.published.is_(True)))
    if field_id:
        statement = statement.where(Measure.field_of_action_id == field_id)
    if size in SIZE_CLASSES:
        _label, low, high = SIZE_CLASSES[size]
        statement = statement.where(Municipality.population >= low)
        if high is not None:
            statement = statement.where(Municipality.population < high)
    query = (query or "").strip()
    if query:
        pattern = f"%{query.replace('%', '').replace('_', '')}%"
        statement = statement.where(db.or_(Measure.title.ilike(pattern),
                                           Measure.description.ilike(pattern)))
    return list(db.session.scalars(statement.order_by(Municipality.name, Measure.title)))


def field_names() -> dict:
    return {f.id: f.name for f in fields_of_action(include_inactive=True)}
