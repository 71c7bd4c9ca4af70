"""The Timeline's meeting picker offers the meetings drawn and no others, and the page says what it left out."""

from __future__ import annotations

from functools import partial

from conftest import displayed

import liaison.view.query

# The mini dataset's dated meetings, newest first (undated-madrid is the one left).
DATED = [
    "Title moscow-13",
    "Title vienna-22",
    "Morocco and Qatar meet in Vienna",
    "Title moscow-12",
    "Title riyadh-visit",
]


def test_the_picker_offers_the_meetings_drawn_newest_first(app) -> None:
    """The undated meeting is on no lane, so it is not offered either, and the page says where it is."""
    at = app("app_pages/timeline.py")
    assert not at.exception
    assert at.selectbox(key="timeline_meeting").options == DATED
    assert "1 meeting(s) without a date are not on the timeline" in displayed(at)


def test_a_capped_timeline_offers_only_what_it_draws_and_says_how_many_it_left_out(app, monkeypatch) -> None:
    """Past the cap, the picker lists the meetings drawn (the most recent), not the whole view."""
    monkeypatch.setattr(liaison.view.query, "meeting_lanes", partial(liaison.view.query.meeting_lanes, max_meetings=2))
    at = app("app_pages/timeline.py")
    assert not at.exception
    assert at.selectbox(key="timeline_meeting").options == ["Title moscow-13", "Morocco and Qatar meet in Vienna"]
    assert "draws the 2 most recent meetings, and only those can be picked below; 3 older ones" in displayed(at)


def test_in_french_the_page_says_what_the_timeline_leaves_out(app) -> None:
    at = app("app_pages/timeline.py", lang="fr")
    assert "1 réunion(s) sans date ne figurent pas sur la chronologie" in displayed(at)
