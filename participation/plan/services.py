"""Werkstattplan rules: fields of action, measures, progress entries."""
from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..accounts.permissions import Permission, require, require_admin
from ..municipalities.band_scheme import band_order, is_band_code
from ..municipalities.models import Municipality
from ..municipalities.band_scheme import label as band_label
from ..errors import NotFound, ValidationError
from ..extensions import db
from .models import (DEFAULT_FIELDS_OF_ACTION, FieldOfAction, Measure, MeasureOrigin,
                     MeasureStatus, Priority, ProgressEntry)

STATUS_LABELS = {
    MeasureStatus.PLANNED.value: _l("geplant"),
    MeasureStatus.IN_PROGRESS.value: _l("in Arbeit"),
    MeasureStatus.DONE.value: _l("erledigt"),
    MeasureStatus.ON_HOLD.value: _l("pausiert"),
    MeasureStatus.DROPPED.value: _l("verworfen"),
}
PRIORITY_LABELS = {Priority.HIGH.value: _l("hoch"), Priority.MEDIUM.value: _l("mittel"),
                   Priority.LOW.value: _l("niedrig")}
TEXT_LIMITS = {"title": 200, "description": 5000, "goal": 2000, "target_other": 300,
               "responsible": 200, "partners": 500, "budget": 300, "success_indicator": 500}


# --- fields of action ---------------------------------------------------------------------

def ensure_default_fields() -> None:
    """Seed the starting list once; afterwards the admin owns the list."""
    if db.session.scalar(db.select(db.func.count(FieldOfAction.id))):
        return
    for position, name in enumerate(DEFAULT_FIELDS_OF_ACTION):
        db.session.add(FieldOfAction(name=name, position=position, active=True))
    db.session.commit()


def fields_of_action(include_inactive: bool = False) -> list[FieldOfAction]:
    ensure_default_fields()
    query = db.select(FieldOfAction).order_by(FieldOfAction.position, FieldOfAction.id)
    if not include_inactive:
        query = query.where(FieldOfAction.active.is_(True))
    return list(db.session.scalars(query))


def add_field_of_action(user, name: str) -> FieldOfAction:
    require_admin(user)
    name = (name or "").strip()
    if not name or len(name) > 120:
        raise ValidationError("invalid_name", _l("Bitte geben Sie einen Namen (bis 120 Zeichen) an."))
    if db.session.scalar(db.select(FieldOfAction).where(FieldOfAction.name == name)):
        raise ValidationError("duplicate", _l("Dieses Handlungsfeld gibt es schon."))
    position = (db.session.scalar(db.select(db.func.max(FieldOfAction.position))) or 0) + 1
    field = FieldOfAction(name=name, position=position, active=True)
    db.session.add(field)
    db.session.commit()
    return field


def set_field_active(user, field_id: int, active: bool) -> FieldOfAction:
    require_admin(user)
    field = db.session.get(FieldOfAction, field_id)
    if field is None:
        raise NotFound()
    field.active = bool(active)
    db.session.commit()
    return field


# --- measures ------------------------------------------------------------------------------

def measure_for(user, municipality_id: int, measure_id: int,
                permission: Permission = Permission.VIEW) -> Measure:
    require(user, permission, municipality_id)
    measure = db.session.get(Measure, measure_id)
    if measure is None or measure.municipality_id != municipality_id:
        raise NotFound()
    return measure


def list_measures(municipality_id: int, field_id: int | None = None, status: str | None = None,
                  responsible: str | None = None) -> list[Measure]:
    query = db.select(Measure).where(Measure.municipality_id == municipality_id)
    if field_id:
        query = query.where(Measure.field_of_action_id == field_id)
    if status:
        query = query.where(Measure.status == status)
    if responsible:
        query = query.where(Measure.responsible == responsible)
    measures = list(db.session.scalars(query.order_by(Measure.id)))
    order = {f.id: (f.position, f.id) for f in fields_of_action(include_inactive=True)}
    return sorted(measures, key=lambda m: (order.get(m.field_of_action_id, (10**6, 0)),
                                           m.starts_on or date.max, m.id))


def responsibles(municipality_id: int) -> list[str]:
    return sorted(set(db.session.scalars(
        db.select(Measure.responsible).where(Measure.municipality_id == municipality_id,
                                             Measure.responsible != ""))))


def _bands_of(municipality_id: int, measure: Measure | None = None) -> set[str]:
    """A measure targets the municipality's bands, or keeps a band stored before they changed."""
    municipality = db.session.get(Municipality, municipality_id)
    return set(municipality.band_groups() if municipality else ()) | set(
        measure.age_band_list if measure else ())


def _clean(data: dict, bands_allowed: set[str]) -> dict:
    clean = {}
    for key, limit in TEXT_LIMITS.items():
        value = (data.get(key) or "").strip()
        if len(value) > limit:
            raise ValidationError("too_long", _l("Ein Text ist zu lang."))
        clean[key] = value
    if not clean["title"]:
        raise ValidationError("title_missing", _l("Bitte geben Sie einen Titel an."))
    status = data.get("status") or MeasureStatus.PLANNED.value
    if status not in STATUS_LABELS:
        raise ValidationError("invalid_status", _l("Diesen Status gibt es nicht."))
    priority = data.get("priority") or Priority.MEDIUM.value
    if priority not in PRIORITY_LABELS:
        raise ValidationError("invalid_priority", _l("Diese Priorität gibt es nicht."))
    field_id = _int_or_none(data.get("field_of_action_id"))
    if field_id and db.session.get(FieldOfAction, field_id) is None:
        raise ValidationError("invalid_field", _l("Dieses Handlungsfeld gibt es nicht."))
    bands = list(data.get("target_age_bands") or [])
    if any(not is_band_code(band) or band not in bands_allowed for band in bands):
        raise ValidationError("invalid_band", _l("Diese Altersgruppe gibt es nicht."))
    starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError("invalid_dates", _l("Das Ende liegt vor dem Beginn."))
    clean.update(status=status, priority=priority,
                 field_of_action_id=field_id or None,
                 target_age_bands=",".join(band_order(set(bands))[:-1]),
                 target_migration_background=bool(data.get("target_migration_background")),
                 starts_on=starts_on, ends_on=ends_on, published=bool(data.get("published")))
    return clean


def _int_or_none(value) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValidationError("invalid", _l("Die Eingabe ist ungültig.")) from None


def create_measure(user, municipality_id: int, data: dict) -> Measure:
    require(user, Permission.EDIT_PLAN, municipality_id)
    measure = Measure(municipality_id=municipality_id, created_by_id=user.id,
                      **_clean(data, _bands_of(municipality_id)))
    db.session.add(measure)
    db.session.commit()
    return measure


def update_measure(user, municipality_id: int, measure_id: int, data: dict) -> Measure:
    measure = measure_for(user, municipality_id, measure_id, Permission.EDIT_PLAN)
    for key, value in _clean(data, _bands_of(municipality_id, measure)).items():
        setattr(measure, key, value)
    measure.draft = False  # edited by a person: no longer a raw draft from the hall
    db.session.commit()
    return measure


def add_progress(user, municipality_id: int, measure_id: int, data: dict) -> ProgressEntry:
    measure = measure_for(user, municipality_id, measure_id, Permission.EDIT_PLAN)
    status = data.get("status")
    if status not in STATUS_LABELS:
        raise ValidationError("invalid_status", _l("Diesen Status gibt es nicht."))
    percent = _int_or_none(data.get("percent_done"))
    if percent is None or not 0 <= percent <= 100:
        raise ValidationError("invalid_percent", _l("Der Fortschritt liegt zwischen 0 und 100 %."))
    entry_date = data.get("entry_date") or date.today()
    texts = {key: (data.get(key) or "").strip() for key in ("helped", "hindered", "next_step")}
    if any(len(value) > 2000 for value in texts.values()):
        raise ValidationError("too_long", _l("Ein Text ist zu lang."))
    entry = ProgressEntry(measure_id=measure.id, entry_date=entry_date, status=status,
                          percent_done=int(percent), created_by_id=user.id, **texts)
    db.session.add(entry)
    measure.status = status  # the newest entry is the measure's state
    db.session.commit()
    return entry


def measures_from_workshop(workshop_id: int, published_only: bool = False) -> list[Measure]:
    query = (db.select(Measure).join(MeasureOrigin, MeasureOrigin.measure_id == Measure.id)
             .where(MeasureOrigin.workshop_id == workshop_id).distinct().order_by(Measure.id))
    if published_only:
        query = query.where(Measure.published.is_(True))
    return list(db.session.scalars(query))


def origin_text(origin: MeasureOrigin) -> str:
    """'aus der Zukunftswerkstatt am 12. März 2026, 23 Punkte'."""
    points = _("%(n)s Punkte", n=origin.dots) if origin.dots != 1 else _("1 Punkt")
    if origin.workshop_date:
        when = format_date(origin.workshop_date, "long")
        return _("aus der Zukunftswerkstatt am %(date)s, %(points)s", date=when, points=points)
    return _("aus der Zukunftswerkstatt, %(points)s", points=points)


def origins_text(measure: Measure) -> str:
    return "; ".join(origin_text(o) for o in measure.origins)


def time_frame(measure: Measure) -> str:
    start = format_date(measure.starts_on, "MM/yyyy") if measure.starts_on else ""
    end = format_date(measure.ends_on, "MM/yyyy") if measure.ends_on else ""
    if start and end:
        return f"{start} – {end}"
    return start or end or _("offen")


def target_groups_text(measure: Measure) -> str:
    parts = [str(band_label(b)) for b in measure.age_band_list if is_band_code(b)]
    if measure.target_migration_background:
        parts.append(_("Menschen mit Migrationsgeschichte"))
    if measure.target_other:
        parts.append(measure.target_other)
    return ", ".join(parts)
