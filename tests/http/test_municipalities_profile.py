"""The Kommunalprofil pages: age structure by hand and by CSV, chart, indicators, measures, SWOT."""
import io
import re

from participation.municipalities.models import ExistingMeasure, KeyIndicator, Municipality, SwotItem

GOOD_CSV = "altersgruppe;einwohner\n0-17;1980\n18-29;1490\n30-49;2860\n50-64;2970\n65-79;2110\n80+;990\n"


def upload(client, municipality_id, content: bytes, name="alter.csv"):
    return client.post(f"/m/{municipality_id}/profil/import",
                       data={"file": (io.BytesIO(content), name)},
                       content_type="multipart/form-data")


def counts(municipality):
    return Municipality.query.get(municipality.id).population_by_band()


def test_good_csv_is_imported_and_shown_as_chart_and_table(login_as, world, db):
    home = world["home"]
    client = login_as("staff")
    response = upload(client, home.id, GOOD_CSV.encode())
    assert response.status_code == 302
    assert counts(home) == {"0-17": 1980, "18-29": 1490, "30-49": 2860, "50-64": 2970,
                            "65-79": 2110, "80+": 990}
    page = client.get(f"/m/{home.id}/profil").get_data(as_text=True)
    svg = re.search(r"<svg.*?</svg>", page, re.S).group(0)
    assert 'role="img"' in svg and "<title" in svg and "aria-labelledby" in svg
    assert svg.count('class="age-chart-bar"') == 6
    assert "style=" not in page and "<script>" not in page
    # The same numbers as a table for those who cannot see the chart.
    assert "<table>" in page and "2.970" in page and "12.400" in page


def test_largest_band_gets_the_longest_bar(login_as, world, db):
    home = world["home"]
    client = login_as("staff")
    upload(client, home.id, GOOD_CSV.encode())
    page = client.get(f"/m/{home.id}/profil").get_data(as_text=True)
    widths = [float(w) for w in re.findall(r'class="age-chart-bar"[^>]*?width="([\d.]+)"', page)]
    assert len(widths) == 6 and max(widths) == widths[3]  # 50-64 is the largest band


def test_csv_with_a_bad_line_imports_nothing_and_names_the_line(login_as, world, db):
    home = world["home"]
    client = login_as("facilitator")
    upload(client, home.id, GOOD_CSV.encode())
    bad = GOOD_CSV.replace("65-79;2110", "65-79;zweitausend").replace("80+;990", "80+;1")
    response = upload(client, home.id, bad.encode())
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Zeile 6:" in page and "„zweitausend“ ist keine ganze Zahl" in page
    assert "nichts geändert" in page and 'role="alert"' in page
    assert counts(home)["80+"] == 990  # the good lines of the bad file were not taken either


def test_csv_in_iso_8859_1_is_read_and_empty_is_refused(login_as, world, db):
    home = world["home"]
    client = login_as("facilitator")
    # ISO-8859-1 is detected (the statistical offices export in it): the umlaut reads right.
    response = upload(client, home.id, "altersgruppe;einwohner\nü;1".encode("cp1252"))
    assert response.status_code == 400 and "„ü“ gibt es nicht" in response.get_data(as_text=True)
    response = upload(client, home.id, b"")
    assert response.status_code == 400 and "leer" in response.get_data(as_text=True)
    assert set(counts(home).values()) == {0}


def test_age_structure_and_migration_share_by_hand(login_as, world, db):
    home = world["home"]
    client = login_as("staff")
    data = {f"band_{i}": str(n) for i, n in enumerate([10, 20, 30, 40, 50, 60])}
    response = client.post(f"/m/{home.id}/profil/altersstruktur", data={**data, "migration_share": "12.5"})
    assert response.status_code == 302
    db.session.expire_all()
    assert counts(home)["80+"] == 60
    assert Municipality.query.get(home.id).migration_share == 12.5
    page = client.get(f"/m/{home.id}/profil").get_data(as_text=True)
    assert "12,5" in page


def test_bad_hand_input_changes_nothing(login_as, world, db):
    home = world["home"]
    client = login_as("staff")
    data = {f"band_{i}": "5" for i in range(6)}
    for bad in ({"band_2": "-1"}, {"band_3": ""}, {"migration_share": "140"}):
        response = client.post(f"/m/{home.id}/profil/altersstruktur", data={**data, **bad})
        assert response.status_code == 400
    db.session.expire_all()
    assert set(counts(home).values()) == {0}
    assert Municipality.query.get(home.id).migration_share is None


def test_indicators_measures_and_swot_are_added_and_removed(login_as, world, db):
    home = world["home"]
    client = login_as("staff")
    assert client.post(f"/m/{home.id}/profil/kennzahlen", data={
        "name": "Durchschnittsalter", "value": "47,3", "unit": "Jahre", "year": "2024",
        "source": "Statistisches Landesamt"}).status_code == 302
    assert client.post(f"/m/{home.id}/profil/massnahmen", data={
        "title": "Seniorenbüro", "description": "Beratung im Rathaus"}).status_code == 302
    for kind, text in (("strength", "Starkes Vereinsleben"), ("weakness", "Wenig Busverkehr"),
                       ("opportunity", "Neubaugebiet"), ("threat", "Ärztemangel")):
        assert client.post(f"/m/{home.id}/profil/swot", data={"kind": kind, "text": text}).status_code == 302
    page = client.get(f"/m/{home.id}/profil").get_data(as_text=True)
    for text in ("Durchschnittsalter", "47,3 Jahre", "Seniorenbüro", "Starkes Vereinsleben",
                 "Ärztemangel", "Chancen", "Risiken"):
        assert text in page
    indicator, measure = KeyIndicator.query.one(), ExistingMeasure.query.one()
    swot = SwotItem.query.filter_by(kind="threat").one()
    assert client.post(f"/m/{home.id}/profil/kennzahlen/{indicator.id}/entfernen").status_code == 302
    assert client.post(f"/m/{home.id}/profil/massnahmen/{measure.id}/entfernen").status_code == 302
    assert client.post(f"/m/{home.id}/profil/swot/{swot.id}/entfernen").status_code == 302
    assert (KeyIndicator.query.count(), ExistingMeasure.query.count(), SwotItem.query.count()) == (0, 0, 3)


def test_invalid_items_are_refused_with_a_message(login_as, world, db):
    home = world["home"]
    client = login_as("staff")
    response = client.post(f"/m/{home.id}/profil/kennzahlen", data={"name": "", "value": "1"})
    assert response.status_code == 400 and 'aria-invalid="true"' in response.get_data(as_text=True)
    assert client.post(f"/m/{home.id}/profil/swot", data={"kind": "joke", "text": "x"}).status_code == 400
    assert client.post(f"/m/{home.id}/profil/massnahmen", data={"title": ""}).status_code == 400
    assert (KeyIndicator.query.count(), ExistingMeasure.query.count(), SwotItem.query.count()) == (0, 0, 0)


def test_items_of_another_municipality_cannot_be_removed(login_as, world, db):
    other_item = SwotItem(municipality_id=world["other"].id, kind="strength", text="Fremd")
    db.session.add(other_item)
    db.session.commit()
    client = login_as("facilitator")
    assert client.post(f"/m/{world['home'].id}/profil/swot/{other_item.id}/entfernen").status_code == 404
    assert client.post(f"/m/{world['other'].id}/profil/swot/{other_item.id}/entfernen").status_code == 404
    assert SwotItem.query.count() == 1


def test_profile_without_edit_right_shows_no_forms(login_as, world, app):
    # Every role that sees a profile may edit it today; check the read-only rendering directly.
    from participation.accounts.permissions import ROLE_PERMISSIONS, Permission
    saved = set(ROLE_PERMISSIONS["staff"])
    ROLE_PERMISSIONS["staff"].discard(Permission.EDIT_PROFILE)
    try:
        client = login_as("staff")
        page = client.get(f"/m/{world['home'].id}/profil").get_data(as_text=True)
        assert "Kennzahl hinzufügen" not in page and "Entfernen" not in page
        assert client.post(f"/m/{world['home'].id}/profil/swot",
                           data={"kind": "strength", "text": "x"}).status_code == 403
    finally:
        ROLE_PERMISSIONS["staff"] = saved


def test_oversized_csv_is_refused_with_a_message(login_as, world, db):
    home = world["home"]
    big = (GOOD_CSV + "\n" * 70_000).encode()
    response = upload(login_as("staff"), home.id, big)
    assert response.status_code == 400 and "zu groß" in response.get_data(as_text=True)
    assert set(counts(home).values()) == {0}


def test_import_page_documents_the_format(login_as, world):
    page = login_as("staff").get(f"/m/{world['home'].id}/profil/import").get_data(as_text=True)
    assert "altersgruppe;einwohner" in page and "80+" in page and "UTF-8" in page
