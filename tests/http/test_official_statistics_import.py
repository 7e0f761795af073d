"""Uploading the offices' tables on the import page: series, source, chart; refusal changes nothing."""
import io
import re

from participation.municipalities.models import Municipality, PopulationFigure
from tests.unit.test_official_statistics import GROUPS_17, flat_file, genesis_table_latin1


def upload(client, municipality_id, content: bytes, projection=False):
    data = {"file": (io.BytesIO(content), "12411-0018.csv")}
    if projection:
        data["projection"] = "y"
    return client.post(f"/m/{municipality_id}/profil/import", data=data,
                       content_type="multipart/form-data")


def test_genesis_table_sets_age_structure_series_and_source(login_as, world, db):
    home = world["home"]
    client = login_as("staff")
    response = upload(client, home.id, genesis_table_latin1())
    assert response.status_code == 302
    assert Municipality.query.get(home.id).population_by_band()["80+"] == 611 + 402  # 2023
    page = client.get(f"/m/{home.id}/profil").get_data(as_text=True)
    assert "Importiert: 2 Stichtage (31.12.2022, 31.12.2023)" in page
    assert "Statistisches Bundesamt (Destatis), 2024" in page
    svg = re.search(r'<svg[^>]*class="trend-chart".*?</svg>', page, re.S).group(0)
    assert svg.count('class="trend-line"') == 6 and 'stroke-dasharray' not in svg


def test_projection_is_drawn_dashed_beside_the_observed_years(login_as, world, db):
    home = world["home"]
    client = login_as("staff")
    upload(client, home.id, genesis_table_latin1())
    before = Municipality.query.get(home.id).population_by_band()
    assert upload(client, home.id, flat_file(years=(2030, 2035)), projection=True).status_code == 302
    assert Municipality.query.get(home.id).population_by_band() == before  # still observed
    page = client.get(f"/m/{home.id}/profil").get_data(as_text=True)
    svg = re.search(r'<svg[^>]*class="trend-chart".*?</svg>', page, re.S).group(0)
    assert svg.count('stroke-dasharray="6 4"') == 6 and "2035*" in svg
    assert "Vorausberechnung" in page


def test_underivable_band_is_refused_with_the_reason_and_nothing_is_imported(login_as, world, db):
    home = world["home"]
    client = login_as("staff")
    lines = ["Bevölkerung nach Altersgruppen (17)", "Stichtag;Gemeinde;" + ";".join(GROUPS_17),
             "31.12.2023;Heimstadt;" + ";".join(str(100 + i) for i in range(17)),
             "__________", "(C) Statistische Ämter des Bundes und der Länder, 2024"]
    response = upload(client, home.id, "\n".join(lines).encode("iso-8859-1"))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "nichts geändert" in page
    assert ("„80+“ lässt sich nicht genau bilden: die Gruppe „75 Jahre und mehr“ (Zeile 3) "
            "reicht über die Grenze der Altersgruppe hinaus") in page
    assert set(Municipality.query.get(home.id).population_by_band().values()) == {0}
    assert PopulationFigure.query.count() == 0


def test_a_projection_typed_by_hand_with_years_as_columns(login_as, world, db):
    home = world["home"]
    client = login_as("staff")
    typed = ("altersgruppe;2030;2040\n0-17;1700;1650\n18-29;1300;1250\n30-49;2500;2400\n"
             "50-64;2600;2500\n65-79;2500;2600\n80+;1400;1500\n")
    assert upload(client, home.id, typed.encode(), projection=True).status_code == 302
    rows = PopulationFigure.query.filter_by(projection=True, band="80+").order_by(
        PopulationFigure.reference_date).all()
    assert [(r.reference_date.year, r.count) for r in rows] == [(2030, 1400), (2040, 1500)]
    assert set(Municipality.query.get(home.id).population_by_band().values()) == {0}
