"""Initiative rules: records of who does what, and their links to measures of the same place."""
from flask_babel import lazy_gettext as _l

from ..errors import NotFound, ValidationError
from ..extensions import db
from ..municipalities.services import get_municipality
from ..plan.models import Measure
from .models import Initiative, measure_initiative


def list_initiatives(municipality_id: int) -> list[Initiative]:
    return list(db.session.scalars(db.select(Initiative).where(
        Initiative.municipality_id == municipality_id).order_by(Initiative.name)))


def get_initiative(municipality_id: int, initiative_id: int) -> Initiative:
    item = db.session.get(Initiative, initiative_id)
    if item is None or item.municipality_id != municipality_id:
        raise NotFound()
    return item


def add_initiative(municipality_id: int, name: str, carrier: str = "", theme: str = "",
                   contact: str = "", description: str = "") -> Initiative:
    get_municipality(municipality_id)
    name = (name or "").strip()
    if not name:
        raise ValidationError("invalid_name", _l("Bitte nennen Sie die Initiative oder das Projekt."))
    item = Initiative(municipality_id=municipality_id, name=name[:200],
                      carrier=(carrier or "").strip()[:200], theme=(theme or "").strip()[:120],
                      contact=(contact or "").strip()[:200],
                      description=(description or "").strip())
    db.session.add(item)
    db.session.commit()
    return item


def remove_initiative(municipality_id: int, initiative_id: int) -> None:
    db.session.delete(get_initiative(municipality_id, initiative_id))
    db.session.commit()


def set_linked_measures(municipality_id: int, initiative_id: int, measure_ids: list[int]) -> Initiative:
    """Link the initiative to exactly these measures; every one must be of the same place."""
    item = get_initiative(municipality_id, initiative_id)
    wanted = set(measure_ids or [])
    measures = list(db.session.scalars(db.select(Measure).where(Measure.id.in_(wanted)))) if wanted else []
    if len(measures) != len(wanted) or any(m.municipality_id != municipality_id for m in measures):
        raise ValidationError("invalid_measure", _l("Diese Maßnahme gehört nicht zu dieser Kommune."))
    item.measures = measures
    db.session.commit()
    return item


def initiatives_of_measure(measure_id: int) -> list[Initiative]:
    return list(db.session.scalars(db.select(Initiative).join(
        measure_initiative, measure_initiative.c.initiative_id == Initiative.id).where(
        measure_initiative.c.measure_id == measure_id).order_by(Initiative.name)))
