"""Duplicate detection quality on the hand-written labelled set (tests/data/
duplicate_pairs.csv, 346 pairs). A change that makes it worse fails here; the full
figures come from `python -m tests.load.eval_similarity`.

Floors are the measured figures (rounded down), not the issue's target of precision 0.85
at recall 0.7: the model reaches that on the dev topics (0.859 / 0.790) but not on the
held-out topics (0.781 / 0.625), so over all pairs it stays at 0.827 / 0.717."""
import pytest

from participation.insights.embeddings import get_embedder
from tests.load.eval_similarity import evaluate


@pytest.fixture(scope="module")
def model_figures():
    return evaluate("use")


def test_model_threshold_is_the_one_chosen_on_the_dev_split(model_figures):
    assert get_embedder("use").duplicate_threshold == pytest.approx(model_figures["threshold"])


def test_model_meets_the_target_on_the_dev_split(model_figures):
    precision, recall = model_figures["dev"]
    assert precision >= 0.85 and recall >= 0.75


def test_model_quality_on_all_pairs_does_not_regress(model_figures):
    precision, recall = model_figures["all_at_configured"]
    assert precision >= 0.82 and recall >= 0.70


def test_model_quality_on_held_out_topics_does_not_regress(model_figures):
    precision, recall = model_figures["test"]
    assert precision >= 0.77 and recall >= 0.60


def test_lexical_fallback_on_german_pairs_does_not_regress():
    figures = evaluate("lexical", german_only=True)
    precision, recall = figures["all_at_configured"]
    assert precision >= 0.60 and recall >= 0.75
