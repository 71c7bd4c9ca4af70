"""A state's profile aggregates, on the hand-made dataset whose answers are known.

In `mini`, Morocco and Qatar share one bilateral (vienna-mar-qat) and one multilateral
(vienna-22); Morocco and Russia co-attend moscow-13; Morocco meets Saudi Arabia and Spain
bilaterally. Austria only hosts the Vienna venue, so it partners nobody.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from liaison.view.filters import Filters
from liaison.view.partners import (
    PARTNER_COLUMNS,
    blocs_of,
    busiest_state,
    month_span,
    monthly_of,
    partners,
    profile_states,
    roles_played,
    state_meetings,
    topics_of,
)
from liaison.view.query import meeting_table, meetings_per_month, select


def rows(frame: pd.DataFrame) -> list[tuple]:
    return [tuple(row) for row in frame.itertuples(index=False)]


@pytest.mark.parametrize(
    ("state", "filters", "expected"),
    [
        ("MAR", Filters(), [("QAT", 1, 1, 2), ("ESP", 1, 0, 1), ("RUS", 0, 1, 1), ("SAU", 1, 0, 1)]),
        ("QAT", Filters(), [("MAR", 1, 1, 2)]),
        ("RUS", Filters(), [("MAR", 0, 1, 1)]),  # moscow-12 has Russia alone
        ("SAU", Filters(), [("MAR", 1, 0, 1)]),
        ("MAR", Filters(month_from="2025-05", month_to="2025-05"), [("QAT", 1, 1, 2), ("RUS", 0, 1, 1)]),
        ("MAR", Filters(formats=("bilateral",)), [("ESP", 1, 0, 1), ("QAT", 1, 0, 1), ("SAU", 1, 0, 1)]),
        ("MAR", Filters(formats=("multilateral",)), [("QAT", 0, 1, 1), ("RUS", 0, 1, 1)]),
    ],
)
def test_partners_count_bilateral_and_co_attendance_apart(mini, state, filters, expected) -> None:
    """Each shared meeting counts once, under its format; strongest first, ties by code."""
    assert rows(partners(mini, state, select(mini, filters))) == expected


def test_the_venue_s_country_is_nobody_s_partner(mini) -> None:
    """Austria only hosts the Vienna venue: it is no partner of Morocco, and has none itself."""
    ids = select(mini, Filters())
    assert "AUT" not in set(partners(mini, "MAR", ids)["partner"])
    assert partners(mini, "AUT", ids).empty


def test_a_state_never_partners_itself_nor_an_organisation(mini) -> None:
    """The UN team, the CSTO and Russia's Security Council take part, but only states are partners."""
    ids = select(mini, Filters())
    for state in ("MAR", "QAT", "RUS"):
        found = set(partners(mini, state, ids)["partner"])
        assert state not in found
        assert not found & {"UN-MT", "CSTO", "RU-SC"}


def test_no_partner_is_an_empty_frame_with_the_columns(mini) -> None:
    """Nothing to count still gives the four columns, so callers never test for missing ones."""
    empty = partners(mini, "MAR", pd.Index([]))
    assert empty.empty and list(empty.columns) == PARTNER_COLUMNS
    assert list(partners(mini, "ESP", select(mini, Filters(formats=("multilateral",)))).columns) == PARTNER_COLUMNS


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("MAR", [("participant", 5)]),
        ("QAT", [("participant", 1), ("counterpart", 1)]),
        ("RUS", [("host", 2), ("venue", 2)]),
        ("AUT", [("venue", 2)]),
        ("SAU", [("counterpart", 1), ("venue", 1)]),
        ("UZB", []),
    ],
)
def test_roles_played_count_meetings_per_role(mini, state, expected) -> None:
    """Hosting the venue counts as the role "venue", as on the map; ties keep the codebook's order of roles."""
    assert rows(roles_played(mini, state, select(mini, Filters()))) == expected


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("MAR", [("terrorism", 2, 0.4), ("cybercrime", 1, 0.2), ("intelligence-cooperation", 1, 0.2)]),
        ("QAT", [("intelligence-cooperation", 1, 0.5), ("terrorism", 1, 0.5)]),
        ("AUT", [("intelligence-cooperation", 1, 0.5), ("terrorism", 1, 0.5)]),  # its meetings as venue country
        ("ESP", []),
    ],
)
def test_topics_of_a_state_share_its_own_meetings(mini, state, expected) -> None:
    """Shares are of the state's meetings, not of the view's: terrorism is 2 of Morocco's 5."""
    topics = topics_of(mini, state, select(mini, Filters()))
    assert rows(topics[["topic_id", "meetings", "share"]]) == expected


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("RUS", [("CSTO", "member", "1992", None)]),
        ("UZB", [("CSTO", "former", "1992", "2012")]),
        ("MAR", []),
    ],
)
def test_blocs_of_a_state_come_from_memberships(mini, state, expected) -> None:
    """Status and years as recorded; a state in no bloc has an empty list."""
    blocs = blocs_of(mini, state)
    assert [tuple(None if pd.isna(value) else value for value in row) for row in rows(blocs)] == expected


def test_blocs_list_current_members_before_former_ones(mini) -> None:
    """Member, observer, suspended, former: what the state is now comes first."""
    extra = pd.DataFrame(
        [
            {"org_id": "AAA", "iso3": "RUS", "status": "former", "joined": "2001", "left": "2005"},
            {"org_id": "ZZZ", "iso3": "RUS", "status": "observer", "joined": None, "left": None},
        ]
    )
    ds = replace(mini, memberships=pd.concat([mini.memberships, extra], ignore_index=True))
    assert list(zip(*[blocs_of(ds, "RUS")[column] for column in ("org_id", "status")], strict=True)) == [
        ("CSTO", "member"),
        ("ZZZ", "observer"),
        ("AAA", "former"),
    ]


@pytest.mark.parametrize(
    ("state", "filters", "expected"),
    [
        ("MAR", Filters(), {"vienna-22", "vienna-mar-qat", "moscow-13", "riyadh-visit", "undated-madrid"}),
        ("AUT", Filters(), {"vienna-22", "vienna-mar-qat"}),  # as the country filter reads it: venue included
        ("RUS", Filters(month_from="2025-01"), {"moscow-13"}),
        ("QAT", Filters(formats=("bilateral",)), {"vienna-mar-qat"}),
    ],
)
def test_state_meetings_agree_with_the_country_filter(mini, state, filters, expected) -> None:
    """A profile counts exactly the meetings the country filter would keep for that state."""
    own = set(state_meetings(mini, state, select(mini, filters)))
    assert own == expected
    assert own == set(select(mini, filters.with_values(countries=[state])))


def test_profile_states_are_every_state_involved(mini) -> None:
    """The picker offers the states of the data, the venue-only Austria included, never an organisation."""
    assert profile_states(mini) == ["AUT", "ESP", "MAR", "QAT", "RUS", "SAU"]


def test_two_profiles_share_one_monthly_axis(mini) -> None:
    """Padded to the span of both states, Russia's months start with Morocco's February 2024, all empty."""
    table = meeting_table(mini)
    ids = select(mini, Filters())
    morocco, russia = (table[table["meeting_id"].isin(state_meetings(mini, code, ids))] for code in ("MAR", "RUS"))
    span = month_span(morocco, russia)
    assert span == (pd.Timestamp("2024-02-01"), pd.Timestamp("2025-05-01"))
    padded = monthly_of(russia, span)
    assert padded["month"].min() == pd.Timestamp("2024-02-01") and padded["month"].nunique() == 16
    assert padded.groupby("month")["meetings"].sum().to_dict()[pd.Timestamp("2024-02-01")] == 0
    assert padded["meetings"].sum() == 2 and padded.equals(monthly_of(russia, span))
    assert monthly_of(russia).equals(meetings_per_month(russia))
    assert month_span(table[table["meeting_id"] == "undated-madrid"]) is None


def test_the_busiest_state_is_the_one_in_most_meetings_ties_by_code(mini) -> None:
    """Before any choice the profile shows the busiest state of the view (of the filtered countries, if any)."""
    everything = select(mini, Filters())
    assert busiest_state(mini, everything) == "MAR"  # in every meeting but Moscow 12
    assert busiest_state(mini, everything, among=("RUS", "QAT")) == "QAT"  # two meetings each: the first code
    assert busiest_state(mini, everything, among=("RUS",)) == "RUS"
    assert busiest_state(mini, pd.Index([])) is None
