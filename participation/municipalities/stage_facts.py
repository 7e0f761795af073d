"""The stepper follows the facts: what happened in the app moves a stage forward by itself.

A held workshop completes the Zukunftswerkstatt, a measure starts the Werkstattplan, a
progress entry starts the Zwischenbilanz. The features that know those facts live above this
one (workshops, plan), so they register a provider here at start-up; this module never
imports them. The stored status is what someone set by hand: a stage shows the further of
the two, so a hand-set "abgeschlossen" stays, and facts never move a stage backwards."""
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


def statuses(municipality) -> dict[str, str]:
    """Each stage's status as shown: the stored one, moved forward by the facts."""
    shown = {row.stage: row.status if row.status in ORDER else ORDER[0]
             for row in municipality.stages}
    for provider in _providers:
        for stage, status in provider(municipality.id).items():
            if stage in shown:
                shown[stage] = further(shown[stage], status)
    return shown


def status_of(row) -> str:
    """For templates: `stage_status(row)` instead of `row.status`."""
    return statuses(db.session.get(Municipality, row.municipality_id)).get(row.stage, row.status)
