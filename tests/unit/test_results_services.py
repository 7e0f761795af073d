"""Results of a session: rankings per phase, dot splits, who took part, publishing."""
import pytest

from participation.errors import Forbidden, NotFound
from participation.extensions import db
from participation.results import services
from participation.results.representation import representation
from tests.builders import (add_dots, add_idea, add_participant, make_workshop, run_workshop,
                            set_population)


@pytest.fixture
def ctx(app):
    with app.test_request_context():
        yield


def phase(results, name):
    return next(p for p in results["phases"] if p["phase"] == name)


def test_ideas_are_ranked_by_active_dots_per_phase(ctx, world):
    run = run_workshop(world["home"])
    results = services.session_results(run["workshop"])
    real = phase(results, "verwirklichung")
    assert [(i["text"], i["dots"], i["dots_rank"]) for i in real["ideas"]] == [
        ("Bürgerbus am Wochenende", 6, 1),
        ("Mehr Bänke am Marktplatz", 4, 2),
        ("Rufbus für Ortsteile", 2, 3),  # the taken-back dot does not count
    ]
    assert phase(results, "kritik")["ideas"][0]["text"] == "Zu viel Durchgangsverkehr"
    assert phase(results, "utopie")["total_dots"] == 3


def test_dots_split_by_age_band_and_channel(ctx, world):
    run = run_workshop(world["home"])
    bus = phase(services.session_results(run["workshop"]), "verwirklichung")["ideas"][0]
    assert bus["by_age_band"]["65-79"] == 5 and bus["by_age_band"]["18-29"] == 1
    assert bus["by_channel"] == {"onsite": 5, "online": 1, "assisted": 0, "kiosk": 0}
    bank = phase(services.session_results(run["workshop"]), "verwirklichung")["ideas"][1]
    assert bank["by_channel"]["assisted"] == 3


def test_clusters_sum_the_dots_of_their_ideas(ctx, world):
    run = run_workshop(world["home"])
    clusters = phase(services.session_results(run["workshop"]), "verwirklichung")["clusters"]
    assert [(c["name"], c["dots"], len(c["idea_ids"])) for c in clusters] == [("Busverkehr", 8, 2)]


def test_hidden_ideas_leave_the_results_and_merged_ideas_give_their_dots_to_the_kept_one(ctx, world):
    ws = make_workshop(world["home"])
    person = add_participant(ws, "30-49")
    kept = add_idea(ws, "kritik", "Keine Ärztin im Ort")
    merged = add_idea(ws, "kritik", "Kein Arzt mehr da", status="merged")
    merged.merged_into_id = kept.id
    hidden = add_idea(ws, "kritik", "Beleidigung", status="hidden")
    db.session.commit()
    add_dots(kept, person, 1)
    add_dots(merged, person, 2)
    add_dots(hidden, person, 2)
    ideas = phase(services.session_results(ws), "kritik")["ideas"]
    assert [(i["text"], i["dots"]) for i in ideas] == [("Keine Ärztin im Ort", 3)]


def test_under_represented_groups_are_named_in_words(ctx, world):
    home = world["home"]
    set_population(home, {"0-17": 0, "18-29": 1400, "30-49": 2600, "50-64": 3000,
                          "65-79": 2000, "80+": 1000})
    ws = make_workshop(home)
    add_participant(ws, "18-29")
    for band, n in (("30-49", 6), ("50-64", 8), ("65-79", 7), ("80+", 3)):
        for _ in range(n):
            add_participant(ws, band)
    add_participant(ws, None)  # no answer: not part of the percentages
    who = representation(ws)
    assert who["participants"]["total"] == 26
    assert who["participants"]["with_age_band"] == 25
    sentences = [item["sentence"] for item in who["under_represented"]]
    assert sentences == ["Menschen von 18 bis 29: 4 % der Teilnehmenden, 14 % der Einwohnerschaft"]
    assert "Menschen von 18 bis 29: 4 %" in who["summary"]
    row = next(b for b in who["bands"] if b["band"] == "18-29")
    assert (row["participant_pct"], row["population_pct"], row["under_represented"]) == (4.0, 14.0, True)
    assert who["migration"] is None  # the session did not ask


def test_representation_without_population_says_so(ctx, world):
    ws = make_workshop(world["home"])
    add_participant(ws, "30-49")
    who = representation(ws)
    assert who["has_population"] is False
    assert who["under_represented"] == []
    assert "Altersstruktur" in who["summary"]


def test_migration_background_is_compared_only_when_asked(ctx, world):
    run = run_workshop(world["home"])
    who = representation(run["workshop"])
    migration = who["migration"]
    assert migration["answered"] == 7 and migration["with_migration_background"] == 2
    assert migration["sentence"] == ("Menschen mit Migrationsgeschichte: 29 % der Teilnehmenden, "
                                     "20 % der Einwohnerschaft")
    run["workshop"].ask_migration_background = False
    db.session.commit()
    assert representation(run["workshop"])["migration"] is None


def test_representation_counts_channels_and_has_no_identifiers(ctx, world):
    run = run_workshop(world["home"])
    who = representation(run["workshop"])
    assert who["participants"]["by_channel"] == {"onsite": 6, "online": 2, "assisted": 1, "kiosk": 1}
    text = repr(who)
    for person in run["people"]:
        assert person.token not in text and person.nickname not in text


def test_public_results_need_closed_session_and_publishing(ctx, world):
    ws = make_workshop(world["home"], status="open")
    assert not services.public_results_available(ws)
    services.set_published(world["facilitator"], ws.id, True)
    assert not services.public_results_available(ws)  # still open
    ws.status = "closed"
    db.session.commit()
    assert services.public_results_available(ws)
    services.set_published(world["facilitator"], ws.id, False)
    assert not services.public_results_available(ws)
    assert not services.public_results_available(None)


def test_only_workshop_runners_of_the_municipality_publish(ctx, world):
    ws = make_workshop(world["home"])
    with pytest.raises(Forbidden):
        services.set_published(world["staff"], ws.id, True)
    with pytest.raises(NotFound):
        services.set_published(world["other_facilitator"], ws.id, True)
    assert db.session.get(type(ws), ws.id).results_published is False


def test_results_keep_their_shape_after_the_participant_data_is_erased(ctx, world):
    from participation.privacy.services import erase_participant_data
    run = run_workshop(world["home"])
    before = services.session_results(run["workshop"])
    erase_participant_data(run["workshop"])
    db.session.expire_all()
    after = services.session_results(run["workshop"])
    assert after["phases"] == before["phases"]


def test_who_took_part_keeps_its_counts_after_the_participant_data_is_erased(ctx, world):
    from participation.privacy.services import erase_participant_data
    from participation.results.models import WorkshopParticipationSnapshot
    from participation.workshops.models import Participant
    home = world["home"]
    set_population(home, {"0-17": 0, "18-29": 1400, "30-49": 2600, "50-64": 3000,
                          "65-79": 2000, "80+": 1000}, migration_share=25.0)
    ws = make_workshop(home, ask_migration_background=True)
    add_participant(ws, "18-29", migration="yes")
    for band, n in (("30-49", 6), ("50-64", 8), ("65-79", 7), ("80+", 3)):
        for _ in range(n):
            add_participant(ws, band, channel="online" if band == "80+" else "onsite",
                            migration="no")
    add_participant(ws, None, channel="assisted")
    before = representation(ws)
    assert before["participants"]["total"] == 26

    assert erase_participant_data(ws) == 26
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count()).select_from(Participant)) == 0
    after = representation(ws)
    assert after == before
    assert after["participants"]["by_channel"] == {"onsite": 22, "online": 3, "assisted": 1,
                                                   "kiosk": 0}
    assert after["migration"]["answered"] == 25 and after["migration"]["with_migration_background"] == 1
    assert [u["sentence"] for u in after["under_represented"]] == [
        "Menschen von 18 bis 29: 4 % der Teilnehmenden, 14 % der Einwohnerschaft"]
    # The snapshot holds aggregates only: no column could carry a participant identifier.
    columns = set(WorkshopParticipationSnapshot.__table__.columns.keys())
    assert columns == {"id", "workshop_id", "total", "by_age_band", "by_channel",
                       "migration_yes", "migration_no", "updated_at"}

    # Erasing again (nobody new) changes nothing; people who join a reopened session add up.
    erase_participant_data(ws)
    add_participant(ws, "18-29", channel="online")
    assert representation(ws)["participants"]["total"] == 27
    erase_participant_data(ws)
    db.session.expire_all()
    again = representation(ws)
    assert again["participants"]["total"] == 27
    assert again["bands"][1]["participants"] == 2  # 18-29


def test_an_empty_session_has_empty_results(ctx, world):
    ws = make_workshop(world["home"])
    results = services.session_results(ws)
    assert [p["ideas"] for p in results["phases"]] == [[], [], []]
    assert representation(ws)["summary"] == "Noch nehmen keine Personen teil."
