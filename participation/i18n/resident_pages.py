"""Which pages are resident pages (shown in every resident language; staff pages are German
or English only). Resident strings must also be in babel-resident.cfg's file set."""
from flask import current_app, request

# Endpoints residents see. Views elsewhere can instead use the @resident_page decorator.
RESIDENT_ENDPOINTS = {
    "pages.index", "pages.help", "pages.privacy", "pages.accessibility", "prefs.display",
    "workshops.join_redirect", "workshops.join", "workshops.live", "results.public",
    "assist.kiosk_start", "assist.kiosk_next",
}
# Blueprints whose every page is for residents.
RESIDENT_BLUEPRINTS: set[str] = set()


def resident_page(view):
    """Mark a view as resident-facing: it may be shown in every resident language."""
    view.resident_page = True
    return view


def is_resident_request() -> bool:
    """True on resident pages, error pages and socket events (residents' acks)."""
    if getattr(request, "namespace", None):  # a Socket.IO event
        return True
    endpoint = request.endpoint
    if endpoint is None:  # 404 and other error pages
        return True
    if endpoint in RESIDENT_ENDPOINTS or request.blueprint in RESIDENT_BLUEPRINTS:
        return True
    view = current_app.view_functions.get(endpoint)
    return bool(getattr(view, "resident_page", False))
