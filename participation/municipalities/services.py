"""Municipality rules: creating one with its five stages, finding the ones a person may see."""
from flask_babel import lazy_gettext as _l

from ..accounts.permissions import Permission, require
from ..age_bands import AGE_BANDS
from ..errors import NotFound, ValidationError
from ..extensions import db
from .models import (STAGE_ORDER, AgeBandPopulation, Municipality, MunicipalityKind,
                     ProcessStage, StageStatus)


def create_municipality(name: str, kind: str, federal_state: str = "", population: int = 0) -> Municipality:
    name = (name or "").strip()
    if not name:
        raise ValidationError("invalid_name", _l("Bitte geben Sie einen Namen an."))
    if kind not in {k.value for k in MunicipalityKind}:
        raise ValidationError("invalid_kind", _l("Diese Art von Kommune gibt es nicht."))
    if population is None or population < 0:
        raise ValidationError("invalid_population", _l("Die Einwohnerzahl darf nicht negativ sein."))
    municipality = Municipality(name=name, kind=kind, federal_state=(federal_state or "").strip(),
                                population=population)
    for position, stage in enumerate(STAGE_ORDER):
        municipality.stages.append(ProcessStage(stage=stage.value, position=position,
                                                status=StageStatus.NOT_STARTED.value))
    for position, band in enumerate(AGE_BANDS):
        municipality.age_bands.append(AgeBandPopulation(band=band, position=position, count=0))
    db.session.add(municipality)
    db.session.commit()
    return municipality


def all_municipalities() -> list[Municipality]:
    return list(db.session.scalars(db.select(Municipality).order_by(Municipality.name)))


def municipalities_for(user) -> list[Municipality]:
    if user.is_admin:
        return all_municipalities()
    ids = user.municipality_ids
    if not ids:
        return []
    return list(db.session.scalars(
        db.select(Municipality).where(Municipality.id.in_(ids)).order_by(Municipality.name)))


def get_municipality(municipality_id: int) -> Municipality:
    municipality = db.session.get(Municipality, municipality_id)
    if municipality is None:
        raise NotFound()
    return municipality


def municipality_for(user, municipality_id: int, permission: Permission = Permission.VIEW) -> Municipality:
    """The municipality, if this person may act on it; 404 or 403 otherwise."""
    require(user, permission, municipality_id)
    return get_municipality(municipality_id)
