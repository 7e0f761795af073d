"""One gate for every HTML form and query string, before any route sees it.

Bad input gets a clear, translated 400 page and changes nothing: a NUL byte or another
control character, or a single field longer than any real answer. Bidirectional overrides
are removed from every field (plan, profile, accounts, ideas alike)."""
from flask import render_template, request
from flask_babel import gettext as _
from werkzeug.datastructures import ImmutableMultiDict

from .text_input import MAX_FIELD_CHARS, has_forbidden_controls, strip_bidi


def _bad_value(fields) -> str | None:
    for value in (v for values in fields.listvalues() for v in values):
        if has_forbidden_controls(value):
            return _("Die Eingabe enthält unzulässige Steuerzeichen. Bitte tippen Sie den Text "
                     "neu ein oder fügen Sie ihn ohne Formatierung ein.")
        if len(value) > MAX_FIELD_CHARS:
            return _("Ein Eingabefeld ist viel zu lang (höchstens %(n)s Zeichen).",
                     n=MAX_FIELD_CHARS)
    return None


def _refuse(message: str):
    if request.is_json or request.accept_mimetypes.best == "application/json":
        return {"ok": False, "error": "invalid_input", "message": message}, 400
    return render_template("errors/400.html", message=message, status=400), 400


def init_input_guard(app):
    @app.before_request
    def guard_text_input():
        if request.path.startswith("/socket.io") or request.endpoint == "static":
            return None
        message = _bad_value(request.args)
        if message is None and request.method in ("POST", "PUT", "PATCH"):
            message = _bad_value(request.form)
            if message is None and any(strip_bidi(v) != v for v in request.form.values()):
                # Werkzeug's cached form may be replaced: every route reads the clean copy.
                request.form = ImmutableMultiDict(
                    [(key, strip_bidi(value)) for key, value in request.form.items(multi=True)])
        return _refuse(message) if message else None
