"""Links around the results: workshop list and console to the results page and the helper
page, the programme overview in the admins' header, the public results from the join page
only when residents may read them, and the projector option on the set-up form."""
import pytest

from participation.extensions import db
from participation.results import services as results_services
from participation.workshops import services
from tests.builders import open_session


@pytest.fixture
def workshop(world):
    return open_session(world, title="Zukunft Heimstadt", ask_age_band=True)


def test_console_and_list_link_to_results_and_helper_page(login_as, world, workshop):
    client = login_as("facilitator")
    console = client.get(f"/w/{workshop.id}").get_data(as_text=True)
    assert f'href="/w/{workshop.id}/results"' in console
    assert f'href="/w/{workshop.id}/helper"' in console
    assert 'data-representation data-audience="console"' in console
    assert 'role="status" aria-live="polite" data-rep-status' in console
    listing = client.get(f"/m/{world['home'].id}/workshops").get_data(as_text=True)
    assert f'href="/w/{workshop.id}/results"' in listing
    assert f'href="/w/{workshop.id}/helper"' in listing
    assert client.get(f"/w/{workshop.id}/results").status_code == 200


def test_programme_overview_in_the_header_for_admins_only(login_as):
    admin = login_as("admin").get("/dashboard").get_data(as_text=True)
    assert 'href="/programm"' in admin
    facilitator = login_as("facilitator").get("/dashboard").get_data(as_text=True)
    assert 'href="/programm"' not in facilitator


def test_join_page_links_public_results_only_when_residents_may_read_them(client, app, world,
                                                                         workshop, monkeypatch):
    assert 'href="/r/' not in client.get("/j/AAAAAA").get_data(as_text=True)
    services.close_workshop(workshop.id, world["facilitator"].id)
    link = f'href="/r/{workshop.join_code}"'
    closed = client.get(f"/j/{workshop.join_code}").get_data(as_text=True)
    assert "ist beendet" in closed and link not in closed
    workshop.results_published = True
    db.session.commit()
    assert link in client.get(f"/j/{workshop.join_code}").get_data(as_text=True)
    assert client.get(f"/r/{workshop.join_code}").status_code == 200
    # The page asks results.services.public_results_available, not only the published flag.
    monkeypatch.setattr(results_services, "public_results_available", lambda w: False)
    assert link not in client.get(f"/j/{workshop.join_code}").get_data(as_text=True)


def test_setup_form_switches_the_comparison_on_the_projector(login_as, workshop):
    client = login_as("facilitator")
    form = client.get(f"/w/{workshop.id}/edit").get_data(as_text=True)
    assert 'name="show_representation_on_projector"' in form
    data = {"title": "Zukunft Heimstadt", "dots_per_participant": "5", "max_dots_per_idea": "3",
            "ask_age_band": "y", "moderation_mode": "post"}
    response = client.post(f"/w/{workshop.id}/edit",
                           data={**data, "show_representation_on_projector": "y"})
    assert response.status_code == 302
    db.session.refresh(workshop)
    assert workshop.show_representation_on_projector is True
    projector = client.get(f"/w/{workshop.id}/projector").get_data(as_text=True)
    assert 'data-audience="projector"' in projector
    assert client.post(f"/w/{workshop.id}/edit", data=data).status_code == 302
    db.session.refresh(workshop)
    assert workshop.show_representation_on_projector is False


def test_results_page_keeps_who_took_part_after_the_participant_data_is_erased(login_as, world):
    from participation.privacy.services import erase_participant_data
    from tests.builders import add_participant, make_workshop
    ws = make_workshop(world["home"], join_code="Q7PM3K")
    for band, channel in (("18-29", "online"), ("65-79", "onsite"), ("65-79", "onsite"),
                          (None, "assisted")):
        add_participant(ws, band, channel)
    client = login_as("facilitator")
    before = client.get(f"/w/{ws.id}/results").get_data(as_text=True)
    assert "4 Teilnehmende" in before
    erase_participant_data(ws)
    db.session.expire_all()
    after = client.get(f"/w/{ws.id}/results").get_data(as_text=True)
    assert "4 Teilnehmende" in after and "0 Teilnehmende" not in after
    exported = client.get(f"/w/{ws.id}/results.json").get_json()
    assert exported["representation"]["participants"]["total"] == 4
    assert exported["representation"]["participants"]["by_channel"]["assisted"] == 1
