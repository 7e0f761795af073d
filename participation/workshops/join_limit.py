"""The limit on joins per address and session (Flask-Limiter, `JOIN_RATE_LIMIT`).

A hall's Wi-Fi puts every phone behind one address, so the limit counts per address AND
session. A session set up for more people than the limit (its cap, "Höchstens ...
Teilnehmende") allows twice its cap per window from that address (room for people who send
the form again), so the cap, with its own message, is what stops the rest. A script filling a
session without a cap still meets the configured limit."""
from flask import current_app, request
from flask_limiter.util import get_remote_address
from limits import parse

from . import lookup


def key() -> str:
    return f"join:{request.view_args.get('code', '')}:{get_remote_address()}"


def limit() -> str:
    configured = current_app.config["JOIN_RATE_LIMIT"]
    workshop = lookup.workshop_by_code(request.view_args.get("code", ""))
    return raised_to_cap(configured, workshop.max_participants if workshop else None)


def raised_to_cap(configured: str, cap: int | None) -> str:
    """'200 per minute' with a cap of 400 gives '800 per 1 minute'; a cap whose double is
    not above the configured limit, or none, keeps it."""
    item = parse(configured)
    if not cap or 2 * cap <= item.amount:
        return configured
    return f"{2 * cap} per {item.multiples} {item.GRANULARITY.name}"
