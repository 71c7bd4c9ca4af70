"""Filter semantics and aggregations, on the hand-made dataset whose answers are known."""

from __future__ import annotations

import pandas as pd
import pytest

from liaison.view.filters import Filters
from liaison.view.query import (
    headline,
    meeting_lanes,
    meeting_participants,
    meeting_sources,
    meeting_states,
    meeting_table,
    meetings_per_month,
    select,
    undated_count,
)
from liaison.view.stored_table import filter_meetings


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (
            Filters(),
            {"vienna-22", "vienna-mar-qat", "moscow-13", "moscow-12", "riyadh-visit", "undated-madrid"},
        ),
        (Filters(countries=("QAT",)), {"vienna-22", "vienna-mar-qat"}),
        (Filters(countries=("AUT",)), {"vienna-22", "vienna-mar-qat"}),  # hosts the venue only
        (Filters(countries=("RUS",)), {"moscow-13", "moscow-12"}),
        (Filters(countries=("QAT", "SAU")), {"vienna-22", "vienna-mar-qat", "riyadh-visit"}),
        (Filters(regions=("Western Asia",)), {"vienna-22", "vienna-mar-qat", "riyadh-visit"}),
        (
            Filters(regions=("Europe",)),
            {"vienna-22", "vienna-mar-qat", "moscow-13", "moscow-12", "undated-madrid"},
        ),
        (Filters(blocs=("CSTO",)), {"moscow-13", "moscow-12"}),
        (Filters(formats=("bilateral",)), {"vienna-mar-qat", "riyadh-visit", "undated-madrid"}),
        (Filters(topics=("terrorism",)), {"vienna-22", "moscow-13"}),
        (
            Filters(topics=("terrorism", "intelligence-cooperation")),
            {"vienna-22", "vienna-mar-qat", "moscow-13"},
        ),
        (Filters(text="CYBER"), {"riyadh-visit"}),
        (Filters(text="titre moscow"), {"moscow-13", "moscow-12"}),
        (Filters(month_from="2025-05", month_to="2025-05"), {"vienna-22", "vienna-mar-qat", "moscow-13"}),
        (Filters(month_from="2024-04", month_to="2024-04"), {"moscow-12"}),  # dated to the month
        (Filters(month_from="2024-03"), {"vienna-22", "vienna-mar-qat", "moscow-13", "moscow-12"}),
        (Filters(month_to="2024-02"), {"riyadh-visit"}),
        (Filters(countries=("QAT",), formats=("bilateral",), month_from="2025-05"), {"vienna-mar-qat"}),
        (Filters(countries=("RUS",), topics=("intelligence-cooperation",)), set()),
    ],
)
def test_select_keeps_exactly_the_matching_meetings(mini, filters, expected) -> None:
    """Within a filter any value matches; across filters all must; a country matches any role or the venue."""
    assert set(select(mini, filters)) == expected


def test_a_former_member_does_not_bring_a_bloc_s_meetings(mini) -> None:
    """Uzbekistan left the CSTO: its meetings would not be counted as CSTO's (it has none here, Armenia neither)."""
    assert set(select(mini, Filters(blocs=("CSTO",)))) == {"moscow-13", "moscow-12"}


def test_meeting_states_include_the_venue_country_once(mini) -> None:
    states = meeting_states(mini)
    assert sorted(states.loc[states["meeting_id"] == "vienna-22", "iso3"]) == ["AUT", "MAR", "QAT"]
    assert not states.duplicated().any()


def test_the_meeting_table_lists_states_topics_and_venue(mini) -> None:
    row = meeting_table(mini).set_index("meeting_id").loc["moscow-13"]
    assert row["states"] == ("MAR", "RUS") and set(row["topics"]) == {"terrorism", "cybercrime"}
    assert (row["venue"], row["country_iso3"]) == ("Moscow", "RUS")


def test_headline_figures(mini) -> None:
    figures = headline(filter_meetings(mini, Filters()))
    assert (figures.meetings, figures.multilateral, figures.bilateral) == (6, 3, 3)
    assert figures.states == 6  # MAR QAT AUT RUS SAU ESP
    assert figures.months == 3  # 2024-02, 2024-04, 2025-05
    assert str(figures.first.date()) == "2024-02-01" and str(figures.last.date()) == "2025-05-28"


def test_meetings_per_month_fills_quiet_months_with_zero(mini) -> None:
    per_month = meetings_per_month(filter_meetings(mini, Filters()))
    assert len(per_month) == 16 * 2  # Feb 2024 .. May 2025, two formats each
    may = per_month[per_month["month"] == "2025-05-01"].set_index("format")["meetings"]
    assert (may["multilateral"], may["bilateral"]) == (2, 1)
    assert per_month["meetings"].sum() == 5  # the undated meeting is not placed
    assert undated_count(filter_meetings(mini, Filters())) == 1


def test_meetings_per_month_of_nothing_is_empty(mini) -> None:
    assert meetings_per_month(filter_meetings(mini, Filters(countries=("ESP",)))).empty


def test_lanes_put_a_series_on_one_lane_and_margins_just_below_their_meeting(mini) -> None:
    lanes = meeting_lanes(filter_meetings(mini, Filters())).set_index("meeting_id")
    assert lanes.loc["moscow-12", "lane"] == lanes.loc["moscow-13", "lane"] == "high-reps"
    assert lanes.loc["vienna-mar-qat", "lane"] == "vienna-regional / margins"
    order = lanes.drop_duplicates("lane").sort_values("lane_order")["lane"].tolist()
    assert order.index("vienna-regional / margins") == order.index("vienna-regional") + 1
    assert "undated-madrid" not in lanes.index


def test_past_the_lane_limit_only_the_busiest_series_keep_a_lane(mini) -> None:
    lanes = meeting_lanes(filter_meetings(mini, Filters()), max_lanes=3).set_index("meeting_id")["lane"]
    assert lanes["moscow-13"] == lanes["moscow-12"] == "high-reps"  # two editions: the busiest series
    assert lanes["vienna-22"] == "pool:multilateral" and lanes["riyadh-visit"] == "pool:bilateral"
    assert lanes["vienna-mar-qat"] == "pool:bilateral"
    assert meeting_lanes(filter_meetings(mini, Filters()), max_lanes=3)["lane"].nunique() <= 3


def test_past_the_meeting_limit_only_the_latest_are_drawn(mini) -> None:
    lanes = meeting_lanes(filter_meetings(mini, Filters()), max_meetings=2)
    assert set(lanes["meeting_id"]) == {"moscow-13", "vienna-mar-qat"}  # ties on the date go by id


def test_participants_gather_every_role_of_an_actor(mini) -> None:
    people = meeting_participants(mini, "moscow-13").set_index("actor")
    assert people.loc["RUS", "roles"] == ("host",) and "CSTO" in people.index


def test_sources_of_a_meeting_carry_outlet_and_locator(mini) -> None:
    sources = meeting_sources(mini, "vienna-22")
    assert sources[["outlet", "locators"]].values.tolist() == [["Outlet Two", (("meeting", "paragraph 1"),)]]


def test_the_timeline_keeps_the_most_recent_meetings_even_among_ties(mini) -> None:
    """Cutting at the newest N meetings keeps the same ones a full sort would, ties on the cut day included."""
    table = meeting_table(mini)
    tied = table.assign(start_date=pd.Timestamp("2025-05-06"))
    for count in (1, 2, 5):
        lanes = meeting_lanes(tied, max_meetings=count)
        assert sorted(lanes["meeting_id"]) == sorted(
            tied.sort_values(["start_date", "meeting_id"]).tail(count)["meeting_id"]
        )
    later = table.assign(start_date=table["start_date"].fillna(pd.Timestamp("2020-01-01")))
    assert set(meeting_lanes(later, max_meetings=3)["meeting_id"]) == set(
        later.sort_values(["start_date", "meeting_id"]).tail(3)["meeting_id"]
    )
