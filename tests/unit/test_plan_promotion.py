"""From the hall into the Werkstattplan: promotion keeps session, phase, ideas and dots."""
from datetime import date

import pytest

from participation.errors import Forbidden, NotFound, ValidationError
from participation.extensions import db
from participation.plan import promotion, services
from participation.plan.models import Measure
from tests.builders import add_idea, make_workshop, run_workshop


@pytest.fixture
def run(app, world):
    with app.test_request_context():
        yield run_workshop(world["home"])


def test_each_selected_idea_and_cluster_becomes_a_draft_measure(run, world):
    ideas, ws = run["ideas"], run["workshop"]
    measures = promotion.promote(world["facilitator"], ws.id, idea_ids=[ideas["bank"].id],
                                 cluster_ids=[run["cluster"].id])
    assert [m.title for m in measures] == ["Busverkehr", "Mehr Bänke am Marktplatz"]
    bus, bank = measures
    assert all(m.draft and m.status == "planned" and m.municipality_id == world["home"].id
               for m in measures)
    origin = bus.origins[0]
    assert (origin.workshop_id, origin.phase, origin.cluster_name, origin.dots) == (
        ws.id, "verwirklichung", "Busverkehr", 8)
    assert [(i.text, i.dots) for i in origin.ideas] == [("Bürgerbus am Wochenende", 6),
                                                       ("Rufbus für Ortsteile", 2)]
    assert origin.workshop_date == date(2026, 3, 12)
    assert bank.origins[0].dots == 4
    assert services.origin_text(origin) == "aus der Zukunftswerkstatt am 12. März 2026, 8 Punkte"


def test_an_idea_inside_a_selected_cluster_is_not_promoted_twice(run, world):
    ideas = run["ideas"]
    measures = promotion.promote(world["facilitator"], run["workshop"].id,
                                 idea_ids=[ideas["bus"].id], cluster_ids=[run["cluster"].id])
    assert [m.title for m in measures] == ["Busverkehr"]


def test_combine_makes_one_measure_with_every_origin(run, world):
    ideas = run["ideas"]
    measures = promotion.promote(world["facilitator"], run["workshop"].id,
                                 idea_ids=[ideas["treff"].id, ideas["bank"].id], combine=True)
    assert len(measures) == 1
    assert [(o.phase, o.dots) for o in measures[0].origins] == [("utopie", 3), ("verwirklichung", 4)]
    assert "Ein Dorftreff für alle Generationen" in measures[0].description


def test_dots_are_kept_as_they_were_at_promotion(run, world):
    measure = promotion.promote(world["facilitator"], run["workshop"].id,
                                idea_ids=[run["ideas"]["bank"].id])[0]
    from tests.builders import add_dots
    add_dots(run["ideas"]["bank"], run["people"][0], 2)
    db.session.expire_all()
    assert db.session.get(Measure, measure.id).origins[0].dots == 4


def test_promotion_refuses_empty_or_foreign_selections(run, world):
    ws = run["workshop"]
    with pytest.raises(ValidationError) as error:
        promotion.promote(world["facilitator"], ws.id)
    assert error.value.code == "nothing_selected"
    other_ws = make_workshop(world["home"], join_code="ACDEFG")
    foreign = add_idea(other_ws, "kritik", "Andere Sitzung")
    with pytest.raises(ValidationError) as error:
        promotion.promote(world["facilitator"], ws.id, idea_ids=[foreign.id])
    assert error.value.code == "not_in_session"
    assert db.session.scalar(db.select(db.func.count(Measure.id))) == 0


def test_only_workshop_runners_of_the_municipality_promote(run, world):
    idea_ids = [run["ideas"]["bank"].id]
    with pytest.raises(Forbidden):
        promotion.promote(world["staff"], run["workshop"].id, idea_ids=idea_ids)
    with pytest.raises(NotFound):
        promotion.promote(world["other_facilitator"], run["workshop"].id, idea_ids=idea_ids)
    assert db.session.scalar(db.select(db.func.count(Measure.id))) == 0
