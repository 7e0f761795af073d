"""The questionnaire "what keeps you here": three questions with one list of factors, and a
free text about what is typical of the place. Short on purpose: it must fit a phone and
one sheet of paper."""
from flask_babel import lazy_gettext as _l

FACTORS = {
    "family": _l("Familie und Freunde"),
    "community": _l("Nachbarschaft und Vereine"),
    "nature": _l("Natur und Landschaft"),
    "housing": _l("Bezahlbares Wohnen"),
    "work": _l("Arbeit und Ausbildung"),
    "childcare": _l("Kita und Schule"),
    "health": _l("Ärzte und Pflege"),
    "mobility": _l("Bus, Bahn und Wege"),
    "shops": _l("Einkaufen und Dienstleistungen"),
    "internet": _l("Schnelles Internet"),
    "culture": _l("Kultur, Feste und Freizeit"),
    "safety": _l("Sicherheit und Ruhe"),
}

# (field, question, hint) in the order of the form.
QUESTIONS = (
    ("keeps", _l("Was hält Sie hier?"), _l("Kreuzen Sie alles an, was passt.")),
    ("would_leave", _l("Was würde Sie zum Wegziehen bringen, wenn es fehlt oder schlechter wird?"),
     _l("Kreuzen Sie alles an, was passt.")),
    ("would_come", _l("Was würde andere Menschen hierher ziehen lassen?"),
     _l("Kreuzen Sie alles an, was passt.")),
)
TYPICAL_QUESTION = _l("Was ist typisch für unseren Ort?")
MAX_TYPICAL = 500
