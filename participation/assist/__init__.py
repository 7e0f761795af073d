"""People without a phone: the helper page (paper cards typed in, channel "assisted") and
the shared tablet in the hall (kiosk, channel "kiosk")."""


def init_app(app):
    # Imported at init: the blueprints and the receiver of the phone page's config signal.
    from . import receivers, routes, translation_routes
    receivers.connect()
    app.config.setdefault("KIOSK_IDLE_SECONDS", 180)
    app.config.setdefault("KIOSK_WARN_SECONDS", 30)
    app.register_blueprint(routes.bp)
    app.jinja_env.globals["translation_queue_for"] = translation_routes.queue_view
