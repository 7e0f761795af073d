"""Who took part, next to who lives there: participants per age band against the population
of the Kommunalprofil, with the under-represented groups named in words."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..age_bands import AGE_BANDS
from ..municipalities.band_scheme import aggregate, common_groups, is_band_code, people_of
from ..municipalities.band_scheme import label as band_label
from ..extensions import db
from ..municipalities.models import Municipality
from .participation import add_counts, counts_of_participants, snapshot_counts
from .tallies import CHANNELS, empty_channels

# A group counts as under-represented when its share among the participants is below
# three quarters of its share of the residents (and it is at least 1 % of the residents).
UNDER_REPRESENTED_RATIO = 0.75
MIN_POPULATION_PCT = 1.0
# Small numbers: no share is shown that was computed from fewer answers than this (with
# three people in a hall, "33 % over 80" points at one person). Shown as "weniger als 5".
MIN_ANSWERS = 5

GROUP_NAMES = {
    "0-17": _l("Menschen unter 18"),
    "18-29": _l("Menschen von 18 bis 29"),
    "30-49": _l("Menschen von 30 bis 49"),
    "50-64": _l("Menschen von 50 bis 64"),
    "65-79": _l("Menschen von 65 bis 79"),
    "80+": _l("Menschen ab 80"),
}


def pct(part: float, whole: float) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def pct_text(value: float) -> str:
    return f"{round(value):d} %"


def comparison_sentence(group: str, participant_pct: float, population_pct: float) -> str:
    return _("%(group)s: %(part)s der Teilnehmenden, %(pop)s der Einwohnerschaft",
             group=group, part=pct_text(participant_pct), pop=pct_text(population_pct))


def is_under_represented(participant_pct: float, population_pct: float) -> bool:
    return (population_pct >= MIN_POPULATION_PCT
            and participant_pct < population_pct * UNDER_REPRESENTED_RATIO)


def participation_counts(workshop_id: int) -> dict:
    """Aggregate counts of everybody who took part: the participants still stored plus the
    snapshot kept when earlier participant data was erased (results/participation.py)."""
    counts = counts_of_participants(workshop_id)
    kept = snapshot_counts(workshop_id)
    if kept is not None:
        counts = add_counts(counts, kept)
    return counts


def representation(workshop, counts: dict | None = None) -> dict:
    """Participants of the session per age band and channel against the population.

    Shape (all numbers plain, strings already translated, no participant identifiers):
    {"workshop_id", "participants": {"total", "with_age_band", "without_age_band",
     "by_channel": {"onsite","online","assisted","kiosk"}}, "has_population": bool,
     "bands": [{"band","label","participants","participant_pct","population","population_pct",
                "under_represented"}], "under_represented": [{"band","sentence"}],
     "summary": str, "migration": None | {...see migration_comparison}}
    Percentages of participants are taken over those who gave an age band. `counts` (from
    participation_counts) may be passed to build the same figures in several languages.
    """
    municipality = db.session.get(Municipality, workshop.municipality_id)
    if counts is None:
        counts = participation_counts(workshop.id)
    # The municipality's bands (band_scheme.py); where an answer given before the bands
    # changed reaches over a limit ("65-79" under 65-74 and 75+), those bands are pooled.
    scheme = municipality.band_groups() if municipality else AGE_BANDS
    answered = [band for band, n in counts["by_age_band"].items() if n and is_band_code(band)]
    groups = common_groups(scheme, answered)
    by_band = aggregate(counts["by_age_band"], groups)
    by_channel = empty_channels()
    by_channel.update({c: counts["by_channel"].get(c, 0) for c in CHANNELS})
    total = counts["total"]
    with_band = sum(by_band.values())
    population = aggregate(municipality.population_by_band(), groups) if municipality else {}
    pop_total = sum(population.get(band, 0) for band in groups)
    small = with_band < MIN_ANSWERS
    bands, under = [], []
    for band in groups:
        row = {
            "band": band, "label": str(band_label(band)),
            "participants": by_band[band], "participant_pct": None if small else pct(by_band[band], with_band),
            "population": population.get(band, 0),
            "population_pct": pct(population.get(band, 0), pop_total),
            "under_represented": False,
        }
        if not small and pop_total and is_under_represented(row["participant_pct"],
                                                           row["population_pct"]):
            row["under_represented"] = True
            under.append({"band": band, "sentence": comparison_sentence(
                str(GROUP_NAMES.get(band) or people_of(band)), row["participant_pct"],
                row["population_pct"])})
        bands.append(row)
    return {
        "workshop_id": workshop.id,
        "participants": {"total": total, "with_age_band": with_band,
                         "without_age_band": total - with_band,
                         "by_channel": {c: by_channel[c] for c in CHANNELS}},
        "has_population": pop_total > 0,
        "small_numbers": small,
        "pooled_note": _pooled_note(scheme, groups),
        "bands": bands,
        "under_represented": under,
        "summary": _summary(total, with_band, pop_total, under),
        "migration": migration_comparison(workshop, municipality, counts),
    }


def _pooled_note(scheme, groups) -> str:
    if tuple(scheme) == tuple(groups):
        return ""
    return _("Einige Teilnehmende haben ihr Alter in früheren Altersgruppen angegeben. Damit "
             "niemand geraten wird, sind hier zusammengefasst: %(groups)s.", groups=", ".join(
                 str(band_label(g)) for g in groups if g not in scheme))


def _summary(total: int, with_band: int, pop_total: int, under: list) -> str:
    if not total:
        return _("Noch nehmen keine Personen teil.")
    if not pop_total:
        return _("Im Kommunalprofil fehlt die Altersstruktur; ein Vergleich ist noch nicht möglich.")
    if not with_band:
        return _("Niemand hat eine Altersgruppe angegeben; ein Vergleich ist nicht möglich.")
    if with_band < MIN_ANSWERS:
        return _("Altersangaben: weniger als 5. Anteile zeigen wir erst ab 5 Antworten.")
    if not under:
        return _("Alle Altersgruppen sind ungefähr so vertreten wie in der Einwohnerschaft.")
    return _("Unterrepräsentiert: %(groups)s.",
             groups="; ".join(item["sentence"] for item in under))


def migration_comparison(workshop, municipality, counts: dict) -> dict | None:
    """Only when the session asked for it; the answer was always optional for residents."""
    if not workshop.ask_migration_background:
        return None
    yes = counts["migration_yes"]
    answered = yes + counts["migration_no"]
    population_pct = municipality.migration_share if municipality else None
    small = answered < MIN_ANSWERS
    participant_pct = None if small else pct(yes, answered)
    result = {"asked": True, "answered": answered, "with_migration_background": None if small else yes,
              "participant_pct": participant_pct, "population_pct": population_pct,
              "small_numbers": small, "under_represented": False, "sentence": ""}
    if small and answered:
        result["sentence"] = _("Menschen mit Migrationsgeschichte: weniger als 5 Antworten, "
                               "daher kein Anteil.")
    elif answered and population_pct is not None:
        result["under_represented"] = is_under_represented(participant_pct, population_pct)
        result["sentence"] = comparison_sentence(str(_l("Menschen mit Migrationsgeschichte")),
                                                 participant_pct, population_pct)
    return result
