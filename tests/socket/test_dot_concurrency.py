"""Dot writes under real concurrency on PostgreSQL (row lock on the participant) and SQLite
(database write lock): identical client ids count once, the budget is never exceeded."""
import threading
import uuid

import pytest

from participation.accounts.models import Role
from participation.accounts.services import create_user
from participation.extensions import db
from participation.ideas.services import submit_idea
from participation.municipalities.services import create_municipality
from participation.voting import services as voting
from participation.voting import tally
from participation.voting.models import Dot
from participation.workshops import services as workshops
from tests.conftest import make_app, open_dotting
from tests.pg import throwaway_database


def _setup(app, dots=3):
    with app.app_context():
        db.create_all()
        home = create_municipality("Heimstadt", "stadt", "Hessen", 1000)
        user = create_user("m@example.org", "M", "x" * 12, Role.FACILITATOR, [home.id])
        workshop = workshops.create_workshop(home.id, user.id, {
            "title": "T", "dots_per_participant": dots, "max_dots_per_idea": dots})
        open_dotting(workshops.open_workshop(workshop.id, user.id))
        participant = workshops.join(workshop.id)
        idea, _ = submit_idea(workshop.id, participant.id, "Idee", uuid.uuid4().hex)
        ids = workshop.id, participant.id, idea.id
        db.session.remove()
    return ids


def _race(app, calls):
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        with app.app_context():
            barrier.wait()
            try:
                results[index] = call()
            except Exception as error:  # noqa: BLE001 - collected for the assertion
                results[index] = error
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


def _check(app):
    workshop_id, participant_id, idea_id = _setup(app)
    same = uuid.uuid4().hex
    results = _race(app, [lambda: voting.add_dot(workshop_id, participant_id, idea_id, same)] * 8)
    assert all(isinstance(r, dict) for r in results), results
    assert sum(1 for r in results if not r["repeat"]) == 1
    results = _race(app, [lambda: voting.add_dot(workshop_id, participant_id, idea_id, uuid.uuid4().hex)
                          for _ in range(8)])
    codes = [getattr(r, "code", "ok") for r in results]
    assert codes.count("ok") == 2 and set(codes) == {"ok", "budget_exhausted"}, codes
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Dot).where(
            Dot.removed_at.is_(None))) == 3
        tally.stop_all()
        db.engine.dispose()


def test_concurrent_dots_on_sqlite(tmp_path):
    _check(make_app(tmp_path))


@pytest.mark.postgres
def test_concurrent_dots_on_postgresql(tmp_path):
    with throwaway_database() as url:
        app = make_app(tmp_path, SQLALCHEMY_DATABASE_URI=url)
        _check(app)
