"""The facts of the plan and the hall that move the municipality's stepper (see
municipalities/stage_facts.py): a held workshop completes stage 3 (one still open starts
it), a measure starts stage 4, a progress entry starts stage 5."""
from ..extensions import db
from ..municipalities.models import Stage, StageStatus
from ..workshops.models import Workshop, WorkshopStatus
from .models import Measure, ProgressEntry


def facts(municipality_id: int) -> dict[str, str]:
    found = {}
    workshops = set(db.session.scalars(db.select(Workshop.status).distinct().where(
        Workshop.municipality_id == municipality_id)))
    if WorkshopStatus.CLOSED.value in workshops:
        found[Stage.ZUKUNFTSWERKSTATT.value] = StageStatus.DONE.value
    elif WorkshopStatus.OPEN.value in workshops:
        found[Stage.ZUKUNFTSWERKSTATT.value] = StageStatus.IN_PROGRESS.value
    if db.session.scalar(db.select(Measure.id).where(Measure.municipality_id == municipality_id)
                         .limit(1)) is not None:
        found[Stage.WERKSTATTPLAN.value] = StageStatus.IN_PROGRESS.value
    if db.session.scalar(db.select(ProgressEntry.id).join(Measure)
                         .where(Measure.municipality_id == municipality_id).limit(1)) is not None:
        found[Stage.ZWISCHENBILANZ.value] = StageStatus.IN_PROGRESS.value
    return found
