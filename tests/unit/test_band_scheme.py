"""A municipality's own bands: neighbours of the six standard bands merged (for example 65+),
used alike by the profile, the representation and the age weighting."""
import pytest

from participation.errors import ValidationError
from participation.municipalities.band_scheme import (aggregate, groups_from_starts, label,
                                                      members, parse_scheme, regroup, scheme_of)
from participation.results.weighting import band_weights, weighted_score

MERGED = ("0-17", "18-29", "30-49", "50-64", "65+")


def test_schemes_are_built_from_the_standard_limits():
    assert groups_from_starts([18, 30, 50, 65]) == MERGED
    assert parse_scheme(scheme_of(MERGED)) == MERGED
    assert parse_scheme("") == ("0-17", "18-29", "30-49", "50-64", "65-79", "80+")
    assert members("65+") == ["65-79", "80+"] and members("18-49") == ["18-29", "30-49"]
    with pytest.raises(ValidationError):
        groups_from_starts([18, 75])  # residents are not asked whether they are over 75


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
