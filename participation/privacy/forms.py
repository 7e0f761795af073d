from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, PasswordField
from wtforms.validators import DataRequired, Length


class EraseParticipantsForm(FlaskForm):
    confirm = BooleanField(_l("Ja, die Teilnahmedaten dieser Veranstaltung endgültig löschen"),
                           validators=[DataRequired(_l("Bitte bestätigen Sie das Löschen."))])
    next = HiddenField()


class DeleteAccountForm(FlaskForm):
    password = PasswordField(_l("Ihr Passwort zur Bestätigung"),
                             validators=[DataRequired(_l("Bitte geben Sie Ihr Passwort ein.")),
                                         Length(max=200)])
    confirm = BooleanField(_l("Ja, mein Konto endgültig löschen"),
                           validators=[DataRequired(_l("Bitte bestätigen Sie das Löschen."))])
