"""Forms of the municipality pages: master data, Kommunalprofil, stages, themes."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, SelectMultipleField, widgets, DateField, DecimalField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp, ValidationError

from ..age_bands import AGE_BANDS
from .band_scheme import OPTIONAL_STARTS
from .band_scheme import label as band_label
from .choices import FEDERAL_STATES, KIND_LABELS, STATUS_LABELS, SWOT_SINGULAR

MAX_POPULATION = 10_000_000


class MunicipalityForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=160)])
    kind = SelectField(_l("Art"), choices=list(KIND_LABELS.items()))
    federal_state = SelectField(_l("Bundesland"), choices=[(s, s) for s in FEDERAL_STATES])
    population = IntegerField(_l("Einwohnerzahl"),
                              validators=[DataRequired(), NumberRange(min=1, max=MAX_POPULATION)])
    accent_color = StringField(
        _l("Akzentfarbe"), default="#1d5b8f",
        validators=[DataRequired(), Regexp(r"^#[0-9a-fA-F]{6}$",
                                           message=_l("Bitte eine Farbe wie #1d5b8f angeben."))])


def _band_field_name(position: int) -> str:
    return f"band_{position}"


class AgeStructureForm(FlaskForm):
    """One number field per age band of the municipality, plus the share with a migration
    background. Build it with age_structure_form(bands)."""

    bands: tuple[str, ...] = AGE_BANDS
    migration_share = DecimalField(
        _l("Anteil mit Migrationshintergrund (Prozent)"), places=1,
        validators=[Optional(), NumberRange(min=0, max=100)])

    def band_fields(self):
        return [(band, self[_band_field_name(i)]) for i, band in enumerate(self.bands)]

    def counts(self) -> dict[str, int]:
        return {band: field.data for band, field in self.band_fields()}


def age_structure_form(bands=AGE_BANDS, **kwargs) -> AgeStructureForm:
    fields = {_band_field_name(i): IntegerField(
        band_label(band), validators=[InputRequired(message=_l("Bitte eine Zahl angeben (auch 0).")),
                                      NumberRange(min=0, max=MAX_POPULATION)])
        for i, band in enumerate(bands)}
    form_class = type("BandsAgeStructureForm", (AgeStructureForm,),
                      {"bands": tuple(bands), **fields})
    return form_class(**kwargs)


class BandSchemeForm(FlaskForm):
    """Which standard band limits the municipality keeps (the others merge neighbours)."""

    starts = SelectMultipleField(_l("Altersgruppen beginnen bei"), coerce=int,
                                 choices=[(s, _l("%(n)s Jahren", n=s)) for s in OPTIONAL_STARTS],
                                 option_widget=widgets.CheckboxInput(),
                                 widget=widgets.ListWidget(prefix_label=False))


class CsvImportForm(FlaskForm):
    file = FileField(_l("CSV-Datei"), validators=[FileRequired(_l("Bitte wählen Sie eine Datei."))])
    projection = BooleanField(_l("Die Datei ist eine Vorausberechnung (zum Beispiel die "
                                 "Bevölkerungsvorausberechnung des Landes)"))


class IndicatorForm(FlaskForm):
    name = StringField(_l("Kennzahl"), validators=[DataRequired(), Length(max=160)])
    value = StringField(_l("Wert"), validators=[DataRequired(), Length(max=60)])
    unit = StringField(_l("Einheit"), validators=[Optional(), Length(max=30)])
    year = IntegerField(_l("Jahr"), validators=[Optional(), NumberRange(min=1900, max=2100)])
    source = StringField(_l("Quelle"), validators=[Optional(), Length(max=200)])


class MeasureForm(FlaskForm):
    title = StringField(_l("Maßnahme"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(_l("Beschreibung"), validators=[Optional(), Length(max=2000)])


class SwotForm(FlaskForm):
    kind = SelectField(_l("Art"), choices=list(SWOT_SINGULAR.items()))
    text = StringField(_l("Eintrag"), validators=[DataRequired(), Length(max=500)])


class ThemeForm(FlaskForm):
    name = StringField(_l("Thema"), validators=[DataRequired(), Length(max=120)])
    reason = TextAreaField(_l("Warum dieses Thema? (Begründung)"),
                           validators=[Optional(), Length(max=1000)])


class MemberForm(FlaskForm):
    user_id = SelectField(_l("Person"), coerce=int, validate_choice=True)


class StageForm(FlaskForm):
    status = SelectField(_l("Stand"), choices=list(STATUS_LABELS.items()))
    starts_on = DateField(_l("Beginn"), validators=[Optional()])
    ends_on = DateField(_l("Ende"), validators=[Optional()])
    notes = TextAreaField(_l("Notizen"), validators=[Optional(), Length(max=5000)])
    manual = BooleanField(_l("Stand von Hand festlegen (auch gegen das, was in der App "
                             "geschehen ist)"))

    def validate_ends_on(self, field):
        if field.data and self.starts_on.data and field.data < self.starts_on.data:
            raise ValidationError(_l("Das Ende darf nicht vor dem Beginn liegen."))
