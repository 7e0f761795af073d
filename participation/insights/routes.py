"""JSON endpoints of the insights feature. Thin: validate, call a service, answer
{"ok": true, ...} or the DomainError's ack (handled in errors.py)."""
from flask import Blueprint, abort, jsonify, request
from flask_login import current_user

from ..errors import Forbidden, ValidationError
from ..results.services import public_results_available
from ..workshops.lookup import get_workshop_by_code
from ..workshops.models import WorkshopStatus
from . import services

bp = Blueprint("insights", __name__)


def _json_body() -> dict:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ValidationError()
    return data


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValidationError() from None


def _phase_arg():
    phase = request.args.get("phase") or None
    if phase not in (None, "kritik", "utopie", "verwirklichung"):
        raise ValidationError()
    return phase


@bp.get("/j/<code>/similar")
def similar(code):
    """Resident, as they type (debounced by the client): ideas that say much the same."""
    workshop = get_workshop_by_code(code)
    if services.participant_for(workshop, request.cookies) is None:
        raise Forbidden()
    ideas = services.similar_ideas(workshop.id, request.args.get("text", ""))
    response = jsonify({"ok": True, "ideas": ideas})
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/j/<code>/wordcloud")
def wordcloud_by_code(code):
    """Projector or phone: the word cloud of the visible ideas (what the wall shows anyway)."""
    workshop = get_workshop_by_code(code)
    if workshop.status == WorkshopStatus.CLOSED.value and not public_results_available(workshop):
        # A closed session's ideas are public only once its results are (finding 8).
        abort(404)
    data = services.word_cloud(workshop.id, _phase_arg())
    if request.if_none_match.contains(data["version"]):
        return "", 304
    response = jsonify({"ok": True, **data})
    response.set_etag(data["version"])
    return response


def _actor():
    if not current_user.is_authenticated:
        abort(401)
    return current_user


@bp.get("/insights/w/<int:workshop_id>/duplicates")
def duplicates(workshop_id):
    pairs = services.duplicate_suggestions(workshop_id, _actor(), _phase_arg())
    return jsonify({"ok": True, "pairs": pairs})


@bp.post("/insights/w/<int:workshop_id>/duplicates/dismiss")
def dismiss(workshop_id):
    data = _json_body()
    services.dismiss_duplicate(workshop_id, _actor(), _int(data.get("a")), _int(data.get("b")))
    return jsonify({"ok": True})


@bp.post("/insights/w/<int:workshop_id>/duplicates/merge")
def merge(workshop_id):
    data = _json_body()
    services.merge_duplicate(workshop_id, _actor(), _int(data.get("keep_id")), _int(data.get("merge_id")))
    return jsonify({"ok": True})


@bp.get("/insights/w/<int:workshop_id>/clusters/suggest")
def suggest(workshop_id):
    groups = services.suggest_clusters(workshop_id, _actor(), _phase_arg())
    return jsonify({"ok": True, "suggestions": groups})


@bp.post("/insights/w/<int:workshop_id>/clusters/accept")
def accept(workshop_id):
    data = _json_body()
    ids = data.get("idea_ids")
    if not isinstance(ids, list):
        raise ValidationError()
    services.accept_cluster(workshop_id, _actor(), str(data.get("name") or ""),
                            [_int(i) for i in ids], data.get("phase") or None)
    return jsonify({"ok": True})
