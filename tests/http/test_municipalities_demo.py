"""The demo that `make run` seeds: the facilitator sees a rich municipality at once."""
from participation.demo import DEMO_FACILITATOR, DEMO_MUNICIPALITY, seed_demo_data
from participation.municipalities.models import Municipality
from tests.conftest import login


def test_demo_facilitator_sees_profile_chart_and_five_stages(app, client, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-password-123")
    lines = seed_demo_data()
    assert any(DEMO_FACILITATOR in line for line in lines)
    assert seed_demo_data() == []  # only once
    municipality = Municipality.query.filter_by(name=DEMO_MUNICIPALITY).one()
    assert login(client, DEMO_FACILITATOR, "demo-password-123").status_code == 302
    dashboard = client.get("/dashboard").get_data(as_text=True)
    assert DEMO_MUNICIPALITY in dashboard and "Phase 3 von 5:" in dashboard
    page = client.get(f"/m/{municipality.id}").get_data(as_text=True)
    assert page.count('class="step step-') == 5 and "Wohnen im Alter" in page
    profile = client.get(f"/m/{municipality.id}/profil").get_data(as_text=True)
    assert 'class="age-chart"' in profile and "Durchschnittsalter" in profile
    assert "Bürgerbus Lahntal" in profile and "Hausärztinnen" in profile
    assert "18,5" in profile
