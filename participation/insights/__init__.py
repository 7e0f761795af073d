"""Insights: similar ideas while typing, duplicate and theme suggestions for the
facilitator, word cloud data for the projector. See services.py for the integration
points (on_idea_created)."""


def init_app(app):
    from .routes import bp
    app.register_blueprint(bp)
