"""Kommunalprofil rules: age structure, migration share, indicators, measures, SWOT, themes.

Each function takes the municipality id it acts on; an item id that belongs to another
municipality is "not found", so one tenant can never touch another's rows by guessing ids.
"""
from flask_babel import lazy_gettext as _l

from ..age_bands import AGE_BANDS
from ..errors import NotFound, ValidationError
from ..extensions import db
from .models import ExistingMeasure, KeyIndicator, SwotItem, SwotKind, Theme
from .services import get_municipality

MAX_COUNT = 10_000_000


def _text(value, code, message, max_length):
    value = (value or "").strip()
    if not value:
        raise ValidationError(code, message)
    if len(value) > max_length:
        raise ValidationError("too_long", _l("Der Text ist zu lang (höchstens %(n)s Zeichen).",
                                             n=max_length))
    return value


def _check_counts(counts: dict[str, int], bands=AGE_BANDS) -> None:
    if set(counts) != set(bands):
        raise ValidationError("invalid_age_bands",
                              _l("Es müssen alle sechs Altersgruppen angegeben sein."))
    for count in counts.values():
        if count is None or not 0 <= int(count) <= MAX_COUNT:
            raise ValidationError("invalid_count", _l("Die Einwohnerzahlen müssen zwischen 0 und "
                                                      "10.000.000 liegen."))


def _check_share(share) -> None:
    if share is not None and not 0 <= float(share) <= 100:
        raise ValidationError("invalid_share",
                              _l("Der Anteil muss zwischen 0 und 100 Prozent liegen."))


def set_age_structure(municipality_id: int, counts: dict[str, int]):
    """Replace the population of every age band of the municipality's scheme at once."""
    return set_profile(municipality_id, counts, keep_share=True)


def set_profile(municipality_id: int, counts: dict[str, int], share=None, keep_share=False):
    """Age structure and migration share: everything is checked before anything is written."""
    municipality = get_municipality(municipality_id)
    _check_counts(counts, municipality.band_groups())
    if not keep_share:
        _check_share(share)
    for row in municipality.age_bands:
        row.count = int(counts[row.band])
    if not keep_share:
        municipality.migration_share = None if share is None else round(float(share), 1)
    db.session.commit()
    return municipality


def _owned(model, item_id: int, municipality_id: int):
    item = db.session.get(model, item_id)
    if item is None or item.municipality_id != municipality_id:
        raise NotFound()
    return item


def _remove(model, municipality_id: int, item_id: int) -> None:
    db.session.delete(_owned(model, item_id, municipality_id))
    db.session.commit()


def add_indicator(municipality_id: int, name: str, value: str, unit: str = "",
                  year: int | None = None, source: str = "") -> KeyIndicator:
    get_municipality(municipality_id)
    item = KeyIndicator(municipality_id=municipality_id,
                        name=_text(name, "invalid_name", _l("Bitte nennen Sie die Kennzahl."), 160),
                        value=_text(value, "invalid_value", _l("Bitte geben Sie einen Wert an."), 60),
                        unit=(unit or "").strip()[:30], year=year,
                        source=(source or "").strip()[:200])
    db.session.add(item)
    db.session.commit()
    return item


def remove_indicator(municipality_id: int, indicator_id: int) -> None:
    _remove(KeyIndicator, municipality_id, indicator_id)


def add_measure(municipality_id: int, title: str, description: str = "") -> ExistingMeasure:
    get_municipality(municipality_id)
    item = ExistingMeasure(municipality_id=municipality_id,
                           title=_text(title, "invalid_title", _l("Bitte nennen Sie die Maßnahme."), 200),
                           description=(description or "").strip())
    db.session.add(item)
    db.session.commit()
    return item


def remove_measure(municipality_id: int, measure_id: int) -> None:
    _remove(ExistingMeasure, municipality_id, measure_id)


def add_swot_item(municipality_id: int, kind: str, text: str) -> SwotItem:
    get_municipality(municipality_id)
    if kind not in {k.value for k in SwotKind}:
        raise ValidationError("invalid_kind", _l("Diese Art von SWOT-Eintrag gibt es nicht."))
    item = SwotItem(municipality_id=municipality_id, kind=kind,
                    text=_text(text, "invalid_text", _l("Bitte schreiben Sie einen Eintrag."), 500))
    db.session.add(item)
    db.session.commit()
    return item


def remove_swot_item(municipality_id: int, swot_id: int) -> None:
    _remove(SwotItem, municipality_id, swot_id)


def add_theme(municipality_id: int, name: str, reason: str = "") -> Theme:
    municipality = get_municipality(municipality_id)
    name = _text(name, "invalid_name", _l("Bitte nennen Sie das Thema."), 120)
    if any(t.name.casefold() == name.casefold() for t in municipality.themes):
        raise ValidationError("duplicate_theme", _l("Dieses Thema gibt es schon."))
    item = Theme(municipality_id=municipality_id, name=name, reason=(reason or "").strip()[:1000])
    db.session.add(item)
    db.session.commit()
    return item


def remove_theme(municipality_id: int, theme_id: int) -> None:
    _remove(Theme, municipality_id, theme_id)


def swot_by_kind(municipality) -> dict[str, list[SwotItem]]:
    grouped = {kind.value: [] for kind in SwotKind}
    for item in municipality.swot_items:
        grouped.setdefault(item.kind, []).append(item)
    return grouped
