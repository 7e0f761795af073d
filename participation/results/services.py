"""Results of a session: ideas and clusters ranked by dots per phase, how the dots split
across age bands and channels, the optional age-weighted ranking, and publishing."""
from flask_babel import lazy_gettext as _l

from ..accounts.permissions import Permission, require
from ..errors import NotFound
from ..extensions import db
from ..ideas.services import clusters_for
from ..municipalities.models import Municipality
from ..workshops.models import PHASE_ORDER, Workshop, WorkshopStatus
from . import tallies, weighting
from .representation import representation  # noqa: F401  (public API of this feature)

PHASE_LABELS = {"kritik": _l("Kritik"), "utopie": _l("Utopie"),
                "verwirklichung": _l("Verwirklichung")}
CHANNEL_LABELS = {"onsite": _l("vor Ort"), "online": _l("von zu Hause"),
                  "assisted": _l("Papierkarte (übertragen)"), "kiosk": _l("Tablet im Saal")}
WEIGHTING_EXPLANATION = _l(
    "In der gewichteten Rangfolge zählen die Punkte jeder Altersgruppe so viel, wie es ihrem "
    "Anteil an der Einwohnerschaft entspricht: Gruppen, die in der Werkstatt stärker vertreten "
    "waren als in der Kommune, zählen weniger, schwächer vertretene mehr.")


def get_workshop(workshop_id: int) -> Workshop:
    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None:
        raise NotFound()
    return workshop


def workshop_for(user, workshop_id: int, permission: Permission = Permission.VIEW) -> Workshop:
    """The session, if this person may act on its municipality; 404 or 403 otherwise."""
    workshop = get_workshop(workshop_id)
    require(user, permission, workshop.municipality_id)
    return workshop


def municipality_of(workshop) -> Municipality | None:
    return db.session.get(Municipality, workshop.municipality_id)


def public_results_available(workshop) -> bool:
    """True when residents may read the session's results through its join link."""
    return bool(workshop is not None and workshop.results_published
                and workshop.status == WorkshopStatus.CLOSED.value)


def set_published(user, workshop_id: int, published: bool) -> Workshop:
    workshop = workshop_for(user, workshop_id, Permission.RUN_WORKSHOPS)
    workshop.results_published = bool(published)
    db.session.commit()
    return workshop


def session_date(workshop):
    moment = workshop.opened_at or workshop.closed_at or workshop.created_at
    return moment.date() if moment else None


def session_results(workshop) -> dict:
    """Per phase: ideas and clusters ranked by dots (plain and age-weighted) with their splits.

    Contains idea ids and texts, never a participant id, token or nickname."""
    municipality = db.session.get(Municipality, workshop.municipality_id)
    population = municipality.population_by_band() if municipality else {}
    ideas, idea_tally = tallies.idea_tallies(workshop.id)
    clusters = clusters_for(workshop.id)
    cluster_names = {c.id: c.name for c in clusters}
    ideas_by_phase = tallies.group_by_phase(ideas, lambda i: i.phase)
    clusters_by_phase = tallies.group_by_phase(clusters, lambda c: c.phase)
    phases = []
    for phase in PHASE_ORDER:
        phases.append(_phase_results(phase.value, workshop, ideas_by_phase.get(phase.value, []),
                                     clusters_by_phase.get(phase.value, []), idea_tally,
                                     cluster_names, population))
    return {
        "workshop": {"id": workshop.id, "title": workshop.title, "theme": workshop.theme,
                     "date": session_date(workshop).isoformat() if session_date(workshop) else None,
                     "status": workshop.status},
        "phases": phases,
        "weighting_explanation": str(WEIGHTING_EXPLANATION),
    }


def _phase_results(phase, workshop, ideas, clusters, idea_tally, cluster_names, population):
    by_band, by_channel = tallies.empty_bands(), tallies.empty_channels()
    rows = []
    for idea in ideas:
        tally = idea_tally[idea.id]
        tallies.add_into(by_band, tally["by_age_band"])
        tallies.add_into(by_channel, tally["by_channel"])
        rows.append({"id": idea.id, "text": idea.text, "cluster_id": idea.cluster_id,
                     "cluster_name": cluster_names.get(idea.cluster_id, ""),
                     "dots": tally["dots"], "by_age_band": dict(tally["by_age_band"]),
                     "by_channel": dict(tally["by_channel"])})
    weights = weighting.band_weights(by_band, population)
    for row in rows:
        row["weighted"] = (round(weighting.weighted_score(row["by_age_band"], weights), 2)
                           if weights else None)
    cluster_rows = []
    for cluster in clusters:
        members = [row for row in rows if row["cluster_id"] == cluster.id]
        c_band, c_channel = tallies.empty_bands(), tallies.empty_channels()
        for row in members:
            tallies.add_into(c_band, row["by_age_band"])
            tallies.add_into(c_channel, row["by_channel"])
        cluster_rows.append({
            "id": cluster.id, "name": cluster.name, "idea_ids": [r["id"] for r in members],
            "dots": sum(r["dots"] for r in members), "by_age_band": c_band, "by_channel": c_channel,
            "weighted": (round(sum(r["weighted"] for r in members), 2) if weights else None)})
    ranked = weighting.rank(rows, "dots")
    result = {
        "phase": phase, "label": str(PHASE_LABELS[phase]), "question": workshop.question_for(phase),
        "total_dots": sum(r["dots"] for r in rows),
        "by_age_band": by_band, "by_channel": by_channel,
        "ideas": ranked,
        "clusters": weighting.rank(cluster_rows, "dots"),
        "weighted_available": weights is not None,
        "weights": ({band: round(w, 3) for band, w in weights.items()} if weights else None),
        # Ranked from the plain ranking, so each weighted row keeps its plain rank too.
        "weighted_ideas": weighting.rank(ranked, "weighted") if weights else [],
    }
    return result



def top_ideas(results: dict, limit: int = 5) -> dict[str, list]:
    """The most dotted ideas of each phase (those with dots), for the Werkstattplan document."""
    return {phase["phase"]: [i for i in phase["ideas"] if i["dots"] > 0][:limit]
            for phase in results["phases"]}
