"""Finding 10: hiding an idea gives its dots back; restoring it must not leave anyone with
more dots than the budget (it was 8 active with budget 5). SQLite and PostgreSQL. The same
holds when the hide is taken back with "Rückgängig" instead (that path had 8 too)."""
import uuid

import pytest

from participation.extensions import db
from participation.ideas import moderation, undo
from participation.ideas.services import submit_idea
from participation.voting import services as voting
from participation.voting.models import Dot
from participation.workshops import services
from tests.conftest import open_dotting, make_app, seed_world
from tests.pg import throwaway_database


def _scenario(app, bring_back="restore"):
    with app.app_context(), app.test_request_context():
        db.create_all()
        world = seed_world()
        ws = services.create_workshop(world["home"].id, world["facilitator"].id,
                                      {"title": "Budget", "dots_per_participant": 5,
                                       "max_dots_per_idea": 3})
        ws = services.open_workshop(ws.id, world["facilitator"].id)
        me = services.join(ws.id)
        a, _ = submit_idea(ws.id, me.id, "Idee A", uuid.uuid4().hex)
        b, _ = submit_idea(ws.id, me.id, "Idee B", uuid.uuid4().hex)
        c, _ = submit_idea(ws.id, me.id, "Idee C", uuid.uuid4().hex)
        open_dotting(ws)
        for _ in range(3):
            voting.add_dot(ws.id, me.id, a.id, uuid.uuid4().hex)
        moderation.hide(ws.id, a.id, world["facilitator"].id)
        for idea in (b, b, b, c, c):  # the 3 given-back dots and the 2 left, spent elsewhere
            voting.add_dot(ws.id, me.id, idea.id, uuid.uuid4().hex)
        if bring_back == "restore":
            moderation.restore(ws.id, a.id, world["facilitator"].id)
        else:
            hide_step = next(x for x in moderation.actions(ws.id, 50) if x.action == "hide")
            undo.undo(ws.id, hide_step.id, world["facilitator"].id)
        db.session.expire_all()
        active = db.session.scalar(db.select(db.func.count(Dot.id)).where(
            Dot.participant_id == me.id, Dot.removed_at.is_(None)))
        me_now = voting.me_dict(services.get_workshop(ws.id), me.id)
        a_count = db.session.get(type(a), a.id).dot_count
        db.session.remove()
        db.engine.dispose()
        return active, me_now, a_count


def _check(result):
    active, me_now, a_count = result
    assert active == 5 and me_now["dots_left"] == 0
    assert sum(me_now["my_dots"].values()) == 5 and a_count == 0


def test_restore_keeps_the_budget_on_sqlite(tmp_path):
    _check(_scenario(make_app(tmp_path)))


def test_undoing_the_hide_keeps_the_budget(tmp_path):
    _check(_scenario(make_app(tmp_path), bring_back="undo"))


@pytest.mark.postgres
def test_restore_keeps_the_budget_on_postgresql(tmp_path):
    with throwaway_database() as url:
        _check(_scenario(make_app(tmp_path, SQLALCHEMY_DATABASE_URI=url)))
