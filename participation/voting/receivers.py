"""Voting's answers to the signals of the layers below it (workshops, ideas): the tally
after a join and when the counts are hidden or shown, the snapshot's voting part, and the
dots moved by moderation."""
from .. import live
from ..ideas import signals as idea_signals
from ..workshops import signals as workshop_signals
from . import moderation, queries, tally
from .rules import me_dict


def on_participant_joined(workshop_id, **_):
    tally.mark_dirty(workshop_id, joined=True)


def on_counts_visibility(workshop_id, hidden=False, **_):
    tally.set_hidden(workshop_id, hidden)  # showing them again sends the full counts


def on_client_connecting(client, **_):
    tally.ensure_ticker(client.workshop_id)  # baseline before the snapshot


def on_snapshot(workshop, role, participant_id=None, sid=None, **_):
    part = {"participants": tally.cached_participants(workshop.id),
            "tally_seq": tally.current_seq(workshop.id, role, sid)}
    if role == live.ROLE_PARTICIPANT:
        part["me"] = me_dict(workshop, participant_id)
    return part


def on_idea_became_visible(idea, workshop, **_):
    moderation.trim_to_budget(workshop, idea.id)


def on_idea_status_changed(idea, workshop, **_):
    moderation.notify_participants(workshop, queries.owners_of(idea.id))


def on_ideas_merging(workshop, keep, merged_ids, tag, **_):
    return moderation.merge_dots(workshop, keep, merged_ids, tag)


def on_merge_undoing(workshop, moved, **_):
    return {"participants": moderation.unmerge_dots(moved)}


def on_dots_moved(workshop, participant_ids, **_):
    moderation.notify_participants(workshop, participant_ids)


def connect() -> None:
    """Called by voting.init_app (connecting twice is harmless)."""
    workshop_signals.participant_joined.connect(on_participant_joined)
    workshop_signals.client_connecting.connect(on_client_connecting)
    workshop_signals.counts_visibility.connect(on_counts_visibility)
    workshop_signals.snapshot_requested.connect(on_snapshot)
    idea_signals.idea_became_visible.connect(on_idea_became_visible)
    idea_signals.idea_status_changed.connect(on_idea_status_changed)
    idea_signals.ideas_merging.connect(on_ideas_merging)
    idea_signals.merge_undoing.connect(on_merge_undoing)
    idea_signals.dots_moved.connect(on_dots_moved)
