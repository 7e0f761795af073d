"""The Kick-Off: steering group and stakeholders with consent, agenda and minutes, themes
with the reasons they were chosen."""
from participation.kickoff.models import KickoffPerson, KickoffRecord
from participation.municipalities.models import Theme


def test_steering_group_and_stakeholders_with_consent(login_as, world, db):
    home = world["home"]
    client = login_as("staff")
    response = client.post(f"/m/{home.id}/kickoff/personen", data={
        "kind": "steering", "name": "Erika Muster", "organisation": "Seniorenbeirat",
        "role": "Vorsitz", "contact": "erika@example.org", "consent": "y"})
    assert response.status_code == 302
    client.post(f"/m/{home.id}/kickoff/personen", data={
        "kind": "stakeholder", "name": "Jugendzentrum", "organisation": "Stadtjugendring",
        "role": "Jugendbeteiligung"})
    page = client.get(f"/m/{home.id}/phasen/kick_off").get_data(as_text=True)
    assert "Lenkungsgruppe" in page and "Erika Muster" in page and "Seniorenbeirat" in page
    assert "erika@example.org" in page and "Einwilligung vom" in page
    assert "Stadtjugendring" in page


def test_contact_without_consent_is_refused_and_nothing_stored(login_as, world, db):
    home = world["home"]
    client = login_as("staff")
    response = client.post(f"/m/{home.id}/kickoff/personen", data={
        "kind": "stakeholder", "name": "Max", "contact": "0170 123"}, follow_redirects=True)
    assert "Kontaktdaten werden nur mit Einwilligung gespeichert" in response.get_data(as_text=True)
    assert KickoffPerson.query.count() == 0


def test_agenda_minutes_and_theme_reasons(login_as, world, db):
    home = world["home"]
    client = login_as("facilitator")
    client.post(f"/m/{home.id}/kickoff/protokoll", data={
        "agenda": "1. Begrüßung\n2. Themenwahl", "minutes": "Beschlossen: drei Themen."})
    client.post(f"/m/{home.id}/themen", data={
        "name": "Wohnen im Alter", "reason": "Ein Drittel ist über 65, kaum barrierefreie Wohnungen."})
    assert KickoffRecord.query.one().agenda.startswith("1. Begrüßung")
    assert Theme.query.one().reason.startswith("Ein Drittel")
    page = client.get(f"/m/{home.id}/phasen/kick_off").get_data(as_text=True)
    assert "2. Themenwahl" in page and "Beschlossen: drei Themen." in page
    assert "Begründung: Ein Drittel ist über 65" in page


def test_person_of_another_municipality_cannot_be_removed(login_as, world, db):
    other = KickoffPerson(municipality_id=world["other"].id, kind="steering", name="Fremd")
    db.session.add(other)
    db.session.commit()
    client = login_as("staff")
    response = client.post(f"/m/{world['home'].id}/kickoff/personen/{other.id}/entfernen")
    assert response.status_code == 404 and KickoffPerson.query.count() == 1
