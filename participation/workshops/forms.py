"""Forms: a facilitator sets a session up; a resident joins one."""
from flask import request
from flask_babel import lazy_gettext as _l
from flask_babel import to_user_timezone, to_utc
from flask_wtf import FlaskForm
from wtforms import (BooleanField, DateTimeLocalField, IntegerField, RadioField, SelectField,
                     StringField, TextAreaField)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from . import join_bands
from ..age_bands import AGE_BAND_LABELS, AGE_BANDS, NO_ANSWER
from .language_forms import SessionLanguagesMixin
from .models import Channel, ModerationMode
from .services import DEFAULT_QUESTIONS, MAX_DOTS


class WorkshopForm(SessionLanguagesMixin, FlaskForm):
    title = StringField(_l("Titel"), validators=[DataRequired(), Length(max=160)])
    theme = StringField(_l("Thema"), validators=[Optional(), Length(max=200)])
    question_kritik = TextAreaField(_l("Frage in der Kritikphase"),
                                    validators=[Optional(), Length(max=300)],
                                    default=DEFAULT_QUESTIONS["kritik"])
    question_utopie = TextAreaField(_l("Frage in der Utopiephase"),
                                    validators=[Optional(), Length(max=300)],
                                    default=DEFAULT_QUESTIONS["utopie"])
    question_verwirklichung = TextAreaField(_l("Frage in der Verwirklichungsphase"),
                                            validators=[Optional(), Length(max=300)],
                                            default=DEFAULT_QUESTIONS["verwirklichung"])
    dots_per_participant = IntegerField(_l("Punkte pro Person und Phase"), default=5,
                                        validators=[DataRequired(), NumberRange(1, MAX_DOTS)])
    max_dots_per_idea = IntegerField(_l("Höchstens Punkte pro Person auf einer Idee"), default=3,
                                     validators=[DataRequired(), NumberRange(1, MAX_DOTS)])
    max_participants = IntegerField(_l("Höchstens so viele Teilnehmende (leer: ohne Grenze)"),
                                    validators=[Optional(), NumberRange(1, 100000)])
    ask_age_band = BooleanField(_l("Nach der Altersgruppe fragen (freiwillig)"), default=True)
    ask_migration_background = BooleanField(
        _l("Nach einer Migrationsgeschichte fragen (freiwillig)"), default=False)
    show_representation_on_projector = BooleanField(
        _l("Auf dem Projektor zeigen, wer teilnimmt, im Vergleich zur Einwohnerschaft"),
        default=False)
    moderation_mode = RadioField(_l("Moderation"), default=ModerationMode.POST.value, choices=[
        (ModerationMode.POST.value, _l("Ideen erscheinen sofort, die Moderation kann sie ausblenden")),
        (ModerationMode.PRE.value, _l("Ideen erscheinen erst nach Freigabe durch die Moderation")),
    ])

    # The online window, in the app's time zone on the page, stored as UTC.
    online_ideas_from = DateTimeLocalField(_l("Ideen online ab"), format="%Y-%m-%dT%H:%M",
                                           validators=[Optional()])
    online_ideas_until = DateTimeLocalField(_l("Ideen online bis"), format="%Y-%m-%dT%H:%M",
                                            validators=[Optional()])
    online_dots_from = DateTimeLocalField(_l("Punkte online ab"), format="%Y-%m-%dT%H:%M",
                                          validators=[Optional()])
    online_dots_until = DateTimeLocalField(_l("Punkte online bis"), format="%Y-%m-%dT%H:%M",
                                           validators=[Optional()])
    ONLINE_FIELDS = ("online_ideas_from", "online_ideas_until", "online_dots_from",
                     "online_dots_until")

    def show_local_times(self, workshop) -> None:
        """The stored UTC times, shown in the app's time zone."""
        for name in self.ONLINE_FIELDS:
            value = getattr(workshop, name)
            getattr(self, name).data = (to_user_timezone(value).replace(tzinfo=None)
                                        if value else None)

    def _check_window(self, start, end):
        if start.data and end.data and end.data <= start.data:
            raise ValidationError(_l("Das Ende muss nach dem Beginn liegen."))

    def validate_online_ideas_until(self, field):
        self._check_window(self.online_ideas_from, field)

    def validate_online_dots_until(self, field):
        self._check_window(self.online_dots_from, field)

    def validate_max_dots_per_idea(self, field):
        if self.dots_per_participant.data and field.data and field.data > self.dots_per_participant.data:
            raise ValidationError(_l("Höchstens so viele wie Punkte pro Person."))

    def settings(self) -> dict:
        return {name: getattr(self, name).data for name in (
            "title", "theme", "question_kritik", "question_utopie", "question_verwirklichung",
            "dots_per_participant", "max_dots_per_idea", "ask_age_band",
            "ask_migration_background", "moderation_mode", "max_participants",
            "show_representation_on_projector")} | {
            name: (to_utc(getattr(self, name).data) if getattr(self, name).data else None)
            for name in self.ONLINE_FIELDS}


class JoinForm(FlaskForm):
    """Only the fields the session asks for are shown and read (see `for_workshop`).
    No nickname: nothing ever showed it, so asking for one only collected data."""
    # The choices are the municipality's bands (join_bands.py), set in for_workshop.
    age_band = SelectField(_l("Ihr Alter (freiwillig)"), default=NO_ANSWER,
                           choices=[(NO_ANSWER, AGE_BAND_LABELS[NO_ANSWER])]
                           + [(band, AGE_BAND_LABELS[band]) for band in AGE_BANDS])
    channel = RadioField(_l("Wo sind Sie?"), default=Channel.ONSITE.value, choices=[
        (Channel.ONSITE.value, _l("Hier im Saal")),
        (Channel.ONLINE.value, _l("Von zu Hause")),
    ])
    migration_background = RadioField(
        _l("Haben Sie oder Ihre Eltern eine Migrationsgeschichte? (freiwillig)"),
        default="none", choices=[("yes", _l("Ja")), ("no", _l("Nein")),
                                 ("none", _l("keine Angabe"))])

    ticket = StringField(_l("Code Ihrer Eintrittskarte"), validators=[Optional(), Length(max=20)])

    @classmethod
    def for_workshop(cls, workshop, **kwargs):
        form = cls(**kwargs)
        if not workshop.tickets_required:
            del form.ticket
        elif not form.ticket.data:
            form.ticket.data = request.args.get("karte", "")
        if not workshop.ask_age_band:
            del form.age_band
        else:
            form.age_band.choices = join_bands.choices(workshop)
        if not workshop.ask_migration_background:
            del form.migration_background
        return form

    def answers(self) -> dict:
        def value(name):
            field = getattr(self, name, None)
            return field.data if field is not None else None
        return {"age_band": value("age_band"),
                "channel": self.channel.data, "migration_background": value("migration_background")}
