"""What the ideas feature tells the features above it (voting, insights, ...).

Ideas never import voting or insights. Receivers are connected in each upper feature's
`receivers.py` at init_app (docs/architecture.md). Signals sent "in the transaction" run
before the commit, so their receivers' writes commit with the idea's change."""
from blinker import Namespace

from ..workshops.signals import collect  # noqa: F401  (the same helper for both)

_signals = Namespace()

# In the transaction, before a new idea is stored (sender: the idea). Insights computes
# its embedding.
idea_submitting = _signals.signal("idea-submitting")

# In the transaction, before a corrected text is stored (sender: the idea). Insights
# recomputes the embedding.
idea_text_changing = _signals.signal("idea-text-changing")

# In the transaction, a hidden or pending idea became visible (sender: the idea;
# workshop). Voting takes back dots above a participant's budget.
idea_became_visible = _signals.signal("idea-became-visible")

# After the commit, an idea's status changed (sender: the idea; workshop). Voting tells
# the owners of its dots their new budget.
idea_status_changed = _signals.signal("idea-status-changed")

# In the transaction, ideas are being merged (sender: the workshop; keep, merged_ids, tag).
# Voting moves the dots and returns {"moved", "refunded", "participants"}.
ideas_merging = _signals.signal("ideas-merging")

# In the transaction, a merge is undone (sender: the workshop; moved). Voting moves the
# dots back and returns {"participants": [...]}.
merge_undoing = _signals.signal("merge-undoing")

# After the commit of a merge or its undo (sender: the workshop; participant_ids): voting
# sends `me:updated` to each participant whose dots moved or came back.
dots_moved = _signals.signal("dots-moved")

