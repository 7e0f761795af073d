"""Forms of the Werkstattplan, the Zwischenbilanz and the promotion from results."""
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (BooleanField, DateField, IntegerField, SelectField, SelectMultipleField,
                     StringField, TextAreaField, widgets)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from ..age_bands import AGE_BANDS, AGE_BAND_LABELS
from ..municipalities.band_scheme import label
from .services import PRIORITY_LABELS, STATUS_LABELS


class CheckboxList(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


def status_choices():
    return [(key, label) for key, label in STATUS_LABELS.items()]


class MeasureForm(FlaskForm):
    title = StringField(_l("Titel"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(_l("Beschreibung"), validators=[Length(max=5000)])
    field_of_action_id = SelectField(_l("Handlungsfeld"), coerce=int)
    goal = TextAreaField(_l("Ziel"), validators=[Length(max=2000)])
    target_age_bands = CheckboxList(_l("Zielgruppe: Altersgruppen"),
                                    choices=[(b, AGE_BAND_LABELS[b]) for b in AGE_BANDS])
    target_migration_background = BooleanField(_l("Zielgruppe: Menschen mit Migrationsgeschichte"))
    target_other = StringField(_l("Weitere Zielgruppen"), validators=[Length(max=300)])
    responsible = StringField(_l("Verantwortlich"), validators=[Length(max=200)])
    partners = StringField(_l("Partner"), validators=[Length(max=500)])
    starts_on = DateField(_l("Beginn"), validators=[Optional()])
    ends_on = DateField(_l("Ende"), validators=[Optional()])
    budget = StringField(_l("Budget und Ressourcen"), validators=[Length(max=300)])
    success_indicator = StringField(_l("Woran wir den Erfolg erkennen"),
                                    validators=[Length(max=500)])
    priority = SelectField(_l("Priorität"), choices=list(PRIORITY_LABELS.items()))
    status = SelectField(_l("Status"), choices=status_choices())
    published = BooleanField(_l("In der Bibliothek und auf der öffentlichen Ergebnisseite zeigen"))

    def fill_bands(self, municipality, stored=()) -> None:
        """The municipality's own bands (and a band stored before it changed them)."""
        bands = list(municipality.band_groups()) + [b for b in stored
                                                    if b not in municipality.band_groups()]
        self.target_age_bands.choices = [(b, label(b)) for b in bands]

    def fill_fields(self, fields):
        self.field_of_action_id.choices = [(0, _l("– noch offen –"))] + [(f.id, f.name) for f in fields]

    def to_data(self) -> dict:
        return {name: getattr(self, name).data for name in (
            "title", "description", "field_of_action_id", "goal", "target_age_bands",
            "target_migration_background", "target_other", "responsible", "partners",
            "starts_on", "ends_on", "budget", "success_indicator", "priority", "status",
            "published")}


class ProgressForm(FlaskForm):
    entry_date = DateField(_l("Datum"), validators=[InputRequired()], default=date.today)
    status = SelectField(_l("Status"), choices=status_choices())
    percent_done = IntegerField(_l("Fortschritt in Prozent"),
                                validators=[InputRequired(), NumberRange(min=0, max=100)])
    helped = TextAreaField(_l("Was hat geholfen?"), validators=[Length(max=2000)])
    hindered = TextAreaField(_l("Was hat behindert?"), validators=[Length(max=2000)])
    next_step = TextAreaField(_l("Nächster Schritt"), validators=[Length(max=2000)])

    def to_data(self) -> dict:
        return {name: getattr(self, name).data for name in (
            "entry_date", "status", "percent_done", "helped", "hindered", "next_step")}


class PromoteForm(FlaskForm):
    idea_ids = SelectMultipleField(_l("Ideen"), coerce=int, validate_choice=False)
    cluster_ids = SelectMultipleField(_l("Gruppen"), coerce=int, validate_choice=False)
    combine = BooleanField(_l("Alle ausgewählten in eine gemeinsame Maßnahme übernehmen"))


class FieldOfActionForm(FlaskForm):
    name = StringField(_l("Neues Handlungsfeld"), validators=[DataRequired(), Length(max=120)])


class EmptyForm(FlaskForm):
    """Only the CSRF token: for buttons that post a single action."""
