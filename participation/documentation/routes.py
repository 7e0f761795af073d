"""/m/<id>/dokumentation: the workshops with their photos of paper walls (upload, view, remove)."""
from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from ..accounts.permissions import Permission, can
from ..errors import DomainError
from ..municipalities.services import municipality_for
from ..results.services import session_date
from ..workshops.services import list_workshops
from . import photos

bp = Blueprint("documentation", __name__)


def _back(municipality_id, workshop_id=None):
    return redirect(url_for("documentation.overview", municipality_id=municipality_id,
                            _anchor=f"workshop-{workshop_id}" if workshop_id else None))


@bp.route("/m/<int:municipality_id>/dokumentation")
@login_required
def overview(municipality_id):
    municipality = municipality_for(current_user, municipality_id)
    workshops = [w for w in list_workshops(municipality_id) if w.status != "draft"]
    return render_template(
        "documentation/overview.html", municipality=municipality, workshops=workshops,
        photos=photos.photos_by_workshop([w.id for w in workshops]), session_date=session_date,
        can_edit=can(current_user, Permission.EDIT_PLAN, municipality_id))


@bp.route("/m/<int:municipality_id>/dokumentation/<int:workshop_id>/fotos", methods=["POST"])
@login_required
def photo_upload(municipality_id, workshop_id):
    municipality_for(current_user, municipality_id, Permission.EDIT_PLAN)
    photos.workshop_of(municipality_id, workshop_id)
    if FlaskForm().validate_on_submit():
        upload = request.files.get("photo")
        try:
            photos.add_photo(municipality_id, workshop_id,
                             upload.read(photos.MAX_PHOTO_BYTES + 1) if upload else b"",
                             request.form.get("caption", ""))
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Das Foto ist gespeichert."), "success")
    return _back(municipality_id, workshop_id)


@bp.route("/m/<int:municipality_id>/dokumentation/fotos/<int:photo_id>")
@login_required
def photo(municipality_id, photo_id):
    municipality_for(current_user, municipality_id)
    item = photos.photo_of(municipality_id, photo_id)
    response = Response(item.data, mimetype=item.mimetype)
    response.headers["Cache-Control"] = "private, max-age=3600"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.route("/m/<int:municipality_id>/dokumentation/fotos/<int:photo_id>/entfernen", methods=["POST"])
@login_required
def photo_remove(municipality_id, photo_id):
    municipality_for(current_user, municipality_id, Permission.EDIT_PLAN)
    item = photos.photo_of(municipality_id, photo_id)
    workshop_id = item.workshop_id
    photos.remove_photo(municipality_id, photo_id)
    flash(_("Das Foto ist entfernt."), "success")
    return _back(municipality_id, workshop_id)
