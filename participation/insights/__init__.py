"""Insights: similar ideas while typing, duplicate and theme suggestions for the
facilitator, word cloud data for the projector. See services.py for the integration
points (on_idea_created)."""


def init_app(app):
    from . import similarity
    from .routes import bp
    from .translations import translation_texts
    app.register_blueprint(bp)
    similarity.set_extra_texts(translation_texts)
