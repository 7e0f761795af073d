"""One audience's tally stream (voting/tally.py): what its sockets were sent last, and
their frame numbers."""


class Stream:
    """One audience's tally stream: what it was sent last, and its frame numbers."""
    __slots__ = ("counts", "participants", "seq", "last", "pending")

    def __init__(self, counts, participants):
        # counts: what its sockets know (None: nothing; the next frame sends every count).
        self.counts, self.participants = dict(counts), participants
        self.seq, self.last, self.pending = 0, 0.0, False

    def payload(self, counts: dict, participants, hidden: bool = False) -> dict | None:
        """The next frame (only what changed since this stream's last), or None. `hidden`:
        no counts, and the next frame with counts carries all of them (`counts` None)."""
        if hidden:
            self.counts = None
            if participants == self.participants:
                return None
            self.participants = participants
            self.seq += 1
            return {"seq": self.seq, "participants": participants}
        changed = dict(counts) if self.counts is None else changed_counts(self.counts, counts)
        # An idea that left the wall (hidden, merged) is dropped by its own event.
        self.counts = counts
        if not changed and participants == self.participants:
            return None
        self.participants = participants
        self.seq += 1
        return {"seq": self.seq, "counts": changed, "participants": participants}


def changed_counts(sent: dict, counts: dict) -> dict:
    return {key: value for key, value in counts.items() if sent.get(key, 0) != value}
