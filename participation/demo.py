"""The demo municipality that `make run` creates on first start."""
import os
import secrets

from .accounts.models import Role, User
from .accounts.services import create_user
from .extensions import db
from .municipalities.models import Municipality
from .municipalities.services import create_municipality

DEMO_MUNICIPALITY = "Musterstadt an der Lahn"
DEMO_FACILITATOR = "moderation@example.org"
DEMO_ADMIN = "admin@example.org"

# Population per age band of a small town of about 12,400 residents.
DEMO_AGE_STRUCTURE = {"0-17": 1980, "18-29": 1490, "30-49": 2860,
                      "50-64": 2970, "65-79": 2110, "80+": 990}


def seed_demo_data() -> list[str]:
    """Create the demo once; return the lines to print (empty when it already existed)."""
    if db.session.scalar(db.select(Municipality).where(Municipality.name == DEMO_MUNICIPALITY)):
        return []
    municipality = create_municipality(DEMO_MUNICIPALITY, "stadt", "Hessen",
                                       sum(DEMO_AGE_STRUCTURE.values()))
    for row in municipality.age_bands:
        row.count = DEMO_AGE_STRUCTURE[row.band]
    municipality.migration_share = 18.5
    db.session.commit()
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
