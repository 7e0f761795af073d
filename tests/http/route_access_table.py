"""Who may call which endpoint: one line per endpoint of the app's url_map.

`tests/http/test_route_access.py` walks every endpoint listed here with every role and
fails when an endpoint of the app is missing. When you add a route, add ONE line to
ROUTE_ACCESS; when its URL carries a new parameter, add how to build it to PARAMS.

Rules:
- PUBLIC            anyone, without an account (pages, join form, public results)
- LOGIN             any logged-in account; anonymous -> 302 to the login page
- ADMIN             admins only; other accounts -> 403; anonymous -> 302 to login
- member(P)         people assigned to the municipality the URL points into (admins too),
                    whose role has permission P; a member without P -> 403, someone of
                    another municipality -> 404, anonymous -> 302 to login
- PARTICIPANT       only the resident holding the workshop's participant cookie; everyone
                    else is refused (302/401/403/404, never the page)
Use `Access(..., expect={"role": status})` for a documented exception.
"""
from dataclasses import dataclass, field

from participation.accounts.permissions import Permission as P


@dataclass(frozen=True)
class Access:
    kind: str
    permission: P | None = None
    expect: dict = field(default_factory=dict)  # role -> exact status, overrides the rule
    writes: tuple = ()  # roles whose expected (non-"allowed") answer may still change data

    def __hash__(self):
        return hash((self.kind, self.permission))


PUBLIC = Access("public")
LOGIN = Access("login")
ADMIN = Access("admin")
PARTICIPANT = Access("participant")
# Logging out sends everyone, logged in or not, to the login page.
# For the logged-in it ends every session of the account (a new session token).
_ACCOUNTS = ("admin", "facilitator", "staff", "advisor", "other_facilitator", "other_staff",
             "other_advisor")
LOGOUT = Access("login", expect={role: 302 for role in _ACCOUNTS}, writes=_ACCOUNTS)
# Advisors and admins; the other accounts are refused.
ADVISOR = Access("login", expect={role: 403 for role in (
    "facilitator", "staff", "other_facilitator", "other_staff")})


def member(permission: P, json_api: bool = False) -> Access:
    """`json_api`: a JSON endpoint answers 401 instead of redirecting to the login page."""
    if json_api:
        return Access("member", permission, expect={"anonymous": 401, "participant": 401})
    return Access("member", permission)


ROUTE_ACCESS = {
    "static": PUBLIC,
    # pages and preferences
    "pages.index": PUBLIC,
    "pages.health": PUBLIC,
    "pages.privacy": PUBLIC,
    "pages.accessibility": PUBLIC,
    "pages.help": PUBLIC,
    "pages.favicon": PUBLIC,
    "prefs.display": PUBLIC,
    # accounts
    "accounts.login": PUBLIC,
    "accounts.logout": LOGOUT,
    "accounts.user_list": ADMIN,
    "accounts.user_new": ADMIN,
    "accounts.user_edit": ADMIN,
    "privacy.account": LOGIN,
    "privacy.export": LOGIN,
    "privacy.delete": LOGIN,
    # municipalities, Kommunalprofil, five-stage process
    "municipalities.dashboard": LOGIN,
    "municipalities.municipality_list": ADMIN,
    "municipalities.municipality_new": ADMIN,
    "municipalities.municipality_edit": member(P.MANAGE),
    "municipalities.detail": member(P.VIEW),
    "municipalities.member_add": member(P.MANAGE),
    "municipalities.member_remove": member(P.MANAGE),
    "municipalities.stage": member(P.VIEW),
    "municipalities.stage_update": member(P.EDIT_PROFILE),
    "municipalities.theme_add": member(P.EDIT_PROFILE),
    "municipalities.theme_remove": member(P.EDIT_PROFILE),
    "municipalities.profile": member(P.VIEW),
    "municipalities.profile_age": member(P.EDIT_PROFILE),
    "municipalities.profile_import": member(P.EDIT_PROFILE),
    "municipalities.band_scheme": member(P.EDIT_PROFILE),
    "municipalities.indicator_add": member(P.EDIT_PROFILE),
    "municipalities.indicator_remove": member(P.EDIT_PROFILE),
    "municipalities.measure_add": member(P.EDIT_PROFILE),
    "municipalities.measure_remove": member(P.EDIT_PROFILE),
    "municipalities.swot_add": member(P.EDIT_PROFILE),
    "municipalities.swot_remove": member(P.EDIT_PROFILE),
    # live sessions (Zukunftswerkstatt)
    "workshops.workshop_list": member(P.VIEW),
    "workshops.workshop_new": member(P.RUN_WORKSHOPS),
    "workshops.workshop_edit": member(P.RUN_WORKSHOPS),
    "workshops.workshop_open": member(P.RUN_WORKSHOPS),
    "workshops.workshop_close": member(P.RUN_WORKSHOPS),
    "workshops.console": member(P.RUN_WORKSHOPS),
    "workshops.projector": member(P.VIEW),
    "workshops.qr": member(P.VIEW),
    "workshops.screen": PUBLIC,        # the URL carries a key signed for one session
    "workshops.join_redirect": PUBLIC,
    "workshops.join": PUBLIC,
    "workshops.live": PARTICIPANT,     # others are sent to the join form
    "workshops.service_worker": PUBLIC,  # the live page's offline cache (static code)
    # people without a phone: paper cards typed in by helpers, the hall's shared tablet
    "assist.helper": member(P.RUN_WORKSHOPS),
    "assist.helper_by_key": PUBLIC,    # the URL carries a short-lived key for one session
    "assist.translate": member(P.RUN_WORKSHOPS),
    "assist.translate_by_key": PUBLIC,  # the helper link's key; an unknown key changes nothing
    "assist.correct_language": member(P.RUN_WORKSHOPS),
    "assist.correct_language_by_key": PUBLIC,  # the helper link's key; an unknown key changes nothing
    "assist.kiosk_start": PUBLIC,      # the URL carries a key signed for one session
    "assist.kiosk_next": PUBLIC,
    # insights (JSON; no login page to redirect to, so anonymous gets 401)
    "insights.similar": PARTICIPANT,
    "insights.wordcloud_by_code": PUBLIC,
    "insights.duplicates": member(P.RUN_WORKSHOPS, json_api=True),
    "insights.dismiss": member(P.RUN_WORKSHOPS, json_api=True),
    "insights.merge": member(P.RUN_WORKSHOPS, json_api=True),
    "insights.suggest": member(P.RUN_WORKSHOPS, json_api=True),
    "insights.accept": member(P.RUN_WORKSHOPS, json_api=True),
    # results of a session
    "results.session_results": member(P.VIEW),
    "results.export_csv": member(P.VIEW),
    "results.export_json": member(P.VIEW),
    "results.publish": member(P.RUN_WORKSHOPS),
    "results.public": PUBLIC,
    "privacy.erase_session": member(P.RUN_WORKSHOPS),
    # Werkstattplan, Zwischenbilanz, programme
    "plan.plan_view": member(P.VIEW),
    "plan.plan_csv": member(P.VIEW),
    "plan.plan_docx": member(P.VIEW),
    "plan.plan_print": member(P.VIEW),
    "plan.measure_new": member(P.EDIT_PLAN),
    "plan.measure_detail": member(P.VIEW),
    "plan.measure_edit": member(P.EDIT_PLAN),
    "plan.progress_add": member(P.EDIT_PLAN),
    "plan.measure_delete": member(P.EDIT_PLAN),
    "plan.promote": member(P.RUN_WORKSHOPS),
    "plan.review": member(P.VIEW),
    "plan.review_csv": member(P.VIEW),
    "plan.review_docx": member(P.VIEW),
    "plan.review_print": member(P.VIEW),
    "plan.programme_overview": Access("admin", expect={"advisor": 302, "other_advisor": 302}),
    # the external advisor's overview across their municipalities
    "advisor.overview": ADVISOR,
    # Kick-Off: steering group, stakeholders, agenda and minutes
    "kickoff.person_add": member(P.EDIT_PROFILE),
    "kickoff.person_remove": member(P.EDIT_PROFILE),
    "kickoff.record_save": member(P.EDIT_PROFILE),
    # existing initiatives and projects, linked to measures
    "initiatives.initiative_list": member(P.VIEW),
    "initiatives.initiative_add": member(P.EDIT_PLAN),
    "initiatives.initiative_remove": member(P.EDIT_PLAN),
    "initiatives.initiative_link": member(P.EDIT_PLAN),
    # the questionnaire "what keeps you here": public by its signed link, managed by members
    "survey.public": PUBLIC,
    "survey.manage": member(P.VIEW),
    "survey.paper": member(P.EDIT_PROFILE),
    "survey.paper_by_key": PUBLIC,     # the helper page's key, signed for one session
    # documentation of the workshops for the Werkstattplan: photos of paper walls
    "documentation.overview": member(P.VIEW),
    "documentation.photo_upload": member(P.EDIT_PLAN),
    "documentation.photo": member(P.VIEW),
    "documentation.photo_remove": member(P.EDIT_PLAN),
    "plan.library": LOGIN,
    "plan.fields": ADMIN,
    "plan.field_toggle": ADMIN,
}


# --- How to build URL parameters -------------------------------------------------------
# Each builder gets the `world` dict (see test_route_access.world_for_access: "home",
# "other", the people, "workshop" in home, "participant" of that workshop) and returns the
# value. Builders run once per request, so a POST that deletes a row gets a fresh row.
# Everything is built inside the HOME municipality: that is what makes the "other
# municipality" roles a tenant test. A key "endpoint:param" wins over a plain "param".

def _add(row):
    from participation.extensions import db
    db.session.add(row)
    db.session.commit()
    return row


def _home_member(w):
    from participation.accounts.models import Membership, User
    n = _count(w)
    user = _add(User(email=f"member{n}@example.org", name=f"Mitglied {n}", password_hash="x",
                     role="staff", session_token=f"t{n}"))
    _add(Membership(user_id=user.id, municipality_id=w["home"].id))
    return user.id


def _indicator(w):
    from participation.municipalities.models import KeyIndicator
    return _add(KeyIndicator(municipality_id=w["home"].id, name="Kennzahl", value="1")).id


def _existing_measure(w):
    from participation.municipalities.models import ExistingMeasure
    return _add(ExistingMeasure(municipality_id=w["home"].id, title="Bestehend")).id


def _swot(w):
    from participation.municipalities.models import SwotItem
    return _add(SwotItem(municipality_id=w["home"].id, kind="strength", text="Stärke")).id


def _theme(w):
    from participation.municipalities.models import Theme
    return _add(Theme(municipality_id=w["home"].id, name="Thema")).id


def _kickoff_person(w):
    from participation.kickoff.models import KickoffPerson
    return _add(KickoffPerson(municipality_id=w["home"].id, kind="steering", name="Person")).id


def _initiative(w):
    from participation.initiatives.models import Initiative
    return _add(Initiative(municipality_id=w["home"].id, name="Initiative")).id


def _wall_photo(w):
    from participation.documentation.models import WallPhoto
    return _add(WallPhoto(workshop_id=w["workshop"].id, mimetype="image/png",
                          data=b"\x89PNG\r\n\x1a\n")).id


def _plan_measure(w):
    from participation.plan.models import Measure
    return _add(Measure(municipality_id=w["home"].id, title="Maßnahme")).id


def _field_of_action(w):
    from participation.plan.models import FieldOfAction
    w["_fields"] = w.get("_fields", 0) + 1
    return _add(FieldOfAction(name=f"Feld {w['_fields']}")).id


def _published_results_code(w):
    from participation.workshops.models import Workshop
    w["_codes"] = w.get("_codes", 0) + 1
    return _add(Workshop(municipality_id=w["home"].id, title="Abgeschlossen", status="closed",
                         results_published=True, join_code=_code(w["_codes"]))).join_code


def _code(n: int) -> str:
    """A valid join code (letters of the join-code alphabet), different for each n."""
    alphabet = "ACDEFGHJKMNPQRTWXY34679"
    return "PQR" + "".join(alphabet[(n // len(alphabet) ** k) % len(alphabet)] for k in (2, 1, 0))


PARAMS = {
    "municipality_id": lambda w: w["home"].id,
    "user_id": lambda w: w["staff"].id,
    # A fresh member of home each time: allowed removals must not run out of members.
    "municipalities.member_remove:user_id": lambda w: _home_member(w),
    "stage": lambda w: "kick_off",
    "filename": lambda w: "css/app.css",
    "indicator_id": _indicator,
    "existing_measure_id": _existing_measure,
    "swot_id": _swot,
    "theme_id": _theme,
    "person_id": _kickoff_person,
    "initiative_id": _initiative,
    "photo_id": _wall_photo,
    "survey.public:key": lambda w: _survey_key(w["home"].id),
    "workshop_id": lambda w: w["workshop"].id,
    "code": lambda w: w["workshop"].join_code,
    "results.public:code": _published_results_code,
    "measure_id": _plan_measure,
    "field_id": _field_of_action,
    "screen_key": lambda w: _screen_key(w["workshop"].id),
    "helper_key": lambda w: _assist_key("helper_key", w["workshop"].id),
    "kiosk_key": lambda w: _assist_key("kiosk_key", w["workshop"].id),
}


# Optional: what to send with a request of an endpoint, as keyword arguments of the test
# client's `open` (`query_string`, `data`, `json`). Use it where an empty request would be
# refused for being empty before the permission is even checked.
REQUEST_KWARGS = {
    "workshops.join_redirect": lambda w: {"query_string": {"code": w["workshop"].join_code}},
    "insights.dismiss": lambda w: {"json": dict(zip(("a", "b"), _two_ideas(w)))},
    "insights.merge": lambda w: {"json": dict(zip(("keep_id", "merge_id"), _two_ideas(w)))},
    "insights.accept": lambda w: {"json": {"name": "Gruppe", "idea_ids": _two_ideas(w),
                                           "phase": "kritik"}},
}


def _two_ideas(w) -> list[int]:
    from participation.ideas.models import Idea
    return [_add(Idea(workshop_id=w["workshop"].id, client_id=f"c-{id(w)}-{n}-{_count(w)}",
                      phase="kritik", text=f"Idee {n}")).id for n in (1, 2)]


def _count(w) -> int:
    w["_n"] = w.get("_n", 0) + 1
    return w["_n"]


def _survey_key(municipality_id):
    from participation.survey.services import survey_key
    return survey_key(municipality_id)


def _screen_key(workshop_id):
    from participation.workshops.cookies import screen_key
    return screen_key(workshop_id)


def _assist_key(kind, workshop_id):
    from participation.assist import services
    return getattr(services, kind)(workshop_id)


def participant_cookie(world) -> tuple[str, str] | None:
    """The resident's signed cookie for the home workshop (name, value), if the app has one."""
    try:
        from participation.workshops.cookies import cookie_name, sign_token
    except ImportError:
        return None
    participant = world["participant"]
    return cookie_name(participant.workshop_id), sign_token(participant.workshop_id, participant.token)

# Issue 13: entry tickets and the console's join figures.
ROUTE_ACCESS.update({
    "integrity.tickets": member(P.RUN_WORKSHOPS),
    "integrity.tickets_print": member(P.RUN_WORKSHOPS),
    "integrity.figures": member(P.RUN_WORKSHOPS),
})
