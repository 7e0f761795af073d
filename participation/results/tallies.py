"""Counting the active dots of a session per idea, age band and channel.

The dot rows are the source of truth (not the denormalised Idea.dot_count): a taken-back dot
(removed_at set) does not count, a dot on an idea merged into another counts for the kept
idea, and hidden or pending ideas are not part of the results.
"""
from collections import defaultdict

from ..age_bands import AGE_BANDS, NO_ANSWER
from ..extensions import db
from ..municipalities.band_scheme import is_band_code
from ..ideas.models import Cluster, Idea, IdeaStatus
from ..voting.models import Dot
from ..workshops.models import Channel

BANDS = (*AGE_BANDS, NO_ANSWER)
CHANNELS = tuple(c.value for c in Channel)


def empty_bands() -> dict[str, int]:
    return {band: 0 for band in BANDS}


def empty_channels() -> dict[str, int]:
    return {channel: 0 for channel in CHANNELS}


def normal_band(value) -> str:
    """The stored answer ("65-74", "75+", an older "65-79"), or NO_ANSWER."""
    return value if is_band_code(value) else NO_ANSWER


def normal_channel(value) -> str:
    return value if value in CHANNELS else Channel.ONSITE.value


def _resolve(idea_id: int, merged_into: dict[int, int | None]) -> int:
    seen = set()
    while merged_into.get(idea_id) and idea_id not in seen:
        seen.add(idea_id)
        idea_id = merged_into[idea_id]
    return idea_id


def idea_tallies(workshop_id: int) -> tuple[list[Idea], dict[int, dict]]:
    """The visible ideas of the session and, per idea id, its dots split by band and channel."""
    ideas = list(db.session.scalars(
        db.select(Idea).where(Idea.workshop_id == workshop_id).order_by(Idea.id)))
    merged_into = {i.id: i.merged_into_id for i in ideas if i.status == IdeaStatus.MERGED.value}
    visible = [i for i in ideas if i.status == IdeaStatus.VISIBLE.value]
    tallies = {i.id: {"dots": 0, "by_age_band": empty_bands(), "by_channel": empty_channels()}
               for i in visible}
    rows = db.session.execute(
        db.select(Dot.idea_id, Dot.age_band, Dot.channel)
        .where(Dot.workshop_id == workshop_id, Dot.removed_at.is_(None)))
    for idea_id, band, channel in rows:
        tally = tallies.get(_resolve(idea_id, merged_into))
        if tally is None:
            continue  # the idea is hidden or pending: not part of the results
        tally["dots"] += 1
        key = normal_band(band)
        tally["by_age_band"][key] = tally["by_age_band"].get(key, 0) + 1
        tally["by_channel"][normal_channel(channel)] += 1
    return visible, tallies


def clusters_of(workshop_id: int) -> list[Cluster]:
    return list(db.session.scalars(
        db.select(Cluster).where(Cluster.workshop_id == workshop_id)
        .order_by(Cluster.position, Cluster.id)))


def add_into(target: dict[str, int], source: dict[str, int]) -> None:
    for key, value in source.items():
        target[key] = target.get(key, 0) + value


def group_by_phase(items, phase_of) -> dict[str, list]:
    grouped = defaultdict(list)
    for item in items:
        grouped[phase_of(item)].append(item)
    return grouped
