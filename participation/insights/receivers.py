"""Insights' answers to the ideas signals: each idea's embedding is computed once, when
it arrives and when its text is corrected (services.prepare_idea)."""
from ..ideas import signals as idea_signals
from . import services


def on_idea_submitting(idea, **_):
    services.prepare_idea(idea)  # similar ideas, duplicates


def on_idea_text_changing(idea, **_):
    services.on_idea_text_changed(idea)  # the embedding follows the corrected text


def connect() -> None:
    """Called by insights.init_app (connecting twice is harmless)."""
    idea_signals.idea_submitting.connect(on_idea_submitting)
    idea_signals.idea_text_changing.connect(on_idea_text_changing)
