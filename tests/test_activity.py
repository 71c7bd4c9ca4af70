"""Per-state, per-venue and per-link aggregates, on the hand-made dataset whose answers are known."""

from __future__ import annotations

import pandas as pd

from liaison.view.activity import delegation_arcs, state_activity, venue_activity
from liaison.view.filters import Filters
from liaison.view.query import select

CENTROIDS = pd.DataFrame(
    {
        "iso3": ["MAR", "QAT", "RUS", "SAU", "AUT"],
        "longitude": [-6.0, 51.2, 96.0, 44.5, 14.1],
        "latitude": [31.8, 25.3, 62.0, 24.0, 47.6],
    }
)


def test_each_state_counts_its_meetings_once_whatever_its_roles(mini) -> None:
    states = state_activity(mini, select(mini, Filters())).set_index("iso3")
    assert states.loc["MAR", "meetings"] == 5  # every meeting but Moscow 12
    assert states.loc["RUS", "meetings"] == 2 and set(states.loc["RUS", "roles"]) == {"host", "venue"}
    assert states.loc["AUT", "meetings"] == 2 and states.loc["AUT", "roles"] == ("venue",)
    assert "UN-MT" not in states.index and "CSTO" not in states.index


def test_a_state_s_latest_meeting_is_its_newest_dated_one(mini) -> None:
    states = state_activity(mini, select(mini, Filters())).set_index("iso3")
    assert states.loc["MAR", "latest_meeting_id"] == "moscow-13"
    assert states.loc["QAT", "latest_title"] in {"Title vienna-22", "Morocco and Qatar meet in Vienna"}
    assert states.loc["ESP", "latest_meeting_id"] == "undated-madrid"  # its only meeting, undated


def test_state_activity_follows_the_filters(mini) -> None:
    states = state_activity(mini, select(mini, Filters(formats=("bilateral",), month_from="2025-01")))
    assert dict(zip(states["iso3"], states["meetings"], strict=True)) == {"AUT": 1, "MAR": 1, "QAT": 1}


def test_state_activity_of_nothing_is_empty(mini) -> None:
    assert state_activity(mini, pd.Index([])).empty


def test_venues_count_meetings_by_format_newest_first(mini) -> None:
    venues = venue_activity(mini, select(mini, Filters())).set_index("venue_id")
    assert venues.loc["vic", ["meetings", "multilateral", "bilateral"]].tolist() == [2, 1, 1]
    assert venues.loc["moscow", "titles"] == ("Title moscow-13", "Title moscow-12")
    assert set(venues.index) == {"vic", "moscow", "country-sau"}  # the undated meeting has no venue


def test_arcs_link_each_visiting_state_to_each_venue_by_format(mini) -> None:
    arcs, total = delegation_arcs(mini, select(mini, Filters()), CENTROIDS)
    links = {(row.iso3, row.venue_id, row.format): row.meetings for row in arcs.itertuples()}
    assert links == {
        ("MAR", "vic", "multilateral"): 1,
        ("MAR", "vic", "bilateral"): 1,
        ("QAT", "vic", "multilateral"): 1,
        ("QAT", "vic", "bilateral"): 1,
        ("MAR", "moscow", "multilateral"): 1,
        ("MAR", "country-sau", "bilateral"): 1,
    }  # Russia in Moscow and Saudi Arabia at home draw no arc
    assert total == 6
    first = arcs.iloc[0]
    assert (first["from_longitude"], first["from_latitude"]) == tuple(
        CENTROIDS.set_index("iso3").loc[first["iso3"], ["longitude", "latitude"]]
    )


def test_arcs_keep_only_the_strongest_links_and_say_how_many_there_were(mini) -> None:
    arcs, total = delegation_arcs(mini, select(mini, Filters()), CENTROIDS, limit=2)
    assert len(arcs) == 2 and total == 6


def test_a_state_without_a_centroid_draws_no_arc(mini) -> None:
    arcs, _ = delegation_arcs(mini, select(mini, Filters()), CENTROIDS[CENTROIDS["iso3"] != "QAT"])
    assert "QAT" not in set(arcs["iso3"])


def test_state_activity_of_nothing_has_every_column_a_page_reads(mini) -> None:
    """A view with no state (an organisation-only meeting) must not break the French map."""
    empty = state_activity(mini, pd.Index([]))
    for column in ("latest_title", "latest_title_fr", "latest_end_date", "latest_date_precision", "roles"):
        assert column in empty.columns


def test_a_venue_lists_only_its_newest_meetings_but_counts_them_all(mini) -> None:
    """The tooltip's titles stay bounded however busy a venue is; the count is every meeting held there."""
    venues = venue_activity(mini, select(mini, Filters()), max_listed=1).set_index("venue_id")
    assert venues.loc["moscow", "titles"] == ("Title moscow-13",)
    assert venues.loc["moscow", "meeting_ids"] == ("moscow-13",)
    assert venues.loc["moscow", "meetings"] == 2 and venues.loc["vic", "meetings"] == 2
