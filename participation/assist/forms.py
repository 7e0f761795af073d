"""Forms of the helper page and the kiosk start page (plain HTML forms, no JS needed)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, IntegerField, SelectField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, Length, Optional, Regexp

from ..age_bands import AGE_BAND_LABELS, AGE_BANDS, NO_ANSWER
from ..i18n import LANGUAGES
from ..ideas.models import MAX_IDEA_LENGTH
from ..workshops import join_bands, session_languages

CLIENT_ID = Regexp(r"^[A-Za-z0-9_-]{8,64}$")


class NewCardForm(FlaskForm):
    """Build it with for_workshop: the card's age boxes are the municipality's bands."""
    age_band = SelectField(_l("Alter laut Karte (freiwillig)"), default=NO_ANSWER,
                           choices=[(NO_ANSWER, AGE_BAND_LABELS[NO_ANSWER])]
                           + [(band, AGE_BAND_LABELS[band]) for band in AGE_BANDS])

    @classmethod
    def for_workshop(cls, workshop, **kwargs):
        form = cls(**kwargs)
        form.age_band.choices = join_bands.choices(workshop)
        return form


PHASE_CHOICES = [("kritik", _l("Kritik")), ("utopie", _l("Utopie")),
                 ("verwirklichung", _l("Verwirklichung"))]


class CardIdeaForm(FlaskForm):
    card = IntegerField(validators=[DataRequired()])
    # Paper cards arrive late: the helper picks the phase the card was written in.
    phase = SelectField(_l("Phase der Karte"), choices=PHASE_CHOICES, validators=[Optional()])
    client_id = HiddenField(validators=[DataRequired(), CLIENT_ID])
    # The language the card is written in (issue 14); German when the form does not say.
    written_in = SelectField(_l("Geschrieben auf"), default="de", validate_choice=False,
                             validators=[AnyOf(list(LANGUAGES), message=_l(
                                 "Bitte wählen Sie aus der Liste, in welcher Sprache die Karte "
                                 "geschrieben ist. Es ist nichts gespeichert."))])
    text = TextAreaField(_l("Idee von der Karte"),
                         validators=[DataRequired(_l("Bitte schreiben Sie die Idee von der Karte ab.")),
                                     Length(max=MAX_IDEA_LENGTH)])

    @classmethod
    def for_workshop(cls, workshop, **kwargs):
        """The session's languages first (German, then what the facilitator offers), then
        the other languages residents may write in."""
        form = cls(**kwargs)
        offered = [session_languages.SOURCE_LANGUAGE, *session_languages.languages_of(workshop.id)]
        others = [code for code in LANGUAGES if code not in offered]
        form.written_in.choices = {
            _l("Sprachen dieser Sitzung"): [(code, LANGUAGES[code]) for code in offered]}
        if others:
            form.written_in.choices[_l("Weitere Sprachen")] = [(code, LANGUAGES[code])
                                                               for code in others]
        return form


class CardDotForm(FlaskForm):
    card = IntegerField(validators=[DataRequired()])
    client_id = HiddenField(validators=[DataRequired(), CLIENT_ID])
    idea = IntegerField(validators=[DataRequired()])
    change = HiddenField(validators=[Optional()])  # "add" or "remove"


class HelperSettingsForm(FlaskForm):
    cards_while_locked = BooleanField(
        _l("Karten auch eintragen lassen, wenn die Sammlung am Handy gesperrt ist"))
