"""Integrity's answers to the live core's signals: the join guard (the cap and the entry
ticket, used once) and "dots count only with an entry ticket"."""
from ..voting import signals as voting_signals
from ..workshops import signals as workshop_signals
from . import services


def on_join_checking(workshop, ticket=None, device=None, **_):
    """Before a new participant: raises when the session is full or the ticket is wrong;
    returns the ticket to use (or None)."""
    return services.check_admission(workshop, ticket, device)


def on_participant_admitted(participant, checks=(), **_):
    for receiver, ticket in checks:
        if receiver is on_join_checking:
            services.admit(ticket, participant)


def on_dot_checking(workshop, participant, **_):
    services.require_ticket_for_dot(workshop, participant)


def connect() -> None:
    """Called by integrity.init_app (connecting twice is harmless)."""
    workshop_signals.join_checking.connect(on_join_checking)
    workshop_signals.participant_admitted.connect(on_participant_admitted)
    voting_signals.dot_checking.connect(on_dot_checking)
