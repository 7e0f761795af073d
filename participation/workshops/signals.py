"""What the session (the lowest layer of the live core) tells the features above it.

Workshops never import ideas, voting or the features above them. They send these blinker
signals instead; each upper feature connects its receivers in its `receivers.py` at
`init_app`. Signals whose receivers return a dict (`*_requested`) build one payload from
parts: every receiver adds its own keys (docs/architecture.md)."""
from blinker import Namespace

_signals = Namespace()

# A resident joined (sender: the workshop id). Voting re-reads the participant counts.
participant_joined = _signals.signal("participant-joined")

# A socket is about to get its snapshot (sender: the LiveClient). Receivers join their
# rooms and start what must run before the snapshot is read (the tally ticker's baseline).
client_connecting = _signals.signal("client-connecting")

# The session:snapshot (sender: the workshop; role, participant_id, sid): receivers return
# a dict with their part ("ideas", "clusters", "starting_points", "me", "participants",
# "tally_seq", "representation").
snapshot_requested = _signals.signal("snapshot-requested")

# Whether the dot counts are hidden from phones and projectors (flow.counts_hidden), sent
# with every session:updated (sender: the workshop id; hidden). Voting's ticker keeps the
# flag, so it needs no query per tick, and sends the full counts when hiding ends.
counts_visibility = _signals.signal("counts-visibility")

# The payload of session:updated (sender: the workshop): receivers return their part
# ("starting_points" from ideas).
session_update_requested = _signals.signal("session-update-requested")

# Join page hooks. join_checking (sender: the workshop; ticket, device) runs before a new
# participant is created: receivers raise a DomainError to refuse, or return a token that
# participant_admitted (sender: the participant; tokens) gets back after the join.
join_checking = _signals.signal("join-checking")
participant_admitted = _signals.signal("participant-admitted")

# The resident pages (sender: the workshop; participant or None). join_page_links:
# extra links for the "closed" page ({"results_url": ...}); live_page_config: extra keys
# of the phone page's live config (the hall's shared tablet).
closed_page_requested = _signals.signal("closed-page-requested")
live_page_config_requested = _signals.signal("live-page-config-requested")


def collect(signal, sender, **kwargs) -> dict:
    """Send `signal` and merge the dicts its receivers returned (None is no part)."""
    parts = {}
    for _receiver, part in signal.send(sender, **kwargs):
        if part:
            parts.update(part)
    return parts
