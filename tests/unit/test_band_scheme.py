"""A municipality's own bands: neighbours of the six standard bands merged (for example 65+)
or split where the statistics allow (65-74 and 75+), used alike by the join page, the profile,
the representation and the age weighting."""
import pytest

from participation.municipalities.band_scheme import (aggregate, common_groups,
                                                      groups_from_starts, is_band_code, label,
                                                      members, parse_scheme, regroup, scheme_of)
from participation.results.weighting import band_weights, weighted_score

MERGED = ("0-17", "18-29", "30-49", "50-64", "65+")


def test_schemes_are_built_from_the_standard_limits():
    assert groups_from_starts([18, 30, 50, 65]) == MERGED
    assert parse_scheme(scheme_of(MERGED)) == MERGED
    assert parse_scheme("") == ("0-17", "18-29", "30-49", "50-64", "65-79", "80+")
    assert members("65+") == ["65-79", "80+"] and members("18-49") == ["18-29", "30-49"]
    assert groups_from_starts([18, 30, 50, 65, 75]) == FINER


FINER = ("0-17", "18-29", "30-49", "50-64", "65-74", "75+")


def test_band_codes_of_any_scheme_are_answers_and_nothing_else():
    assert all(is_band_code(b) for b in ("65-74", "75+", "65-79", "0-17", "100+"))
    assert not any(is_band_code(b) for b in ("none", "", None, "74-65", "65 bis 74", "x+"))


def test_old_answers_that_reach_over_a_new_limit_pool_the_bands_they_touch():
    # Nobody answered in old bands: the scheme itself.
    assert common_groups(FINER, ["30-49", "65-74", "75+"]) == FINER
    # "65-79" from before the split reaches over 75: 65-74 and 75+ are compared as 65+.
    assert common_groups(FINER, ["65-74", "65-79", "80+"]) == (
        "0-17", "18-29", "30-49", "50-64", "65+")
    # An old "80+" lies inside 75+: no pooling needed.
    assert common_groups(FINER, ["80+"]) == FINER
    assert aggregate({"65-74": 2, "65-79": 3, "80+": 1, "none": 4},
                     common_groups(FINER, ["65-79"]))["65+"] == 6


def test_regrouping_needs_bands_that_follow_one_another():
    assert regroup({"65-74": 1, "75+": 2, "0-64": 3}, ("0-64", "65+")) == {"0-64": 3, "65+": 3}
    assert regroup({"65-74": 1, "80+": 2, "0-64": 3}, ("0-64", "65+")) is None  # 75-79 missing


def test_labels_of_merged_bands(app):
    with app.test_request_context():
        assert str(label("65+")) == "65 und älter" and str(label("18-49")) == "18 bis 49"
        assert str(label("0-29")) == "unter 30" and str(label("80+")) == "80 und älter"


def test_counts_are_regrouped_only_where_they_add_up():
    six = {"0-17": 10, "18-29": 20, "30-49": 30, "50-64": 40, "65-79": 50, "80+": 5}
    assert aggregate(six, MERGED)["65+"] == 55
    assert regroup(six, MERGED) == aggregate(six, MERGED)
    assert regroup(aggregate(six, MERGED), groups_from_starts([18, 30, 50, 65, 80])) is None


def test_weighting_pools_the_dots_of_a_merged_band():
    population = {"0-17": 0, "18-29": 0, "30-49": 500, "50-64": 0, "65+": 500}
    dots = {"30-49": 30, "65-79": 6, "80+": 4}
    weights = band_weights(dots, population)
    # 65+ placed 10 of 40 dots but is half of the residents: weight 2 for both members.
    assert weights["65-79"] == weights["80+"] == pytest.approx(2.0)
    assert weights["30-49"] == pytest.approx(0.5 / 0.75)
    assert weighted_score({"80+": 1, "none": 1}, weights) == pytest.approx(3.0)


def test_weighting_in_finer_bands_and_with_answers_from_before_a_split():
    population = {"0-17": 0, "18-29": 0, "30-49": 500, "50-64": 0, "65-74": 300, "75+": 200}
    weights = band_weights({"30-49": 30, "65-74": 6, "75+": 4}, population)
    assert weights["65-74"] == pytest.approx(0.3 / (6 / 40))
    assert weights["75+"] == pytest.approx(0.2 / (4 / 40))
    # One dot placed as "65-79" (joined before the split): 65-74 and 75+ are weighted as one.
    weights = band_weights({"30-49": 30, "65-74": 5, "65-79": 1, "75+": 4}, population)
    assert weights["65-74"] == weights["65-79"] == weights["75+"] == pytest.approx(0.5 / 0.25)
