"""The stepper follows the facts: what happened in the app moves a stage forward by itself.

A held workshop completes the Zukunftswerkstatt, a measure starts the Werkstattplan, a
progress entry starts the Zwischenbilanz. The features that know those facts live above this
one (workshops, plan), so they register a provider here at start-up; this module never
imports them. The stored status is what someone set: a stage shows the further of the two,
so a set "abgeschlossen" stays, and facts never move a stage backwards.

A stage marked `manual` ("von Hand festgelegt") shows exactly its stored status: staff can
hold it back against the facts (the workshop was held, but its documentation is not done)
or mark it done early. Unmarking it lets the facts move it again."""
from ..extensions import db
from .models import Municipality, StageStatus

ORDER = [StageStatus.NOT_STARTED.value, StageStatus.IN_PROGRESS.value, StageStatus.DONE.value]
_providers: list = []


def register(provider) -> None:
    """provider(municipality_id) -> {stage: status} for the stages its facts move."""
    if provider not in _providers:
        _providers.append(provider)


def further(a: str, b: str) -> str:
    return a if ORDER.index(a) >= ORDER.index(b) else b


def statuses(municipality, follow_manual: bool = True) -> dict[str, str]:
    """Each stage's status as shown: the stored one, moved forward by the facts unless the
    stage is set by hand. follow_manual=False: what the facts alone would show."""
    shown = {row.stage: row.status if row.status in ORDER else ORDER[0]
             for row in municipality.stages}
    held = {row.stage for row in municipality.stages if row.manual and follow_manual}
    for provider in _providers:
        for stage, status in provider(municipality.id).items():
            if stage in shown and stage not in held:
                shown[stage] = further(shown[stage], status)
    return shown


def status_of(row) -> str:
    """For templates: `stage_status(row)` instead of `row.status`."""
    return statuses(db.session.get(Municipality, row.municipality_id)).get(row.stage, row.status)


def facts_status_of(row) -> str:
    """For templates: what the stage would show without the hand-set status."""
    municipality = db.session.get(Municipality, row.municipality_id)
    return statuses(municipality, follow_manual=False).get(row.stage, row.status)
