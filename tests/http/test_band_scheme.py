"""Choosing bands the statistics support: the 17-group regional table (ending at "75 Jahre
und mehr") is refused for 80+, imports once 65+ is chosen, and the participants of a
workshop are then compared in the same bands."""
import io

from participation.extensions import db
from participation.municipalities.models import Municipality, PopulationFigure
from participation.results.representation import representation
from participation.workshops.models import Participant, Workshop
from tests.unit.test_official_statistics import GROUPS_17


def regional_table() -> bytes:
    lines = ["12411-02-03-4: Bevölkerung nach Altersgruppen (17)",
             "Stichtag;Schlüssel;Gemeinde;" + ";".join(GROUPS_17),
             "31.12.2022;06432001;Heimstadt;" + ";".join(str(100 + i) for i in range(17)),
             "31.12.2023;06432001;Heimstadt;" + ";".join(str(110 + i) for i in range(17)),
             "__________", "(C) Statistische Ämter des Bundes und der Länder, 2024"]
    return "\n".join(lines).encode("iso-8859-1")


def upload(client, municipality_id, data):
    return client.post(f"/m/{municipality_id}/profil/import",
                       data={"file": (io.BytesIO(data), "regional.csv")},
                       content_type="multipart/form-data")


def test_merged_band_makes_the_table_importable_and_is_used_everywhere(login_as, world, app):
    home = world["home"]
    client = login_as("staff")
    assert upload(client, home.id, regional_table()).status_code == 400
    response = client.post(f"/m/{home.id}/profil/altersgruppen",
                           data={"starts": ["18", "30", "50", "65"]}, follow_redirects=True)
    assert "Die Altersgruppen sind gespeichert." in response.get_data(as_text=True)
    assert upload(client, home.id, regional_table()).status_code == 302
    counts = db.session.get(Municipality, home.id).population_by_band()
    assert counts["65+"] == 125 + 126 and set(counts) == {"0-17", "18-29", "30-49", "50-64", "65+"}
    assert PopulationFigure.query.filter_by(band="65+").count() == 2
    page = client.get(f"/m/{home.id}/profil").get_data(as_text=True)
    assert "65 und älter" in page and "80 und älter" not in page

    workshop = Workshop(municipality_id=home.id, title="Werkstatt", status="open")
    db.session.add(workshop)
    db.session.flush()
    for n, band in enumerate(["30-49", "30-49", "30-49", "65-79", "80+"]):
        db.session.add(Participant(workshop_id=workshop.id, token=f"t{n}", age_band=band,
                                   acted_at=db.func.now()))
    db.session.commit()
    with app.test_request_context():
        rows = {r["band"]: r for r in representation(workshop)["bands"]}
    assert set(rows) == set(counts) and rows["65+"]["participants"] == 2
    assert rows["65+"]["label"] == "65 und älter"


def test_going_back_to_finer_bands_says_the_figures_must_be_imported_again(login_as, world):
    home = world["home"]
    client = login_as("staff")
    client.post(f"/m/{home.id}/profil/altersgruppen", data={"starts": ["18", "30", "50", "65"]})
    upload(client, home.id, regional_table())
    response = client.post(f"/m/{home.id}/profil/altersgruppen",
                           data={"starts": ["18", "30", "50", "65", "80"]}, follow_redirects=True)
    assert "bitte importieren Sie die Altersstruktur neu" in response.get_data(as_text=True)
    counts = db.session.get(Municipality, home.id).population_by_band()
    assert set(counts.values()) == {0} and "80+" in counts
    assert PopulationFigure.query.count() == 0  # the series cannot be split either
