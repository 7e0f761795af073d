"""The demo municipality that `make run` creates on first start."""
import os
import secrets

from .accounts.models import Role, User
from .accounts.services import create_user
from datetime import date

from .extensions import db
from .municipalities import profile_services
from .municipalities.models import Municipality
from .municipalities.services import create_municipality, update_stage

DEMO_MUNICIPALITY = "Musterstadt an der Lahn"
DEMO_FACILITATOR = "moderation@example.org"
DEMO_ADMIN = "admin@example.org"

# Population per age band of a small town of about 12,400 residents.
DEMO_AGE_STRUCTURE = {"0-17": 1980, "18-29": 1490, "30-49": 2860,
                      "50-64": 2970, "65-79": 2110, "80+": 990}

# The demo's profile and process are German content, like a real municipality's would be.
DEMO_INDICATORS = [
    ("Durchschnittsalter", "47,8", "Jahre", 2024, "Hessisches Statistisches Landesamt"),
    ("Bevölkerungsentwicklung bis 2040", "-6,2", "%", 2023, "Bertelsmann Stiftung, Wegweiser Kommune"),
    ("Einpersonenhaushalte ab 65 Jahren", "1.240", "Haushalte", 2022, "Zensus 2022"),
    ("Pendlersaldo", "-2.310", "Personen", 2024, "Bundesagentur für Arbeit"),
]
DEMO_EXISTING_MEASURES = [
    ("Seniorenbeirat", "Berät den Stadtrat seit 2015 in allen Fragen des Älterwerdens."),
    ("Bürgerbus Lahntal", "Ehrenamtlich gefahrener Kleinbus, dienstags und donnerstags in die Ortsteile."),
    ("Familienzentrum am Markt", "Beratung, Krabbelgruppen und offenes Café."),
]
DEMO_SWOT = [
    ("strength", "Lebendiges Vereinsleben und viel Ehrenamt"),
    ("strength", "Bahnanschluss nach Gießen und Limburg"),
    ("weakness", "Kaum barrierefreie Wohnungen in der Altstadt"),
    ("weakness", "Junge Erwachsene ziehen für Ausbildung und Studium weg"),
    ("opportunity", "Leerstehende Ladenlokale für Treffpunkte nutzen"),
    ("opportunity", "Neue Glasfaserversorgung ermöglicht Arbeiten von zu Hause"),
    ("threat", "Hausärztinnen und Hausärzte gehen in den Ruhestand"),
    ("threat", "Steigende Pflegebedürftigkeit bei knappen Pflegekräften"),
]
DEMO_THEMES = ["Wohnen im Alter", "Mobilität in den Ortsteilen", "Junge Menschen halten",
               "Nachbarschaft und Ehrenamt"]
DEMO_STAGES = [
    ("kick_off", "done", date(2026, 2, 3), date(2026, 2, 3),
     "Auftaktveranstaltung im Bürgerhaus mit 60 Gästen; Lenkungsgruppe gegründet."),
    ("kommunalprofil", "done", date(2026, 2, 10), date(2026, 4, 30),
     "Daten vom Statistischen Landesamt; SWOT mit der Lenkungsgruppe erarbeitet."),
    ("zukunftswerkstatt", "in_progress", date(2026, 5, 16), None,
     "Erste Werkstatt im Bürgerhaus, zweite online für Berufstätige."),
    ("werkstattplan", "not_started", None, None, ""),
    ("zwischenbilanz", "not_started", None, None, ""),
]


def _fill_profile(municipality_id: int) -> None:
    profile_services.set_profile(municipality_id, DEMO_AGE_STRUCTURE, 18.5)
    for name, value, unit, year, source in DEMO_INDICATORS:
        profile_services.add_indicator(municipality_id, name, value, unit, year, source)
    for title, description in DEMO_EXISTING_MEASURES:
        profile_services.add_measure(municipality_id, title, description)
    for kind, text in DEMO_SWOT:
        profile_services.add_swot_item(municipality_id, kind, text)
    for theme in DEMO_THEMES:
        profile_services.add_theme(municipality_id, theme)
    for stage, status, starts_on, ends_on, notes in DEMO_STAGES:
        update_stage(municipality_id, stage, status, starts_on, ends_on, notes)


def seed_demo_data() -> list[str]:
    """Create the demo once; return the lines to print (empty when it already existed)."""
    if db.session.scalar(db.select(Municipality).where(Municipality.name == DEMO_MUNICIPALITY)):
        return []
    municipality = create_municipality(DEMO_MUNICIPALITY, "stadt", "Hessen",
                                       sum(DEMO_AGE_STRUCTURE.values()))
    _fill_profile(municipality.id)
    lines = []
    password = os.environ.get("DEMO_PASSWORD") or secrets.token_urlsafe(9)
    if not db.session.scalar(db.select(User).where(User.email == DEMO_FACILITATOR)):
        create_user(DEMO_FACILITATOR, "Demo-Moderation", password, Role.FACILITATOR,
                    [municipality.id])
        lines.append(f"Facilitator: {DEMO_FACILITATOR}  password: {password}")
    if not db.session.scalar(db.select(User).where(User.role == Role.ADMIN.value)):
        create_user(DEMO_ADMIN, "Demo-Administration", password, Role.ADMIN)
        lines.append(f"Admin:       {DEMO_ADMIN}  password: {password}")
    return lines
