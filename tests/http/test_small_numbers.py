"""Small numbers (issue 13, item 3): public pages and exports never show a share computed
from fewer than 5 answers; they say "weniger als 5" instead."""
import json
import re

from tests.builders import add_participant, make_workshop, set_population


def _session(world, people, migration=("yes", "no", "no")):
    set_population(world["home"], {"18-29": 1400, "50-64": 8600}, migration_share=20.0)
    workshop = make_workshop(world["home"], results_published=True,
                             ask_migration_background=True)
    for n in range(people):
        add_participant(workshop, age_band="80+" if n == 0 else "50-64",
                        migration=migration[n % len(migration)])
    return workshop


def test_public_page_and_json_export_withhold_shares_from_3_answers(app, client, world, login_as):
    workshop = _session(world, 3)
    page = client.get(f"/r/{workshop.join_code}").get_data(as_text=True)
    assert "weniger als 5" in page
    # No participant share at all (the population's shares from the profile may stay).
    assert "der Teilnehmenden" not in page and "33 %" not in page and "67 %" not in page
    export = json.loads(login_as("facilitator").get(f"/w/{workshop.id}/results.json").data)
    who = export["representation"]
    assert who["small_numbers"] is True
    assert all(band["participant_pct"] is None for band in who["bands"])
    assert who["migration"]["participant_pct"] is None and "weniger als 5" in who["migration"]["sentence"]
    assert not re.search(r"\b33(\.3)? ?%", json.dumps(export))


def test_from_5_answers_on_the_shares_are_shown(app, client, world):
    workshop = _session(world, 5, migration=("yes", "no", "no", "no", "no"))
    page = client.get(f"/r/{workshop.join_code}").get_data(as_text=True)
    assert "Menschen mit Migrationsgeschichte: 20 % der Teilnehmenden" in page
