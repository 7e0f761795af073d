"""The Kick-Off: steering group, stakeholders, agenda and minutes (themes live with the
municipality, their reasons too)."""


def init_app(app):
    from . import routes, services  # at init: importing the package must not load its routes
    app.register_blueprint(routes.bp)
    app.config["KICKOFF_SECTIONS"].append("kickoff/_sections.html")
    app.add_template_global(services.kickoff_view, "kickoff_view")
