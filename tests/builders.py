"""Shared builders for tests: municipalities' figures, sessions, participants, ideas,
clusters and dots, made straight through the models (fast, any state, any date), or through
the services where a test wants a session as a facilitator opens it.
(No tests in here; test modules import these helpers.)"""
import itertools
import secrets
from datetime import datetime

from participation.extensions import db
from participation.ideas.models import Cluster, Idea
from participation.voting.models import Dot
from participation.workshops.models import Participant, Workshop

_ids = itertools.count(1)


NICKNAMES = ("Zebrafink", "Kormoran", "Eisvogel", "Wiedehopf", "Rotmilan", "Uhu")


def set_population(municipality, counts: dict[str, int], migration_share=None):
    for row in municipality.age_bands:
        row.count = counts.get(row.band, 0)
    municipality.migration_share = migration_share
    db.session.commit()


def make_workshop(municipality, **fields) -> Workshop:
    values = dict(title="Älter werden in Heimstadt", theme="Demografie",
                  question_kritik="Was stört Sie?", question_utopie="Was wäre ideal?",
                  question_verwirklichung="Was packen wir an?", status="closed",
                  join_code="K7PM3Q", opened_at=datetime(2026, 3, 12, 17, 0),
                  closed_at=datetime(2026, 3, 12, 20, 0))
    values.update(fields)
    workshop = Workshop(municipality_id=municipality.id, **values)
    db.session.add(workshop)
    db.session.commit()
    return workshop


def add_participant(workshop, age_band=None, channel="onsite", migration=None, nickname=None,
                    pid=None, acted=True):
    """`acted`: the person did something (only they count in "who takes part")."""
    participant = Participant(id=pid, workshop_id=workshop.id, token=secrets.token_urlsafe(32),
                              acted_at=datetime(2026, 3, 12, 18, 0) if acted else None,
                              nickname=nickname or NICKNAMES[next(_ids) % len(NICKNAMES)],
                              age_band=age_band, channel=channel,
                              migration_background=migration)
    db.session.add(participant)
    db.session.commit()
    return participant


def add_idea(workshop, phase, text, participant=None, cluster=None, status="visible"):
    idea = Idea(workshop_id=workshop.id, participant_id=participant.id if participant else None,
                client_id=f"idea-{next(_ids):06d}", phase=phase, text=text, status=status,
                channel=participant.channel if participant else "onsite",
                cluster_id=cluster.id if cluster else None)
    db.session.add(idea)
    db.session.commit()
    return idea


def add_cluster(workshop, phase, name, position=0):
    cluster = Cluster(workshop_id=workshop.id, phase=phase, name=name, position=position)
    db.session.add(cluster)
    db.session.commit()
    return cluster


def add_dots(idea, participant, n=1, removed=False):
    for _ in range(n):
        db.session.add(Dot(workshop_id=idea.workshop_id, idea_id=idea.id,
                           participant_id=participant.id, phase=idea.phase,
                           age_band=participant.age_band, channel=participant.channel,
                           client_id=f"dot-{next(_ids):06d}",
                           removed_at=datetime(2026, 3, 12, 19, 0) if removed else None))
        if not removed:
            idea.dot_count += 1
    db.session.commit()


def run_workshop(municipality, first_id=None):
    """A small evening in Heimstadt: 10 people, ideas in all three phases, dots."""
    set_population(municipality, {"0-17": 1600, "18-29": 1400, "30-49": 2600, "50-64": 2300,
                                  "65-79": 1500, "80+": 600}, migration_share=20.0)
    ws = make_workshop(municipality, ask_migration_background=True)
    ids = itertools.count(first_id) if first_id else itertools.repeat(None)
    young = add_participant(ws, "18-29", "online", migration="yes", pid=next(ids))
    people = [young] + [add_participant(ws, band, channel, migration=m, pid=next(ids))
                        for band, channel, m in (
        ("30-49", "onsite", "no"), ("50-64", "onsite", "no"), ("65-79", "onsite", "yes"),
        ("65-79", "onsite", "no"), ("65-79", "assisted", None), ("80+", "onsite", "no"),
        ("50-64", "kiosk", "no"), ("30-49", "online", None), (None, "onsite", None))]
    bus = add_cluster(ws, "verwirklichung", "Busverkehr")
    ideas = {
        "laerm": add_idea(ws, "kritik", "Zu viel Durchgangsverkehr", people[1]),
        "treff": add_idea(ws, "utopie", "Ein Dorftreff für alle Generationen", people[2]),
        "bus": add_idea(ws, "verwirklichung", "Bürgerbus am Wochenende", people[3], cluster=bus),
        "ruf": add_idea(ws, "verwirklichung", "Rufbus für Ortsteile", people[4], cluster=bus),
        "bank": add_idea(ws, "verwirklichung", "Mehr Bänke am Marktplatz", people[5]),
    }
    add_dots(ideas["laerm"], people[1], 2)
    add_dots(ideas["treff"], people[2], 3)
    add_dots(ideas["bus"], people[3], 3)
    add_dots(ideas["bus"], people[4], 2)
    add_dots(ideas["bus"], young, 1)
    add_dots(ideas["ruf"], people[6], 2)
    add_dots(ideas["ruf"], people[7], 1, removed=True)  # taken back: does not count
    add_dots(ideas["bank"], people[5], 3)
    add_dots(ideas["bank"], people[8], 1)
    return {"workshop": ws, "people": people, "ideas": ideas, "cluster": bus}


def open_session(world, who="facilitator", dotting=False, **settings) -> Workshop:
    """A session created and opened through the services, as `who` of the `world` fixture
    does it in the console (`dotting`: every phase in its dotting step, see
    tests.conftest.open_dotting)."""
    from participation.workshops import services
    from tests.conftest import open_dotting
    user = world[who]
    data = {"title": "Älter werden in Heimstadt", **settings}
    workshop = services.create_workshop(world["home"].id, user.id, data)
    workshop = services.open_workshop(workshop.id, user.id)
    return open_dotting(workshop) if dotting else workshop


def as_resident(client, workshop, token="t" * 43):
    """`client` carries the signed cookie of a new participant of `workshop`, as after
    joining on the phone (without going through the join form)."""
    from participation.workshops.cookies import cookie_name, sign_token
    participant = Participant(workshop_id=workshop.id, token=token)
    db.session.add(participant)
    db.session.commit()
    client.set_cookie(cookie_name(workshop.id), sign_token(workshop.id, participant.token))
    return client
