"""A municipality with the offices' fine age groups (22 bands, from "unter 3" to "90 und
mehr") plans a measure for every age: all its bands are stored and read back, on SQLite and
on PostgreSQL (which, unlike SQLite, enforces a column's length)."""
import pytest

from participation.extensions import db
from participation.municipalities.band_scheme import OPTIONAL_STARTS, groups_from_starts, scheme_of
from participation.municipalities.models import Municipality
from participation.plan import services
from participation.plan.models import Measure
from tests.conftest import make_app, seed_world
from tests.pg import throwaway_database

FINE = groups_from_starts(OPTIONAL_STARTS)


def _plan_for_every_age(app):
    with app.app_context(), app.test_request_context():
        db.create_all()
        world = seed_world()
        home = db.session.get(Municipality, world["home"].id)
        home.age_band_scheme = scheme_of(FINE)
        db.session.commit()
        assert tuple(home.band_groups()) == FINE
        created = services.create_measure(world["staff"], home.id, {
            "title": "Ein Fest für alle Generationen", "target_age_bands": list(FINE)})
        db.session.expire_all()
        stored = db.session.get(Measure, created.id).age_band_list
        db.session.remove()
        db.engine.dispose()
        return stored


def test_every_fine_band_is_kept_on_sqlite(tmp_path):
    assert tuple(_plan_for_every_age(make_app(tmp_path))) == FINE


@pytest.mark.postgres
def test_every_fine_band_is_kept_on_postgresql(tmp_path):
    with throwaway_database() as url:
        assert tuple(_plan_for_every_age(make_app(tmp_path, SQLALCHEMY_DATABASE_URI=url))) == FINE
