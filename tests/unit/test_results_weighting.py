"""The age-weighted ranking on hand-made numbers."""
import pytest

from participation.results import services
from participation.results.weighting import band_weights, rank, weighted_score
from tests.builders import add_dots, add_idea, add_participant, make_workshop, set_population

# Half of the residents are 18-29, half 65-79. In the hall, 65-79 placed 8 of 10 dots.
POPULATION = {"18-29": 500, "65-79": 500}
IDEA_A = {"65-79": 6}                  # plain 6
IDEA_B = {"18-29": 2, "65-79": 2}      # plain 4
DOTS_PER_BAND = {"18-29": 2, "65-79": 8}


def test_weights_scale_each_band_to_its_population_share():
    weights = band_weights(DOTS_PER_BAND, POPULATION)
    # 65-79: 50 % of residents / 80 % of dots = 0.625; 18-29: 50 % / 20 % = 2.5
    assert weights["65-79"] == pytest.approx(0.625)
    assert weights["18-29"] == pytest.approx(2.5)
    assert weights["none"] == 1.0
    assert weighted_score(IDEA_A, weights) == pytest.approx(3.75)
    assert weighted_score(IDEA_B, weights) == pytest.approx(6.25)


def test_weighted_order_differs_from_the_plain_order():
    weights = band_weights(DOTS_PER_BAND, POPULATION)
    items = [{"id": 1, "dots": 6, "weighted": weighted_score(IDEA_A, weights)},
             {"id": 2, "dots": 4, "weighted": weighted_score(IDEA_B, weights)}]
    assert [i["id"] for i in rank(items, "dots")] == [1, 2]
    assert [i["id"] for i in rank(items, "weighted")] == [2, 1]


def test_no_weighting_without_age_structure():
    assert band_weights(DOTS_PER_BAND, {}) is None


def test_ties_share_a_rank():
    ranked = rank([{"id": 1, "dots": 3}, {"id": 2, "dots": 3}, {"id": 3, "dots": 1}], "dots")
    assert [i["dots_rank"] for i in ranked] == [1, 1, 3]


def test_session_results_show_both_rankings_with_an_explanation(app, world):
    with app.test_request_context():
        set_population(world["home"], POPULATION)
        ws = make_workshop(world["home"])
        young, old = add_participant(ws, "18-29"), add_participant(ws, "65-79")
        a = add_idea(ws, "utopie", "Seniorentreff am Markt")
        b = add_idea(ws, "utopie", "Jugendraum mit WLAN")
        add_dots(a, old, 6)
        add_dots(b, young, 2)
        add_dots(b, old, 2)
        results = services.session_results(ws)
        utopie = next(p for p in results["phases"] if p["phase"] == "utopie")
        assert [i["text"] for i in utopie["ideas"]] == ["Seniorentreff am Markt", "Jugendraum mit WLAN"]
        assert [i["text"] for i in utopie["weighted_ideas"]] == ["Jugendraum mit WLAN",
                                                                 "Seniorentreff am Markt"]
        assert [i["weighted"] for i in utopie["weighted_ideas"]] == [6.25, 3.75]
        assert "Anteil an der Einwohnerschaft" in results["weighting_explanation"]
        assert results["weighting_explanation"].count(".") == 1  # one sentence
