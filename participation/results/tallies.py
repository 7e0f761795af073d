"""Counting the active dots of a session per idea, age band and channel.

The dot rows are the source of truth (not the denormalised Idea.dot_count): a taken-back dot
(removed_at set) does not count, a dot on an idea merged into another counts for the kept
idea, and hidden or pending ideas are not part of the results.
"""
from collections import defaultdict

from ..age_bands import AGE_BANDS, NO_ANSWER
from ..ideas import queries as idea_queries
from ..ideas.models import Idea, IdeaStatus
from ..municipalities.band_scheme import is_band_code
from ..voting import queries as dot_queries
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
    ideas = idea_queries.ideas_of_session(workshop_id)
    merged_into = {i.id: i.merged_into_id for i in ideas if i.status == IdeaStatus.MERGED.value}
    visible = [i for i in ideas if i.status == IdeaStatus.VISIBLE.value]
    tallies = {i.id: {"dots": 0, "by_age_band": empty_bands(), "by_channel": empty_channels()}
               for i in visible}
    for idea_id, band, channel in dot_queries.active_dot_rows(workshop_id):
        tally = tallies.get(_resolve(idea_id, merged_into))
        if tally is None:
            continue  # the idea is hidden or pending: not part of the results
        tally["dots"] += 1
        key = normal_band(band)
        tally["by_age_band"][key] = tally["by_age_band"].get(key, 0) + 1
        tally["by_channel"][normal_channel(channel)] += 1
    return visible, tallies


def add_into(target: dict[str, int], source: dict[str, int]) -> None:
    for key, value in source.items():
        target[key] = target.get(key, 0) + value


def group_by_phase(items, phase_of) -> dict[str, list]:
    grouped = defaultdict(list)
    for item in items:
        grouped[phase_of(item)].append(item)
    return grouped
