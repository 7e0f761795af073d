"""Exports of a session's results: spreadsheet-safe CSV, JSON without participant identifiers."""
import csv
import io
import json

import pytest

from participation.extensions import db
from participation.results import exports, services
from participation.results.csv_safe import safe_cell, write_csv
from participation.workshops.models import Participant
from tests.builders import add_dots, add_idea, make_workshop, run_workshop

ATTACKS = ["=HYPERLINK(\"http://evil.example\",\"klick\")", "+1+2", "-3+4", "@SUM(A1:A9)",
           "\t=1+1", "\r=1+1"]


def read_csv(text):
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


@pytest.mark.parametrize("attack", ATTACKS)
def test_dangerous_cells_are_neutralised(attack):
    assert safe_cell(attack) == "'" + attack
    rows = read_csv(write_csv(["Text"], [[attack]]))
    assert rows[1][0] == "'" + attack


def test_harmless_cells_and_numbers_stay_as_they_are():
    assert safe_cell("Bürgerbus") == "Bürgerbus"
    assert safe_cell(-3) == -3 and safe_cell(2.5) == 2.5
    assert safe_cell(None) == ""


def test_results_csv_neutralises_formulas_in_idea_texts(app, world):
    with app.test_request_context():
        ws = make_workshop(world["home"])
        for text in ATTACKS:
            add_idea(ws, "kritik", text)
        rows = read_csv(exports.results_csv(services.session_results(ws)))
        texts = [row[3] for row in rows[1:]]
        assert sorted(texts) == sorted("'" + attack for attack in ATTACKS)
        for row in rows:
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_no_participant_identifier_leaks_into_csv_or_json(app, world):
    with app.test_request_context():
        # Distinctive ids, so a leak of a participant id would be found in the text.
        run = run_workshop(world["home"], first_id=987650)
        ws = run["workshop"]
        people = list(db.session.scalars(db.select(Participant).where(Participant.workshop_id == ws.id)))
        assert len(people) == 10 and all(p.nickname for p in people)
        assert min(p.id for p in people) == 987650
        add_dots(add_idea(ws, "utopie", "Noch eine Idee", people[0]), people[0], 1)
        results = services.session_results(ws)
        who = services.representation(ws)
        outputs = [exports.results_csv(results), exports.results_json(results, who)]
        for text in outputs:
            for person in people:
                assert person.token not in text
                assert person.nickname not in text
                assert str(person.id) not in text
            assert "Bürgerbus am Wochenende" in text
        data = json.loads(outputs[1])

        def keys(node):
            if isinstance(node, dict):
                for key, value in node.items():
                    yield key
                    yield from keys(value)
            elif isinstance(node, list):
                for value in node:
                    yield from keys(value)
        found = set(keys(data))
        assert not found & {"participant_id", "participant", "token", "nickname", "client_id"}
        assert data["representation"]["participants"]["total"] == 10
