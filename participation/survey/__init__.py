"""What keeps people here: an anonymous questionnaire online, on phones and on paper."""


def init_app(app):
    from . import routes, views  # at init: importing the package must not load its routes
    app.register_blueprint(routes.bp)
    app.config["PROFILE_SECTIONS"].append("survey/_profile_section.html")
    app.config["KICKOFF_SECTIONS"].append("survey/_kickoff_section.html")
    app.add_template_global(views.survey_overview, "survey_overview")
