"""Aggregate counts of who took part, and the snapshot that keeps them when the participant
data of a session is erased (participation/privacy/services.py calls take_snapshot right
before deleting the participants). Aggregates only: no identifiers leave this module."""
from sqlalchemy import func

from ..age_bands import AGE_BANDS, NO_ANSWER
from ..extensions import db
from ..integrity.services import acted_filter
from ..workshops.models import Participant
from .models import WorkshopParticipationSnapshot
from .tallies import CHANNELS, normal_band, normal_channel

BANDS = (*AGE_BANDS, NO_ANSWER)


def empty_counts() -> dict:
    return {"total": 0, "by_age_band": {b: 0 for b in BANDS},
            "by_channel": {c: 0 for c in CHANNELS}, "migration_yes": 0, "migration_no": 0}


def counts_of_participants(workshop_id: int) -> dict:
    """The stored participants of the session who did something (an idea or a dot), counted
    per age band, channel and answer: a join alone (a second browser, a script) is no voice."""
    counts = empty_counts()
    rows = db.session.execute(
        db.select(Participant.age_band, Participant.channel, Participant.migration_background,
                  func.count())
        .where(Participant.workshop_id == workshop_id, acted_filter())
        .group_by(Participant.age_band, Participant.channel, Participant.migration_background))
    for band, channel, migration, n in rows:
        counts["total"] += n
        key = normal_band(band)
        counts["by_age_band"][key] = counts["by_age_band"].get(key, 0) + n
        counts["by_channel"][normal_channel(channel)] += n
        if migration == "yes":
            counts["migration_yes"] += n
        elif migration == "no":
            counts["migration_no"] += n
    return counts


def add_counts(a: dict, b: dict) -> dict:
    return {
        "total": a["total"] + b["total"],
        "by_age_band": {k: a["by_age_band"].get(k, 0) + b["by_age_band"].get(k, 0)
                        for k in (*BANDS, *a["by_age_band"], *b["by_age_band"])},
        "by_channel": {c: a["by_channel"].get(c, 0) + b["by_channel"].get(c, 0) for c in CHANNELS},
        "migration_yes": a["migration_yes"] + b["migration_yes"],
        "migration_no": a["migration_no"] + b["migration_no"],
    }


def snapshot_counts(workshop_id: int) -> dict | None:
    snap = db.session.scalar(db.select(WorkshopParticipationSnapshot)
                             .where(WorkshopParticipationSnapshot.workshop_id == workshop_id))
    if snap is None:
        return None
    return {"total": snap.total,
            "by_age_band": {b: int((snap.by_age_band or {}).get(b, 0))
                            for b in (*BANDS, *(snap.by_age_band or {}))},
            "by_channel": {c: int((snap.by_channel or {}).get(c, 0)) for c in CHANNELS},
            "migration_yes": snap.migration_yes, "migration_no": snap.migration_no}


def take_snapshot(workshop_id: int) -> None:
    """Add the counts of the session's current participants to its snapshot. Call right
    before deleting them, in the same transaction (this does not commit)."""
    counts = counts_of_participants(workshop_id)
    if not counts["total"]:
        return
    snap = db.session.scalar(db.select(WorkshopParticipationSnapshot)
                             .where(WorkshopParticipationSnapshot.workshop_id == workshop_id))
    if snap is None:
        snap = WorkshopParticipationSnapshot(workshop_id=workshop_id)
        db.session.add(snap)
    else:
        counts = add_counts(counts, snapshot_counts(workshop_id))
    snap.total = counts["total"]
    snap.by_age_band = counts["by_age_band"]
    snap.by_channel = counts["by_channel"]
    snap.migration_yes = counts["migration_yes"]
    snap.migration_no = counts["migration_no"]
