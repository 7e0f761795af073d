"""Phones get tallies at the send budget's interval (docs/realtime.md); between two updates
a card's counter moves one dot at a time instead of jumping (static/js/live/tally_easing.js),
and at once for people who asked their system for less motion."""
import pytest

pytestmark = pytest.mark.e2e

RUN = """async ({reduce}) => {
  const { TallyEasing } = await import("/static/js/live/tally_easing.js");
  const idea = { id: 7, dots: 2 };
  const ideas = new Map([[7, idea]]);
  const seen = [];
  const easing = new TallyEasing(() => ideas, () => seen.push(idea.dots),
                                 { reduceMotion: () => reduce });
  easing.apply({ "7": 2 });
  await new Promise((r) => setTimeout(r, 400));
  easing.apply({ "7": 7 });           // five dots in one update
  const right_after = idea.dots;
  await new Promise((r) => setTimeout(r, 1600));
  return { seen, right_after, final: idea.dots };
}"""


def test_a_jump_of_five_dots_is_shown_one_dot_at_a_time(phone, live_server):
    phone.goto(live_server.url + "/")
    result = phone.evaluate(RUN, {"reduce": False})
    assert result["final"] == 7
    assert result["right_after"] < 7                  # not all at once
    shown = [n for n in result["seen"] if n > 2]
    assert shown == [3, 4, 5, 6, 7], result["seen"]   # every dot in between, in order


def test_with_reduced_motion_the_count_jumps_at_once(phone, live_server):
    phone.goto(live_server.url + "/")
    result = phone.evaluate(RUN, {"reduce": True})
    assert result["right_after"] == 7 and result["final"] == 7
    assert [n for n in result["seen"] if n > 2] == [7]
