"""Every POST endpoint refuses a request without a CSRF token and changes nothing."""
import pytest
from sqlalchemy import inspect, text

from participation.extensions import db as _db
from tests.conftest import PASSWORD, make_app


@pytest.fixture
def app(tmp_path):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    with app.app_context():
        _db.create_all()
        yield app
        _db.session.remove()


def login_with_token(client, email):
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    return client.post("/login", data={"csrf_token": token, "email": email,
                                       "password": PASSWORD})


def snapshot():
    """Every row of every table: the whole database, to compare before and after."""
    tables = inspect(_db.engine).get_table_names()
    _db.session.remove()
    with _db.engine.connect() as conn:
        return {name: sorted(map(tuple, conn.execute(text(f'SELECT * FROM "{name}"'))), key=repr)
                for name in tables}


def url_for_rule(rule, home_id):
    values = {}
    for name, converter in rule._converters.items():
        kind = type(converter).__name__
        if kind in ("IntegerConverter", "NumberConverter"):
            values[name] = home_id if "municipality" in name else 1
        else:
            values[name] = "ABC234"
    return rule.build(values, append_unknown=False)[1]


def post_rules(app):
    return [rule for rule in app.url_map.iter_rules()
            if "POST" in (rule.methods or ()) and rule.endpoint != "static"]


def test_there_are_post_endpoints_to_check(app):
    endpoints = {rule.endpoint for rule in post_rules(app)}
    assert {"accounts.login", "accounts.logout", "privacy.erase_session",
            "privacy.delete"} <= endpoints


@pytest.mark.parametrize("who", ["anonymous", "admin"])
def test_post_without_csrf_token_is_refused_and_changes_nothing(app, world, who):
    client = app.test_client()
    if who == "admin":
        assert login_with_token(client, "admin@example.org").status_code == 302
        assert client.get("/account").status_code == 200  # really logged in
    home_id = world["home"].id
    before = snapshot()
    checked = []
    for rule in post_rules(app):
        url = url_for_rule(rule, home_id)
        response = client.post(url, data={"email": "admin@example.org", "password": "x",
                                          "confirm": "y", "name": "Neu", "text": "Neu"})
        assert response.status_code == 400, (rule.endpoint, url, response.status_code)
        checked.append(rule.endpoint)
        if who == "admin":
            assert client.get("/account").status_code == 200, rule.endpoint
    assert snapshot() == before
    assert len(checked) == len(post_rules(app))
    if who == "admin":
        assert client.get("/account").status_code == 200  # the session survived


def test_post_with_the_token_passes_the_check(app, world):
    assert login_with_token(app.test_client(), "admin@example.org").status_code == 302
