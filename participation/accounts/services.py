"""Account rules: creating people, checking passwords, assigning municipalities."""
import secrets

from blinker import Namespace
from flask_babel import lazy_gettext as _l
from sqlalchemy import func
from werkzeug.security import check_password_hash, generate_password_hash

from ..errors import Conflict, NotFound, ValidationError
from ..extensions import db
from .models import Membership, Role, User, utcnow

MIN_PASSWORD_LENGTH = 10
# Sent after a commit that may narrow what an account may do (open sockets re-check it).
access_changed = Namespace().signal("access-changed")


def _normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def create_user(email: str, name: str, password: str, role: Role | str,
                municipality_ids: list[int] | None = None) -> User:
    email = _normalise_email(email)
    role = Role(role)
    if not email or "@" not in email:
        raise ValidationError("invalid_email", _l("Bitte geben Sie eine gültige E-Mail-Adresse an."))
    if not (name or "").strip():
        raise ValidationError("invalid_name", _l("Bitte geben Sie einen Namen an."))
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise ValidationError("weak_password",
                              _l("Das Passwort braucht mindestens %(n)s Zeichen.", n=MIN_PASSWORD_LENGTH))
    if db.session.scalar(db.select(User).where(func.lower(User.email) == email)):
        raise Conflict("email_taken", _l("Diese E-Mail-Adresse ist schon vergeben."))
    user = User(email=email, name=name.strip(), role=role.value,
                password_hash=generate_password_hash(password),
                session_token=secrets.token_hex(16))
    for municipality_id in municipality_ids or []:
        user.memberships.append(Membership(municipality_id=municipality_id))
    db.session.add(user)
    db.session.commit()
    return user


def authenticate(email: str, password: str) -> User | None:
    user = db.session.scalar(db.select(User).where(User.email == _normalise_email(email)))
    if user is None or not user.active:
        # Same work as a real check, so timing does not reveal which e-mails exist.
        check_password_hash(generate_password_hash("x"), password or "")
        return None
    if not check_password_hash(user.password_hash, password or ""):
        return None
    user.last_login_at = utcnow()
    db.session.commit()
    return user


def load_user(user_id: str) -> User | None:
    """Flask-Login loader; the id carries the session token so a reset logs everyone out."""
    try:
        raw_id, token = user_id.split(":", 1)
        user = db.session.get(User, int(raw_id))
    except (ValueError, AttributeError):
        return None
    if user is None or not secrets.compare_digest(user.session_token, token):
        return None
    return user


def get_user(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound()
    return user


def list_users() -> list[User]:
    return list(db.session.scalars(db.select(User).order_by(User.name)))


def update_user(user: User, name: str, role: Role | str, active: bool,
                municipality_ids: list[int], password: str | None = None) -> User:
    if not (name or "").strip():
        raise ValidationError("invalid_name", _l("Bitte geben Sie einen Namen an."))
    user.name = name.strip()
    user.role = Role(role).value
    user.active = active
    wanted = set(municipality_ids)
    user.memberships = [m for m in user.memberships if m.municipality_id in wanted]
    for municipality_id in wanted - user.municipality_ids:
        user.memberships.append(Membership(municipality_id=municipality_id))
    if password:
        set_password(user, password, commit=False)
    db.session.commit()
    access_changed.send(None, user_id=user.id)
    return user


def set_password(user: User, password: str, commit: bool = True) -> None:
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise ValidationError("weak_password",
                              _l("Das Passwort braucht mindestens %(n)s Zeichen.", n=MIN_PASSWORD_LENGTH))
    user.password_hash = generate_password_hash(password)
    user.session_token = secrets.token_hex(16)
    if commit:
        db.session.commit()
        access_changed.send(None, user_id=user.id)


def end_sessions(user: User) -> None:
    """Log the account out everywhere: cookies carry the token, a new one voids them."""
    user.session_token = secrets.token_hex(16)
    db.session.commit()
    access_changed.send(None, user_id=user.id)


def members_of(municipality_id: int) -> list[User]:
    return list(db.session.scalars(
        db.select(User).join(Membership).where(Membership.municipality_id == municipality_id)
        .order_by(User.name)))


def add_membership(user_id: int, municipality_id: int) -> User:
    """Assign a facilitator or staff member to one more municipality (admins see all anyway)."""
    user = get_user(user_id)
    if user.is_admin:
        raise ValidationError("admin_sees_all",
                              _l("Administratorinnen und Administratoren sehen ohnehin alle Kommunen."))
    if municipality_id not in user.municipality_ids:
        user.memberships.append(Membership(municipality_id=municipality_id))
        db.session.commit()
    return user


def remove_membership(user_id: int, municipality_id: int) -> None:
    user = get_user(user_id)
    membership = next((m for m in user.memberships if m.municipality_id == municipality_id), None)
    if membership is None:
        raise NotFound()
    user.memberships.remove(membership)
    db.session.commit()
    access_changed.send(None, user_id=user.id)


def assignable_users(municipality_id: int) -> list[User]:
    """Active non-admin accounts not yet assigned to the municipality."""
    return [u for u in list_users()
            if u.active and not u.is_admin and municipality_id not in u.municipality_ids]
