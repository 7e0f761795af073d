"""The external advisor's overview across the municipalities assigned to them."""


def init_app(app):
    from . import routes  # at init: importing the package must not load its routes
    app.register_blueprint(routes.bp)
