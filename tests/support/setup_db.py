"""Database side of the benchmark: an open session to join, and the truth to check against.

The schema and the session are made with the app's own models before the server starts;
everything the phones do afterwards goes through the running server.
"""
import os
import secrets
import string

from sqlalchemy import create_engine, text

FACILITATOR = "bench-moderation@example.org"
PASSWORD = "bench-password-" + "x" * 8


def _app(db_url):
    os.environ.setdefault("ASYNC_MODE", "threading")
    from participation import create_app
    return create_app({"SQLALCHEMY_DATABASE_URI": db_url, "ASYNC_MODE": "threading",
                       "SECRET_KEY": "bench", "TESTING": False})


def prepare(db_url: str, dots_per_participant=5, max_dots_per_idea=3, title="Lasttest") -> dict:
    """Create the schema, a municipality, a facilitator and one open session (called again
    on the same database: one more open session of that municipality and facilitator)."""
    from participation.accounts.models import Role, User
    from participation.accounts.services import create_user
    from participation.extensions import db
    from participation.municipalities.models import Municipality
    from participation.municipalities.services import create_municipality
    from participation.workshops.models import Workshop

    app = _app(db_url)
    with app.app_context():
        db.create_all()
        municipality = db.session.scalar(db.select(Municipality).limit(1))
        if municipality is None:
            municipality = create_municipality("Lastdorf", "stadt", "Hessen", 750000)
        user = db.session.scalar(db.select(User).where(User.email == FACILITATOR))
        if user is None:
            create_user(FACILITATOR, "Last-Moderation", PASSWORD, Role.FACILITATOR, [municipality.id])
        try:
            from participation.workshops.join_codes import generate
            code = generate()
        except ImportError:
            code = "".join(secrets.choice("ACDEFGHJKMNPQRTWXY34679") for _ in range(6))
        workshop = Workshop(municipality_id=municipality.id, title=title,
                            theme="Wie wollen wir 2040 leben?",
                            question_kritik="Was stört Sie?", question_utopie="Was wäre ideal?",
                            question_verwirklichung="Was können wir tun?",
                            dots_per_participant=dots_per_participant,
                            max_dots_per_idea=max_dots_per_idea, status="open", phase="kritik",
                            step_kritik="dot", step_utopie="dot", step_verwirklichung="dot",
                            ask_age_band=False, join_code=code)
        db.session.add(workshop)
        db.session.commit()
        result = {"workshop_id": workshop.id, "code": code, "email": FACILITATOR,
                  "password": PASSWORD}
        db.session.remove()
        db.engine.dispose()
    return result


def _engine(db_url):
    if db_url.startswith("postgresql://"):
        db_url = "postgresql+psycopg://" + db_url[len("postgresql://"):]
    return create_engine(db_url)


def dot_truth(db_url: str, workshop_id: int) -> dict:
    """Active dots by client id, and each idea's stored count next to its rows."""
    engine = _engine(db_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text(
                "SELECT client_id, idea_id FROM dot WHERE workshop_id = :w AND removed_at IS NULL"),
                {"w": workshop_id}).all()
            stored = dict(conn.execute(text(
                "SELECT id, dot_count FROM idea WHERE workshop_id = :w"), {"w": workshop_id}).all())
    finally:
        engine.dispose()
    per_idea = {}
    for _, idea_id in rows:
        per_idea[idea_id] = per_idea.get(idea_id, 0) + 1
    return {"client_ids": [r[0] for r in rows], "rows_per_idea": per_idea, "stored": stored}


def sqlite_url(folder: str) -> str:
    return f"sqlite:///{os.path.join(folder, 'bench.db')}"


def random_text(rng, words=8) -> str:
    letters = string.ascii_lowercase + "äöüß"
    return " ".join("".join(rng.choice(letters) for _ in range(rng.randint(3, 9)))
                    for _ in range(words)).capitalize()
