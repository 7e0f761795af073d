"""Municipality rules: creating one with its five stages, finding the ones a person may see."""
import re
from datetime import date

from flask_babel import lazy_gettext as _l

from ..accounts.permissions import Permission, require
from ..age_bands import AGE_BANDS
from ..errors import NotFound, ValidationError
from ..extensions import db
from .models import (STAGE_ORDER, AgeBandPopulation, Municipality, MunicipalityKind, ProcessStage,
                     StageStatus)
from .stage_facts import statuses


_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _checked_master_data(name, kind, population, accent_color) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError("invalid_name", _l("Bitte geben Sie einen Namen an."))
    if kind not in {k.value for k in MunicipalityKind}:
        raise ValidationError("invalid_kind", _l("Diese Art von Kommune gibt es nicht."))
    if population is None or population < 0:
        raise ValidationError("invalid_population", _l("Die Einwohnerzahl darf nicht negativ sein."))
    if accent_color is not None and not _COLOUR.match(accent_color):
        raise ValidationError("invalid_colour", _l("Bitte eine Farbe wie #1d5b8f angeben."))
    return name


def create_municipality(name: str, kind: str, federal_state: str = "", population: int = 0,
                        accent_color: str | None = None) -> Municipality:
    name = _checked_master_data(name, kind, population, accent_color)
    municipality = Municipality(name=name, kind=kind, federal_state=(federal_state or "").strip(),
                                population=population)
    if accent_color:
        municipality.accent_color = accent_color.lower()
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


def update_municipality(municipality_id: int, name: str, kind: str, federal_state: str,
                        population: int, accent_color: str) -> Municipality:
    municipality = get_municipality(municipality_id)
    municipality.name = _checked_master_data(name, kind, population, accent_color)
    municipality.kind = kind
    municipality.federal_state = (federal_state or "").strip()
    municipality.population = population
    municipality.accent_color = accent_color.lower()
    db.session.commit()
    return municipality


def current_stage(municipality: Municipality) -> ProcessStage | None:
    """Where the process stands: the first stage in progress, else the first one not done.

    None when every stage is done.
    """
    stages, shown = municipality.stages, statuses(municipality)  # hand-set, moved on by facts
    for stage in stages:
        if shown[stage.stage] == StageStatus.IN_PROGRESS.value:
            return stage
    for stage in stages:
        if shown[stage.stage] != StageStatus.DONE.value:
            return stage
    return None


def get_stage(municipality_id: int, stage: str) -> ProcessStage:
    row = db.session.scalar(db.select(ProcessStage).where(
        ProcessStage.municipality_id == municipality_id, ProcessStage.stage == stage))
    if row is None:
        raise NotFound()
    return row


def update_stage(municipality_id: int, stage: str, status: str, starts_on: date | None,
                 ends_on: date | None, notes: str, manual: bool = False) -> ProcessStage:
    """`manual`: the stage shows `status` whatever the facts say (stage_facts.py)."""
    row = get_stage(municipality_id, stage)
    if status not in {s.value for s in StageStatus}:
        raise ValidationError("invalid_status", _l("Diesen Stand gibt es nicht."))
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError("invalid_dates", _l("Das Ende darf nicht vor dem Beginn liegen."))
    row.status = status
    row.starts_on = starts_on
    row.ends_on = ends_on
    row.notes = (notes or "").strip()
    row.manual = bool(manual)
    db.session.commit()
    return row
