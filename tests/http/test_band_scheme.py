"""Choosing bands the statistics support: the 17-group regional table (ending at "75 Jahre
und mehr") is refused for 80+, imports once 65+ is chosen, and the participants of a
workshop are then compared in the same bands."""
import io

from participation.extensions import db
from participation.municipalities.models import Municipality, PopulationFigure
from participation.results.representation import representation
from participation.workshops import services as workshop_services
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


FINER_STARTS = ["18", "30", "50", "65", "75"]
FINER = {"0-17", "18-29", "30-49", "50-64", "65-74", "75+"}


def test_a_limit_the_kept_office_groups_lack_is_refused_and_nothing_changes(login_as, world):
    home = world["home"]
    client = login_as("staff")
    client.post(f"/m/{home.id}/profil/altersgruppen", data={"starts": ["18", "30", "50", "65"]})
    assert upload(client, home.id, regional_table()).status_code == 302
    before = db.session.get(Municipality, home.id).population_by_band()
    response = client.post(f"/m/{home.id}/profil/altersgruppen",
                           data={"starts": ["18", "30", "50", "65", "80"]}, follow_redirects=True)
    page = response.get_data(as_text=True)
    # The band, the date, the group of the file and its line; nothing guessed, nothing lost.
    assert "„65 bis 79“ lässt sich aus der amtlichen Statistik nicht bilden" in page
    assert "31.12.2022" in page and "75 Jahre und mehr" in page and "Nichts wurde geändert" in page
    municipality = db.session.get(Municipality, home.id)
    assert municipality.population_by_band() == before and municipality.age_band_scheme == \
        "0,18,30,50,65"
    assert PopulationFigure.query.filter_by(band="65+").count() == 2


def test_a_limit_that_is_not_offered_is_refused(login_as, world):
    home = world["home"]
    client = login_as("staff")
    page = client.post(f"/m/{home.id}/profil/altersgruppen", data={"starts": ["18", "64"]},
                       follow_redirects=True).get_data(as_text=True)
    assert "Bitte wählen Sie die Grenzen aus der Liste." in page
    assert db.session.get(Municipality, home.id).age_band_scheme == ""


def test_splitting_65_plus_uses_the_office_groups_kept_at_the_import(login_as, world, app):
    """The table was imported as 65+; 65-74 and 75+ come from its own groups, for every date,
    without importing again, and the join page then asks in those bands."""
    home = world["home"]
    client = login_as("staff")
    client.post(f"/m/{home.id}/profil/altersgruppen", data={"starts": ["18", "30", "50", "65"]})
    assert upload(client, home.id, regional_table()).status_code == 302
    response = client.post(f"/m/{home.id}/profil/altersgruppen", data={"starts": FINER_STARTS},
                           follow_redirects=True)
    assert "Die Altersgruppen sind gespeichert." in response.get_data(as_text=True)
    municipality = db.session.get(Municipality, home.id)
    counts = municipality.population_by_band()
    assert set(counts) == FINER and counts["65-74"] == 125 and counts["75+"] == 126
    assert {(f.reference_date.year, f.count) for f in PopulationFigure.query.filter_by(
        band="75+")} == {(2022, 116), (2023, 126)}
    page = client.get(f"/m/{home.id}/profil").get_data(as_text=True)
    assert "65 bis 74" in page and "75 und älter" in page

    workshop = workshop_services.open_workshop(workshop_services.create_workshop(
        home.id, world["facilitator"].id, {"title": "Älter werden", "ask_age_band": True}).id,
        world["facilitator"].id)
    resident = app.test_client()
    join_page = resident.get(f"/j/{workshop.join_code}").get_data(as_text=True)
    assert 'value="65-74"' in join_page and 'value="75+"' in join_page
    assert 'value="65-79"' not in join_page and 'value="80+"' not in join_page
    assert resident.post(f"/j/{workshop.join_code}",
                         data={"age_band": "75+", "channel": "onsite"}).status_code == 303
    assert db.session.scalar(db.select(Participant.age_band).where(
        Participant.workshop_id == workshop.id)) == "75+"
    # A standard band the municipality no longer uses is not accepted.
    refused = app.test_client().post(f"/j/{workshop.join_code}",
                                     data={"age_band": "80+", "channel": "onsite"})
    assert refused.status_code == 400


def test_answers_from_before_a_split_are_kept_and_pooled_not_guessed(login_as, world, app):
    """People who joined as 65-79 before the split keep that answer; the representation of
    their session pools 65-74 and 75+ into 65+ and says so. A later session without such
    answers is compared in the finer bands."""
    home = world["home"]
    client = login_as("staff")
    client.post(f"/m/{home.id}/profil/altersgruppen", data={"starts": FINER_STARTS})
    assert upload(client, home.id, regional_table()).status_code == 302
    old = Workshop(municipality_id=home.id, title="Vorher", status="closed")
    new = Workshop(municipality_id=home.id, title="Nachher", status="open")
    db.session.add_all([old, new])
    db.session.flush()
    for n, band in enumerate(["30-49"] * 3 + ["65-79", "65-79", "80+"]):
        db.session.add(Participant(workshop_id=old.id, token=f"o{n}", age_band=band,
                                   acted_at=db.func.now()))
    for n, band in enumerate(["30-49"] * 3 + ["65-74", "75+"]):
        db.session.add(Participant(workshop_id=new.id, token=f"n{n}", age_band=band,
                                   acted_at=db.func.now()))
    db.session.commit()
    with app.test_request_context():
        before = representation(old)
        after = representation(new)
    rows = {r["band"]: r for r in before["bands"]}
    assert "65+" in rows and rows["65+"]["participants"] == 3
    assert rows["65+"]["population"] == 125 + 126 and "65-74" not in rows
    assert "früheren Altersgruppen" in before["pooled_note"] and "65 und älter" in \
        before["pooled_note"]
    assert before["participants"]["with_age_band"] == 6  # nobody dropped out
    rows = {r["band"]: r for r in after["bands"]}
    assert set(rows) == FINER and rows["75+"]["participants"] == 1 and not after["pooled_note"]
    page = client.get(f"/w/{old.id}/results").get_data(as_text=True)
    assert "früheren Altersgruppen" in page


def test_measures_target_the_municipality_s_own_bands(login_as, world):
    from participation.plan.models import Measure
    from participation.plan.services import target_groups_text
    home = world["home"]
    client = login_as("staff")
    client.post(f"/m/{home.id}/profil/altersgruppen", data={"starts": FINER_STARTS})
    form = client.get(f"/m/{home.id}/plan/new").get_data(as_text=True)
    assert 'value="75+"' in form and 'value="80+"' not in form
    response = client.post(f"/m/{home.id}/plan/new", data={
        "title": "Besuchsdienst", "status": "planned", "priority": "medium",
        "field_of_action_id": "0", "target_age_bands": ["75+", "65-74"]})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    measure = Measure.query.filter_by(title="Besuchsdienst").one()
    assert measure.age_band_list == ["65-74", "75+"]
    assert target_groups_text(measure) == "65 bis 74, 75 und älter"


def test_helper_page_types_paper_cards_in_the_municipality_s_bands(login_as, world):
    home = world["home"]
    login_as("staff").post(f"/m/{home.id}/profil/altersgruppen", data={"starts": FINER_STARTS})
    workshop = workshop_services.open_workshop(workshop_services.create_workshop(
        home.id, world["facilitator"].id, {"title": "Karten"}).id, world["facilitator"].id)
    client = login_as("facilitator")
    url = f"/w/{workshop.id}/helper"
    page = client.get(url).get_data(as_text=True)
    assert 'value="65-74"' in page and 'value="80+"' not in page
    assert client.post(url, data={"action": "new_card", "age_band": "80+"}).status_code != 303
    response = client.post(url, data={"action": "new_card", "age_band": "65-74"})
    assert response.status_code == 303
    card = db.session.scalar(db.select(Participant).where(Participant.workshop_id == workshop.id))
    assert card.age_band == "65-74"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Altersgruppe: 65 bis 74" in page


def test_the_profile_names_the_limits_the_imported_table_allows(login_as, world, app):
    """After importing the regional table, staff are told which finer bands it allows (every
    limit of its 17 groups, 75 included, but not 80) instead of finding out by trial."""
    home = world["home"]
    client = login_as("staff")
    page = client.get(f"/m/{home.id}/profil").get_data(as_text=True)
    assert "data-supported-limits" not in page  # no figures yet: any limit goes
    client.post(f"/m/{home.id}/profil/altersgruppen", data={"starts": ["18", "30", "50", "65"]})
    response = upload(client, home.id, regional_table())
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    allowed = "3, 6, 10, 15, 18, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 75"
    assert (f"Ihre Zahlen erlauben auch andere Altersgruppen, mit Grenzen bei 3, 6, 10, 15, 20, "
            f"25, 35, 40, 45, 55, 60, 75 Jahren") in page
    assert f"Ihre gespeicherten Zahlen erlauben Grenzen bei {allowed} Jahren." in page
    # What the hint names is what the form then accepts.
    response = client.post(f"/m/{home.id}/profil/altersgruppen",
                           data={"starts": ["18", "30", "50", "65", "75"]}, follow_redirects=True)
    assert "Die Altersgruppen sind gespeichert." in response.get_data(as_text=True)
    assert set(db.session.get(Municipality, home.id).population_by_band()) == {
        "0-17", "18-29", "30-49", "50-64", "65-74", "75+"}
