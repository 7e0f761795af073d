"""From the hall into the Werkstattplan: selected ideas or clusters become draft measures that
remember their session, phase, ideas and the dots they had at that moment."""
from flask_babel import lazy_gettext as _l

from ..accounts.permissions import Permission
from ..errors import ValidationError
from ..extensions import db
from ..results import services as results_services
from .models import Measure, MeasureOrigin, MeasureOriginIdea, MeasureStatus
from .services import fields_of_action


def promote(user, workshop_id: int, idea_ids=(), cluster_ids=(), combine: bool = False) -> list[Measure]:
    """One draft measure per selected cluster or idea, or one for all of them (`combine`).
    An idea inside a selected cluster is taken with its cluster, not twice."""
    workshop = results_services.workshop_for(user, workshop_id, Permission.RUN_WORKSHOPS)
    results = results_services.session_results(workshop)
    ideas = {i["id"]: (phase["phase"], i) for phase in results["phases"] for i in phase["ideas"]}
    clusters = {c["id"]: (phase["phase"], c) for phase in results["phases"]
                for c in phase["clusters"]}
    idea_ids, cluster_ids = _ids(idea_ids), _ids(cluster_ids)
    if any(i not in ideas for i in idea_ids) or any(c not in clusters for c in cluster_ids):
        raise ValidationError("not_in_session", _l("Diese Idee gehört nicht zu dieser Sitzung."))
    if not idea_ids and not cluster_ids:
        raise ValidationError("nothing_selected",
                              _l("Bitte wählen Sie mindestens eine Idee oder Gruppe aus."))
    in_clusters = {i for c in cluster_ids for i in clusters[c][1]["idea_ids"]}
    date = results_services.session_date(workshop)
    sources = []
    for cluster_id in cluster_ids:
        phase, cluster = clusters[cluster_id]
        members = [ideas[i][1] for i in cluster["idea_ids"]]
        sources.append((cluster["name"], _origin(workshop, date, phase, members, cluster)))
    for idea_id in idea_ids:
        if idea_id in in_clusters:
            continue
        phase, idea = ideas[idea_id]
        sources.append((idea["text"], _origin(workshop, date, phase, [idea], None)))
    groups = [sources] if combine else [[source] for source in sources]
    measures = []
    for group in groups:
        title = group[0][0][:200]
        description = "\n".join(f"– {i.text}" for _t, origin in group for i in origin.ideas)
        measure = Measure(municipality_id=workshop.municipality_id, title=title,
                          description=description, status=MeasureStatus.PLANNED.value,
                          draft=True, created_by_id=user.id,
                          field_of_action_id=_field_of_groups(origin for _t, origin in group))
        measure.origins.extend(origin for _t, origin in group)
        db.session.add(measure)
        measures.append(measure)
    db.session.commit()
    return measures


def _field_of_groups(origins) -> int | None:
    """The Handlungsfeld named like the promoted group(s): a group "Mobilität" lands under
    "Mobilität". Only when every group of the measure points to the same field; a single
    idea carries no field, so it leaves the choice to the plan's editors."""
    names = {origin.cluster_name.strip().casefold() for origin in origins}
    if len(names) != 1 or "" in names:
        return None
    fields = {field.name.strip().casefold(): field.id for field in fields_of_action()}
    return fields.get(names.pop())


def _ids(values) -> list[int]:
    try:
        return list(dict.fromkeys(int(v) for v in values or ()))
    except (TypeError, ValueError):
        raise ValidationError("invalid", _l("Die Auswahl ist ungültig.")) from None


def _origin(workshop, date, phase, ideas, cluster) -> MeasureOrigin:
    origin = MeasureOrigin(workshop_id=workshop.id, workshop_title=workshop.title,
                           workshop_date=date, phase=phase,
                           cluster_id=cluster["id"] if cluster else None,
                           cluster_name=cluster["name"] if cluster else "",
                           dots=sum(i["dots"] for i in ideas))
    for idea in ideas:
        origin.ideas.append(MeasureOriginIdea(idea_id=idea["id"], text=idea["text"],
                                              dots=idea["dots"]))
    return origin
