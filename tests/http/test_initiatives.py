"""Initiatives as records (who, what, theme, contact), linked to measures, shown with them."""
from participation.initiatives.models import Initiative
from participation.plan.models import Measure


def _measure(municipality, title):
    from participation.extensions import db
    measure = Measure(municipality_id=municipality.id, title=title)
    db.session.add(measure)
    db.session.commit()
    return measure


def test_initiative_is_recorded_linked_and_shown_with_its_measure(login_as, world, db):
    home = world["home"]
    bus = _measure(home, "Bürgerbus")
    client = login_as("staff")
    assert client.post(f"/m/{home.id}/initiativen", data={
        "name": "Mitfahrbank", "carrier": "Heimatverein", "theme": "Mobilität",
        "contact": "info@heimatverein.example"}).status_code == 302
    item = Initiative.query.one()
    assert client.post(f"/m/{home.id}/initiativen/{item.id}/massnahmen",
                       data={"measure_ids": [bus.id]}).status_code == 302
    assert [m.title for m in Initiative.query.one().measures] == ["Bürgerbus"]
    plan = client.get(f"/m/{home.id}/plan").get_data(as_text=True)
    assert "Initiativen" in plan and "Mitfahrbank (Heimatverein)" in plan
    detail = client.get(f"/m/{home.id}/plan/{bus.id}").get_data(as_text=True)
    assert "Mitfahrbank (Heimatverein)" in detail
    listing = client.get(f"/m/{home.id}/initiativen").get_data(as_text=True)
    assert "Heimatverein" in listing and "Mobilität" in listing and "Bürgerbus" in listing


def test_a_measure_of_another_municipality_cannot_be_linked(login_as, world, db):
    home, other = world["home"], world["other"]
    foreign = _measure(other, "Fremde Maßnahme")
    client = login_as("staff")
    client.post(f"/m/{home.id}/initiativen", data={"name": "Tafel"})
    item = Initiative.query.one()
    response = client.post(f"/m/{home.id}/initiativen/{item.id}/massnahmen",
                           data={"measure_ids": [foreign.id]}, follow_redirects=True)
    assert "gehört nicht zu dieser Kommune" in response.get_data(as_text=True)
    assert Initiative.query.one().measures == []


def test_initiative_without_name_is_refused(login_as, world, db):
    response = login_as("staff").post(f"/m/{world['home'].id}/initiativen", data={"name": " "})
    assert response.status_code == 400 and Initiative.query.count() == 0
