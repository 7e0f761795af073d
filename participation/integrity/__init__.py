"""One person, one voice (issue 13): entry tickets for a verified session, the join guard
(throttle per address, cap per session, rejoin of the same browser) and the facilitator's
join figures with the stuffing alert."""


def init_app(app):
    # Imported at init: routes register on the app; receivers answer the live core's signals.
    from . import activity, receivers, routes
    activity.install()
    receivers.connect()
    app.register_blueprint(routes.bp)
