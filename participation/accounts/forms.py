from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional

from .models import Role

ROLE_CHOICES = [
    (Role.FACILITATOR.value, _l("Moderation (Beratung)")),
    (Role.STAFF.value, _l("Verwaltung der Kommune")),
    (Role.ADVISOR.value, _l("Externe Beratung (begleitet mehrere Kommunen)")),
    (Role.ADMIN.value, _l("Administration")),
]


class LoginForm(FlaskForm):
    email = EmailField(_l("E-Mail-Adresse"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Passwort"), validators=[DataRequired(), Length(max=200)])


class UserForm(FlaskForm):
    email = EmailField(_l("E-Mail-Adresse"), validators=[DataRequired(), Email(), Length(max=254)])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    role = SelectField(_l("Rolle"), choices=ROLE_CHOICES)
    municipalities = SelectMultipleField(_l("Kommunen"), coerce=int, validate_choice=True)
    password = PasswordField(_l("Passwort (mindestens 10 Zeichen)"), validators=[Optional(), Length(max=200)])
    active = BooleanField(_l("Konto aktiv"), default=True)
