"""Who may do what in which municipality.

A person who is not assigned to a municipality gets "not found" (404), so the existence
of other municipalities does not leak; a member lacking a right gets "forbidden" (403).
"""
import enum

from ..errors import Forbidden, NotFound
from ..extensions import db
from .models import Role, User


class Permission(str, enum.Enum):
    VIEW = "view"                    # read profile, process, workshops, results, plan
    EDIT_PROFILE = "edit_profile"    # Kommunalprofil and process stages
    RUN_WORKSHOPS = "run_workshops"  # create and moderate live sessions
    EDIT_PLAN = "edit_plan"          # Werkstattplan and Zwischenbilanz
    MANAGE = "manage"                # the municipality itself, its members


ROLE_PERMISSIONS = {
    Role.ADMIN.value: set(Permission),
    Role.FACILITATOR.value: {Permission.VIEW, Permission.EDIT_PROFILE,
                             Permission.RUN_WORKSHOPS, Permission.EDIT_PLAN},
    Role.STAFF.value: {Permission.VIEW, Permission.EDIT_PROFILE, Permission.EDIT_PLAN},
    # Works in every municipality assigned to them, but does not manage its members.
    Role.ADVISOR.value: {Permission.VIEW, Permission.EDIT_PROFILE,
                         Permission.RUN_WORKSHOPS, Permission.EDIT_PLAN},
}


def is_member(user, municipality_id: int) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return user.is_admin or municipality_id in user.municipality_ids


def can(user, permission: Permission, municipality_id: int) -> bool:
    return is_member(user, municipality_id) and permission in ROLE_PERMISSIONS.get(user.role, set())


def require(user, permission: Permission, municipality_id: int) -> None:
    if not is_member(user, municipality_id):
        raise NotFound()
    if permission not in ROLE_PERMISSIONS.get(user.role, set()):
        raise Forbidden()


def require_advisor(user) -> None:
    """The overview across municipalities: advisors (their own) and admins (all)."""
    if (user is None or not getattr(user, "is_authenticated", False)
            or not (user.is_admin or user.role == Role.ADVISOR.value)):
        raise Forbidden()


def require_admin(user) -> None:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_admin:
        raise Forbidden()


def require_facilitator(client) -> None:
    """A facilitator's socket event (`client` has user_id and municipality_id): the account
    may have lost the right since connecting (membership removed, deactivated)."""
    user = db.session.get(User, client.user_id) if client.user_id else None
    if user is None or not user.active or not can(user, Permission.RUN_WORKSHOPS,
                                                  client.municipality_id):
        raise Forbidden()
