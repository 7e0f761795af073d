"""The age bands a resident is asked in: the municipality's own (municipalities/band_scheme.py),
on the join page, online, at the kiosk and on the helper page for paper cards.

A resident's answer is stored as the band code they picked ("65-74", "75+"). It is never
rewritten when the municipality later changes its bands; the figures combine old and new
answers with band_scheme.common_groups, and single answers are shown by their own label."""
from ..age_bands import AGE_BAND_LABELS, AGE_BANDS, NO_ANSWER
from ..extensions import db
from ..municipalities.band_scheme import is_band_code, label
from ..municipalities.models import Municipality


def offered_bands(workshop) -> tuple[str, ...]:
    municipality = db.session.get(Municipality, workshop.municipality_id)
    return municipality.band_groups() if municipality is not None else AGE_BANDS


def choices(workshop) -> list[tuple[str, object]]:
    return ([(NO_ANSWER, AGE_BAND_LABELS[NO_ANSWER])]
            + [(band, label(band)) for band in offered_bands(workshop)])


def is_offered(workshop, band: str) -> bool:
    return band in offered_bands(workshop)


class BandLabels(dict):
    """Labels for stored answers: any band code a scheme can have had, or "keine Angabe"."""

    def __missing__(self, band):
        return label(band) if is_band_code(band) else AGE_BAND_LABELS[NO_ANSWER]

    def get(self, band, default=None):
        return self[band] if band else default


BAND_LABELS = BandLabels({NO_ANSWER: AGE_BAND_LABELS[NO_ANSWER]})
