"""Domain errors with stable codes, and the HTTP error pages."""
from flask import render_template, request
from flask_babel import lazy_gettext as _l


class DomainError(Exception):
    """A rule was broken. `code` is stable (used in acks and tests); `message` is translated."""

    code = "error"
    http_status = 400
    default_message = _l("Die Aktion ist nicht möglich.")

    def __init__(self, code: str | None = None, message=None, http_status: int | None = None):
        self.code = code or self.code
        self.message = message or self.default_message
        if http_status:
            self.http_status = http_status
        super().__init__(self.code)

    def to_ack(self) -> dict:
        return {"ok": False, "error": self.code, "message": str(self.message)}


class ValidationError(DomainError):
    code = "invalid"
    default_message = _l("Die Eingabe ist ungültig.")


class NotFound(DomainError):
    code = "not_found"
    http_status = 404
    default_message = _l("Nicht gefunden.")


class Forbidden(DomainError):
    code = "forbidden"
    http_status = 403
    default_message = _l("Dafür fehlt Ihnen die Berechtigung.")


class Conflict(DomainError):
    code = "conflict"
    http_status = 409
    default_message = _l("Das hat sich inzwischen geändert. Bitte laden Sie die Seite neu.")


def register_error_pages(app):
    def page(status, template):
        def handler(error):
            message = _l("Die Eingabe ist zu groß.") if status == 413 else None
            return render_template(f"errors/{template}.html", status=status,
                                   message=message), status
        return handler

    for status in (400, 403, 404, 405, 413, 429, 500):
        template = status if status in (403, 404, 500) else 400
        app.register_error_handler(status, page(status, template))

    @app.errorhandler(DomainError)
    def domain_error(error: DomainError):
        if request.accept_mimetypes.best == "application/json" or request.is_json:
            return error.to_ack(), error.http_status
        status = error.http_status if error.http_status in (400, 403, 404) else 400
        return render_template(f"errors/{status}.html", message=error.message), status
