"""Documentation of the process for the Werkstattplan: photos of the workshops' paper walls,
and the whole plan document gathered from every stage."""


def init_app(app):
    from . import routes  # at init: importing the package must not load its routes
    app.register_blueprint(routes.bp)
