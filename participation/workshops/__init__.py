"""Live sessions: set-up, join by code and QR, residents, the session's socket handlers.
The lowest layer of the live core: the features above react through workshops.signals."""


def init_app(app):
    # Imported at init, not at module level: importing the package (for its models) must
    # not load routes and handlers. events collects the socket handlers.
    from . import events, routes  # noqa: F401
    app.register_blueprint(routes.bp)
    from .language_forms import init_templates  # at init, with the blueprint
    init_templates(app)
