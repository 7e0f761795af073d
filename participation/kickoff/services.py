"""Kick-Off rules: people with their consent, agenda and minutes."""
from datetime import date

from flask_babel import lazy_gettext as _l

from ..errors import NotFound, ValidationError
from ..extensions import db
from ..municipalities.services import get_municipality
from .models import KickoffPerson, KickoffRecord, PersonKind


def add_person(municipality_id: int, kind: str, name: str, organisation: str = "",
               role: str = "", contact: str = "", consent: bool = False) -> KickoffPerson:
    get_municipality(municipality_id)
    if kind not in {k.value for k in PersonKind}:
        raise ValidationError("invalid_kind", _l("Diese Art von Beteiligten gibt es nicht."))
    name = (name or "").strip()
    if not name:
        raise ValidationError("invalid_name", _l("Bitte nennen Sie den Namen."))
    contact = (contact or "").strip()
    if contact and not consent:
        # Data protection: contact details of people outside the administration only with
        # their consent, and we keep the day it was given.
        raise ValidationError("consent_missing", _l(
            "Kontaktdaten werden nur mit Einwilligung gespeichert. Bitte bestätigen Sie die "
            "Einwilligung oder lassen Sie den Kontakt leer."))
    person = KickoffPerson(municipality_id=municipality_id, kind=kind, name=name[:120],
                           organisation=(organisation or "").strip()[:160],
                           role=(role or "").strip()[:120], contact=contact[:200],
                           consent_on=date.today() if contact else None)
    db.session.add(person)
    db.session.commit()
    return person


def remove_person(municipality_id: int, person_id: int) -> None:
    person = db.session.get(KickoffPerson, person_id)
    if person is None or person.municipality_id != municipality_id:
        raise NotFound()
    db.session.delete(person)
    db.session.commit()


def record_of(municipality_id: int) -> KickoffRecord | None:
    return db.session.scalar(db.select(KickoffRecord).where(
        KickoffRecord.municipality_id == municipality_id))


def save_record(municipality_id: int, agenda: str, minutes: str) -> KickoffRecord:
    get_municipality(municipality_id)
    record = record_of(municipality_id)
    if record is None:
        record = KickoffRecord(municipality_id=municipality_id)
        db.session.add(record)
    record.agenda = (agenda or "").strip()
    record.minutes = (minutes or "").strip()
    db.session.commit()
    return record


def people(municipality_id: int) -> dict[str, list[KickoffPerson]]:
    rows = db.session.scalars(db.select(KickoffPerson).where(
        KickoffPerson.municipality_id == municipality_id).order_by(KickoffPerson.name)).all()
    grouped = {kind.value: [] for kind in PersonKind}
    for row in rows:
        grouped[row.kind].append(row)
    return grouped


def kickoff_view(municipality_id: int) -> dict:
    """Everything the Kick-Off sections of the stage page and the Werkstattplan show."""
    return {"people": people(municipality_id), "record": record_of(municipality_id)}
