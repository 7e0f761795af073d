"""The Kommunalprofil pages: view, age structure by hand or from CSV, the lists of items."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..accounts.permissions import Permission, can
from ..errors import DomainError
from . import profile_services, services
from .blueprint import bp
from .chart import age_structure_svg
from .csv_import import CsvImportError
from .series_chart import population_trend_svg
from .series_services import population_series, store_statistics
from .stats_import import MAX_STATS_BYTES, OWN_FORMAT, import_statistics
from .band_scheme import starts_of
from .band_services import set_band_scheme, supported_starts
from .forms import (BandSchemeForm, CsvImportForm, IndicatorForm, MeasureForm, SwotForm,
                    age_structure_form)


def _profile_url(municipality_id, anchor=None):
    return url_for("municipalities.profile", municipality_id=municipality_id, _anchor=anchor)


def _render_profile(municipality, status=200, **forms):
    editable = can(current_user, Permission.EDIT_PROFILE, municipality.id)
    if editable:
        forms.setdefault("indicator_form", IndicatorForm(formdata=None))
        forms.setdefault("measure_form", MeasureForm(formdata=None))
        forms.setdefault("swot_form", SwotForm(formdata=None))
        forms.setdefault("band_form", BandSchemeForm(
            formdata=None, starts=starts_of(municipality.band_groups())[1:]))
    counts = municipality.population_by_band()
    total = sum(counts.values())
    series = population_series(municipality.id)
    return render_template(
        "municipalities/profile.html", municipality=municipality, can_edit=editable,
        counts=counts, total=total, series=series,
        trend_chart=population_trend_svg(series["observed"], series["projection"]),

        chart=age_structure_svg(counts, municipality.accent_color) if total else None,
        swot=profile_services.swot_by_kind(municipality),
        supported_limits=_limits_text(supported_starts(municipality.id)) if editable else None,
        **forms), status


def _limits_text(starts) -> str | None:
    """"3, 6, 10 … 85" for the band form's hint; None while any limit goes."""
    return None if starts is None else ", ".join(str(start) for start in starts)


@bp.route("/m/<int:municipality_id>/profil")
@login_required
def profile(municipality_id):
    return _render_profile(services.municipality_for(current_user, municipality_id))


@bp.route("/m/<int:municipality_id>/profil/altersstruktur", methods=["GET", "POST"])
@login_required
def profile_age(municipality_id):
    municipality = services.municipality_for(current_user, municipality_id, Permission.EDIT_PROFILE)
    form = age_structure_form(municipality.band_groups())
    if not form.is_submitted():
        for band, field in form.band_fields():
            field.data = municipality.population_by_band().get(band, 0)
        form.migration_share.data = municipality.migration_share
    elif form.validate():
        try:
            profile_services.set_profile(municipality_id, form.counts(), form.migration_share.data)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Die Altersstruktur ist gespeichert."), "success")
            return redirect(_profile_url(municipality_id, "altersstruktur"))
    status = 400 if form.is_submitted() else 200
    return render_template("municipalities/profile_age.html", municipality=municipality,
                           form=form), status


@bp.route("/m/<int:municipality_id>/profil/import", methods=["GET", "POST"])
@login_required
def profile_import(municipality_id):
    municipality = services.municipality_for(current_user, municipality_id, Permission.EDIT_PROFILE)
    form = CsvImportForm()
    problems = []
    if form.validate_on_submit():
        try:
            imported = import_statistics(form.file.data.read(MAX_STATS_BYTES + 1),
                                         municipality.band_groups())
            if form.projection.data and imported.layout == OWN_FORMAT:
                raise CsvImportError([(None, _("Eine Vorausberechnung braucht Stichtage: bitte "
                                               "laden Sie die Tabelle des Statistikamts hoch."))])
            store_statistics(municipality_id, imported.series, imported.source,
                             projection=form.projection.data, cells=imported.cells)
        except CsvImportError as error:
            problems = error.lines()
        except DomainError as error:
            problems = [str(error.message)]
        else:
            flash(_import_message(imported) + _other_bands_hint(municipality), "success")
            return redirect(_profile_url(municipality_id, "altersstruktur"))
    status = 400 if form.is_submitted() else 200
    return render_template("municipalities/profile_import.html", municipality=municipality,
                           form=form, problems=problems, bands=municipality.band_groups(),
                           max_kb=MAX_STATS_BYTES // 1024), status


def _import_message(imported) -> str:
    counts = imported.latest
    if imported.layout == OWN_FORMAT:
        return _("Die Altersstruktur ist importiert: %(n)s Einwohnerinnen und Einwohner in "
                 "%(bands)s Altersgruppen.", n=sum(counts.values()), bands=len(counts))
    dates = ", ".join(when.strftime("%d.%m.%Y") for when in sorted(imported.series))
    return _("Importiert: %(count)s Stichtage (%(dates)s). Quelle: %(source)s",
             count=len(imported.series), dates=dates, source=imported.source or _("nicht angegeben"))


def _other_bands_hint(municipality) -> str:
    """After an import: the limits the new figures allow beyond the bands in use."""
    in_use = set(starts_of(municipality.band_groups()))
    other = [start for start in supported_starts(municipality.id) or () if start not in in_use]
    if not other:
        return ""
    return " " + _("Ihre Zahlen erlauben auch andere Altersgruppen, mit Grenzen bei %(limits)s "
                   "Jahren; wählen Sie sie unter „Altersgruppen der Kommune anpassen“.",
                   limits=_limits_text(other))


@bp.route("/m/<int:municipality_id>/profil/altersgruppen", methods=["POST"])
@login_required
def band_scheme(municipality_id):
    services.municipality_for(current_user, municipality_id, Permission.EDIT_PROFILE)
    form = BandSchemeForm()
    if form.validate_on_submit():
        try:
            set_band_scheme(municipality_id, form.starts.data)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Die Altersgruppen sind gespeichert. Die Anmeldeseite fragt ab jetzt in "
                    "diesen Gruppen."), "success")
    else:
        flash(_("Bitte wählen Sie die Grenzen aus der Liste."), "error")
    return redirect(_profile_url(municipality_id, "altersstruktur"))


def _add(municipality_id, form_name, form, add, anchor, success):
    municipality = services.municipality_for(current_user, municipality_id, Permission.EDIT_PROFILE)
    if form.validate_on_submit():
        try:
            add(form)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(success, "success")
            return redirect(_profile_url(municipality_id, anchor))
    return _render_profile(municipality, status=400, **{form_name: form})


def _remove(municipality_id, remove, item_id, anchor, success):
    services.municipality_for(current_user, municipality_id, Permission.EDIT_PROFILE)
    remove(municipality_id, item_id)
    flash(success, "success")
    return redirect(_profile_url(municipality_id, anchor))


@bp.route("/m/<int:municipality_id>/profil/kennzahlen", methods=["POST"])
@login_required
def indicator_add(municipality_id):
    return _add(municipality_id, "indicator_form", IndicatorForm(),
                lambda f: profile_services.add_indicator(municipality_id, f.name.data, f.value.data,
                                                         f.unit.data, f.year.data, f.source.data),
                "kennzahlen", _("Die Kennzahl ist hinzugefügt."))


@bp.route("/m/<int:municipality_id>/profil/kennzahlen/<int:indicator_id>/entfernen", methods=["POST"])
@login_required
def indicator_remove(municipality_id, indicator_id):
    return _remove(municipality_id, profile_services.remove_indicator, indicator_id, "kennzahlen",
                   _("Die Kennzahl ist entfernt."))


@bp.route("/m/<int:municipality_id>/profil/massnahmen", methods=["POST"])
@login_required
def measure_add(municipality_id):
    return _add(municipality_id, "measure_form", MeasureForm(),
                lambda f: profile_services.add_measure(municipality_id, f.title.data,
                                                       f.description.data),
                "massnahmen", _("Die Maßnahme ist hinzugefügt."))


@bp.route("/m/<int:municipality_id>/profil/massnahmen/<int:existing_measure_id>/entfernen", methods=["POST"])
@login_required
def measure_remove(municipality_id, existing_measure_id):
    return _remove(municipality_id, profile_services.remove_measure, existing_measure_id, "massnahmen",
                   _("Die Maßnahme ist entfernt."))


@bp.route("/m/<int:municipality_id>/profil/swot", methods=["POST"])
@login_required
def swot_add(municipality_id):
    return _add(municipality_id, "swot_form", SwotForm(),
                lambda f: profile_services.add_swot_item(municipality_id, f.kind.data, f.text.data),
                "swot", _("Der SWOT-Eintrag ist hinzugefügt."))


@bp.route("/m/<int:municipality_id>/profil/swot/<int:swot_id>/entfernen", methods=["POST"])
@login_required
def swot_remove(municipality_id, swot_id):
    return _remove(municipality_id, profile_services.remove_swot_item, swot_id, "swot",
                   _("Der SWOT-Eintrag ist entfernt."))
