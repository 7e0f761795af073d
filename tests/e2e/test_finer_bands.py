"""Finer bands than the six standard ones, in a real browser on a phone: a municipality whose
statistics give 65-74 and 75+ asks its residents in exactly those bands, and the answer is
stored as picked."""
import re

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible, horizontal_overflow, screenshot


@pytest.fixture(scope="module")
def workshop(live_server):
    from participation.extensions import db
    from participation.municipalities.band_services import set_band_scheme
    from participation.municipalities.models import Municipality
    from participation.workshops import services
    with live_server.app.app_context():
        home = db.session.get(Municipality, live_server.world["home"])
        for row in home.age_bands:
            row.count = 0  # no figures yet: any bands may be chosen, the import checks them
        db.session.commit()
        set_band_scheme(home.id, [18, 30, 50, 65, 75])
        workshop = services.create_workshop(home.id, live_server.world["facilitator"], {
            "title": "Älter werden in Heimstadt", "ask_age_band": True})
        workshop = services.open_workshop(workshop.id, live_server.world["facilitator"])
        return {"id": workshop.id, "code": workshop.join_code}


def test_join_page_offers_65_74_and_75_plus_and_stores_the_answer(open_page, live_server,
                                                                  workshop):
    phone = open_page("phone", viewport={"width": 390, "height": 844})
    phone.goto(f"/j/{workshop['code']}")
    age = phone.get_by_label("Ihr Alter (freiwillig)")
    expect(age).to_be_visible()
    options = age.locator("option").all_inner_texts()
    assert options == ["keine Angabe", "unter 18", "18 bis 29", "30 bis 49", "50 bis 64",
                       "65 bis 74", "75 und älter"]
    assert horizontal_overflow(phone) == 0
    assert_accessible(phone, "join page with the municipality's own bands")
    age.select_option(label="75 und älter")
    screenshot(phone, "join-finer-bands-phone")
    phone.get_by_role("button", name="Mitmachen").click()
    phone.wait_for_url(re.compile(r".*/live$"))

    from participation.extensions import db
    from participation.workshops.models import Participant
    with live_server.app.app_context():
        bands = db.session.scalars(db.select(Participant.age_band).where(
            Participant.workshop_id == workshop["id"])).all()
    assert bands == ["75+"]
