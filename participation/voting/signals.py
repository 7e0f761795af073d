"""What voting asks of the features above it.

dot_checking (sender: the workshop; participant): sent for every new dot, inside its
transaction, before the rules of budget and limit. A receiver raises a DomainError to
refuse the dot (integrity: "dots count only with an entry ticket")."""
from blinker import Namespace

_signals = Namespace()

dot_checking = _signals.signal("dot-checking")
