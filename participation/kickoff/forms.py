from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, Length, Optional

from .models import PersonKind


class PersonForm(FlaskForm):
    kind = HiddenField(validators=[AnyOf([k.value for k in PersonKind])])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    organisation = StringField(_l("Organisation"), validators=[Optional(), Length(max=160)])
    role = StringField(_l("Rolle im Prozess"), validators=[Optional(), Length(max=120)])
    contact = StringField(_l("Kontakt (E-Mail oder Telefon)"),
                          validators=[Optional(), Length(max=200)])
    consent = BooleanField(_l("Die Person ist einverstanden, dass ihre Kontaktdaten hier für "
                              "den Prozess gespeichert werden."))


class RecordForm(FlaskForm):
    agenda = TextAreaField(_l("Tagesordnung"), validators=[Optional(), Length(max=10000)])
    minutes = TextAreaField(_l("Protokoll"), validators=[Optional(), Length(max=50000)])
