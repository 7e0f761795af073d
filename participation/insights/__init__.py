"""Insights: similar ideas while typing, duplicate and theme suggestions for the
facilitator, word cloud data for the projector. Each idea's embedding is computed when it
arrives, through the ideas signals (receivers.py)."""


def init_app(app):
    # Imported at init: the blueprint and the embedder's helpers load with the app.
    from . import receivers, similarity
    from .routes import bp  # at init, as above
    from .translations import translation_texts  # at init, as above
    app.register_blueprint(bp)
    similarity.set_extra_texts(translation_texts)
    receivers.connect()
