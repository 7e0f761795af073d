"""The grouped dot writer (several dots in one transaction, one commit), called directly.

Before this module only the slow live-server tests reached the grouped path: in the tests'
threading mode `add_dot` places one dot per transaction. Here a group holds several dots of
several people, and some of them break a rule inside the group.
"""
import threading
import uuid

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from participation.extensions import db
from participation.ideas.models import Idea, IdeaStatus
from participation.ideas.services import submit_idea
from participation.voting import batch, tally
from participation.voting.models import Dot
from participation.workshops import services as workshop_services
from tests.conftest import open_dotting


# The writer's API in one place: the core branch splits voting into rules/batch/services,
# and a rename there is a change of these three lines.
def place_group(requests):
    """One group, one transaction: a result dict or the DomainError per request."""
    return batch.place(requests)


def start_writer(app):
    """The per-process writer green thread (a daemon thread in threading mode)."""
    return batch.Writer(app)


WRITER_MODULE = batch  # where `place` lives (monkeypatched to hold the first group back)


@pytest.fixture
def hall(app, world):
    """An open session in its dotting step (3 dots each, at most 2 on one idea), three
    participants and three ideas of the current phase."""
    workshop = workshop_services.create_workshop(world["home"].id, world["facilitator"].id, {
        "title": "Gruppe", "dots_per_participant": 3, "max_dots_per_idea": 2})
    open_dotting(workshop_services.open_workshop(workshop.id, world["facilitator"].id))
    people = [workshop_services.join(workshop.id).id for _ in range(3)]
    ideas = [submit_idea(workshop.id, people[0], text, uuid.uuid4().hex)[0].id
             for text in ("Mehr Bänke am Markt", "Ein Bus am Sonntag", "Ein Jugendtreff")]
    db.session.commit()
    yield {"workshop": workshop.id, "people": people, "ideas": ideas}
    tally.stop_all()


@pytest.fixture
def commits():
    seen = []

    def count(session):
        seen.append(session)

    event.listen(Session, "after_commit", count)
    yield seen
    event.remove(Session, "after_commit", count)


def request(hall, person, idea, client_id=None):
    return (hall["workshop"], hall["people"][person], hall["ideas"][idea],
            client_id or uuid.uuid4().hex)


def stored():
    """Per idea: the stored count and the active dot rows (they must agree)."""
    db.session.expire_all()
    rows = {}
    for (idea_id,) in db.session.execute(db.select(Dot.idea_id).where(Dot.removed_at.is_(None))):
        rows[idea_id] = rows.get(idea_id, 0) + 1
    counts = {idea.id: idea.dot_count for idea in db.session.scalars(db.select(Idea))}
    return counts, rows


def test_several_dots_of_several_people_land_in_one_commit_each_with_its_own_ack(hall, commits):
    a, b, c = hall["ideas"]
    group = [request(hall, 0, 0), request(hall, 1, 0), request(hall, 0, 1),
             request(hall, 2, 0), request(hall, 1, 2)]

    results = place_group(group)

    assert len(commits) == 1
    assert all(isinstance(r, dict) for r in results), results
    # Each ack names its own person and idea, and the idea's count right after that dot.
    assert [(r["participant_id"], r["idea_id"]) for r in results] == \
        [(g[1], g[2]) for g in group]
    assert [r["dots"] for r in results] == [1, 2, 1, 3, 1]
    assert [r["repeat"] for r in results] == [False] * 5
    first, second, third = hall["people"]
    assert results[0]["me"] == {"participant_id": first, "dots_left": 2, "my_dots": {str(a): 1}}
    assert results[2]["me"] == {"participant_id": first, "dots_left": 1,
                                "my_dots": {str(a): 1, str(b): 1}}
    assert results[4]["me"] == {"participant_id": second, "dots_left": 1,
                                "my_dots": {str(a): 1, str(c): 1}}
    assert results[3]["me"]["dots_left"] == 2
    counts, rows = stored()
    assert counts == {a: 3, b: 1, c: 1} and rows == {a: 3, b: 1, c: 1}


def test_dots_that_break_a_rule_inside_the_group_fail_alone_and_the_others_land(hall, commits):
    a, b, c = hall["ideas"]
    hidden = db.session.get(Idea, c)
    hidden.status = IdeaStatus.HIDDEN.value
    db.session.commit()
    group = [request(hall, 0, 0), request(hall, 0, 0),
             request(hall, 0, 0),      # a third dot on one idea: over the limit of 2
             request(hall, 1, 2),      # on a hidden idea
             request(hall, 0, 1),      # the third of three: still inside the budget
             request(hall, 0, 1),      # a fourth: over the budget
             request(hall, 1, 1)]
    commits.clear()

    results = place_group(group)

    assert len(commits) == 1
    codes = [getattr(r, "code", "ok") for r in results]
    assert codes == ["ok", "ok", "idea_limit_reached", "idea_not_found", "ok",
                     "budget_exhausted", "ok"]
    assert [r["dots"] for r in results if isinstance(r, dict)] == [1, 2, 1, 2]
    assert results[4]["me"]["dots_left"] == 0
    assert results[6]["me"] == {"participant_id": hall["people"][1], "dots_left": 2,
                                "my_dots": {str(b): 1}}
    counts, rows = stored()
    assert counts == {a: 2, b: 2, c: 0} and rows == {a: 2, b: 2}


def test_a_client_id_sent_twice_in_one_group_is_one_dot_and_a_stolen_one_is_refused(hall):
    a = hall["ideas"][0]
    same = uuid.uuid4().hex
    results = place_group([request(hall, 0, 0, same), request(hall, 0, 0, same),
                           request(hall, 1, 0, same)])

    assert results[0]["repeat"] is False and results[0]["dots"] == 1
    assert results[1]["repeat"] is True and results[1]["idea_id"] == a
    assert getattr(results[2], "code", None) == "invalid"
    assert stored() == ({a: 1, hall["ideas"][1]: 0, hall["ideas"][2]: 0}, {a: 1})


def test_a_group_after_a_committed_one_sees_its_dots(hall):
    a = hall["ideas"][0]
    place_group([request(hall, 0, 0), request(hall, 0, 0)])
    again = place_group([request(hall, 0, 0), request(hall, 1, 0)])

    assert getattr(again[0], "code", None) == "idea_limit_reached"
    assert again[1]["dots"] == 3
    assert stored()[0][a] == 3


def test_the_writer_groups_waiting_callers_and_answers_each_its_own_ack(app, hall, monkeypatch):
    """Four handlers wait on the writer; the first group is held back until the other
    three are queued, so they are written as one group of three (one of which fails)."""
    real_place = WRITER_MODULE.place
    groups, release = [], threading.Event()

    def held_place(requests):
        groups.append([r[3] for r in requests])
        if len(groups) == 1:
            release.wait(30)
        return real_place(requests)

    monkeypatch.setattr(WRITER_MODULE, "place", held_place)
    db.session.remove()  # the writer thread uses its own session on the same database
    writer = start_writer(app)
    b = hall["ideas"][1]
    calls = [request(hall, 0, 1), request(hall, 1, 1), request(hall, 0, 1),
             request(hall, 0, 1)]   # the last: a third dot of person 0 on one idea
    answers = [None] * len(calls)

    def caller(index):
        answers[index] = writer.submit(calls[index] + (None,))

    threads = [threading.Thread(target=caller, args=(0,))]
    threads[0].start()
    while not groups:
        threading.Event().wait(0.01)
    for index in (1, 2, 3):
        threads.append(threading.Thread(target=caller, args=(index,)))
        threads[-1].start()
        while len(writer.pending) < index:
            threading.Event().wait(0.01)
    release.set()
    for thread in threads:
        thread.join(30)

    assert groups == [[calls[0][3]], [c[3] for c in calls[1:]]]
    assert [a["dots"] for a in answers[:3]] == [1, 2, 3]
    assert answers[0]["me"]["my_dots"] == {str(b): 1}
    assert answers[1]["me"] == {"participant_id": hall["people"][1], "dots_left": 2,
                                "my_dots": {str(b): 1}}
    assert answers[2]["me"]["my_dots"] == {str(b): 2}
    assert getattr(answers[3], "code", None) == "idea_limit_reached"
    assert stored()[0][b] == 3
