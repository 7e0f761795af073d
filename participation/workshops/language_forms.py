"""The set-up form's language part: the session's languages, each phase's question in each
of them, and the library of ready questions that fills them in (issue 14)."""
from flask_babel import lazy_gettext as _l
from wtforms import SelectField, SelectMultipleField, TextAreaField
from wtforms.validators import Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from ..i18n import LANGUAGES
from .session_languages import (LIBRARY_THEMES, MAX_QUESTION_LENGTH, PHASE_KEYS,
                                QUESTION_LANGUAGES, SOURCE_LANGUAGE, languages_of,
                                library_questions, missing_questions, question_in, questions_of)

PHASE_LABELS = {"kritik": _l("Kritik"), "utopie": _l("Utopie"),
                "verwirklichung": _l("Verwirklichung")}


def question_field_name(language: str, phase: str) -> str:
    return f"q_{language}_{phase}"


class SessionLanguagesMixin:
    """Mixed into WorkshopForm. German questions stay the form's `question_<phase>` fields."""

    languages = SelectMultipleField(
        _l("Sprachen dieser Sitzung (Deutsch ist immer dabei)"),
        choices=[(code, LANGUAGES[code]) for code in QUESTION_LANGUAGES],
        widget=ListWidget(prefix_label=False), option_widget=CheckboxInput(),
        validators=[Optional()], default=[])
    library_theme = SelectField(_l("Thema aus der Bibliothek"), default="allgemein",
                                choices=list(LIBRARY_THEMES.items()), validators=[Optional()])

    def question_fields(self, language: str) -> list:
        return [self[question_field_name(language, phase)] for phase in PHASE_KEYS]

    def language_settings(self) -> dict:
        return {"languages": list(self.languages.data or []),
                "questions": {code: {phase: self[question_field_name(code, phase)].data or ""
                                     for phase in PHASE_KEYS}
                              for code in QUESTION_LANGUAGES}}

    def show_languages(self, workshop) -> None:
        """Fill the language part from the stored session."""
        self.languages.data = languages_of(workshop.id)
        stored = questions_of(workshop)
        for code in QUESTION_LANGUAGES:
            for phase in PHASE_KEYS:
                self[question_field_name(code, phase)].data = stored.get(code, {}).get(phase, "")

    def fill_from_library(self) -> None:
        """Put the chosen theme's questions into German and every picked language."""
        questions = library_questions(self.library_theme.data)
        for phase in PHASE_KEYS:
            self[f"question_{phase}"].data = questions[SOURCE_LANGUAGE][phase]
        for code in self.languages.data or []:
            for phase in PHASE_KEYS:
                self[question_field_name(code, phase)].data = questions[code][phase]


for _code in QUESTION_LANGUAGES:
    for _phase in PHASE_KEYS:
        setattr(SessionLanguagesMixin, question_field_name(_code, _phase), TextAreaField(
            PHASE_LABELS[_phase], validators=[Optional(), Length(max=MAX_QUESTION_LENGTH)]))


def init_templates(app) -> None:
    """Names the set-up form, the console and the list use for languages and phases."""
    app.jinja_env.globals.update(languages_all=LANGUAGES, phase_labels=PHASE_LABELS,
                                 missing_questions_for=missing_questions, question_in=question_in)
