"""The tables beside the figures say codes as words, in the reader's language, with the figure's numbers."""

from __future__ import annotations

import pandas as pd

from liaison.dataset.store import Dataset
from liaison.figures.tables import (
    bloc_rows,
    monthly_rows,
    percent,
    role_rows,
    state_rows,
    topic_month_rows,
    topic_rows,
    venue_rows,
)
from liaison.view.activity import state_activity, venue_activity
from liaison.view.topics import topic_counts, topic_months


def test_shares_are_whole_percentages_rounded_half_to_even() -> None:
    assert list(percent(pd.Series([0.384, 1.0, 0.005, 0.015]))) == ["38 %", "100 %", "0 %", "2 %"]


def test_state_rows_name_states_and_roles_in_french(mini: Dataset) -> None:
    rows = state_rows(state_activity(mini, mini.meetings["meeting_id"]), "fr")
    assert list(rows.columns) == ["État", "Réunions", "Rôles", "Dernière réunion"]
    assert "Maroc" in set(rows["État"]) and "MAR" not in set(rows["État"])
    assert rows["Réunions"].sum() >= len(rows)


def test_topic_rows_carry_the_counts_and_their_share(mini: Dataset) -> None:
    counts = topic_counts(mini, mini.meetings["meeting_id"])
    rows = topic_rows(counts, mini.taxonomy, "en")
    assert list(rows["Meetings"]) == list(counts["meetings"])
    assert list(rows["Share of meetings"]) == list(percent(counts["share"]))


def test_period_tables_leave_out_empty_cells(mini: Dataset) -> None:
    months = topic_months(mini, mini.meetings["meeting_id"])
    assert len(topic_month_rows(months, mini.taxonomy, "en")) == int((months["meetings"] > 0).sum())
    per_month = pd.DataFrame(
        {"month": pd.to_datetime(["2025-05-01", "2025-06-01"]), "format": ["bilateral"] * 2, "meetings": [2, 0]}
    )
    assert list(monthly_rows(per_month, "fr")["Mois"]) == ["mai 2025"]


def test_formats_roles_and_statuses_are_words(mini: Dataset) -> None:
    assert list(role_rows(pd.DataFrame({"role": ["host"], "meetings": [1]}), "en")["Role"]) == ["host"]
    venues = venue_rows(venue_activity(mini, mini.meetings["meeting_id"]), mini.organizations, "en")
    assert {"Multilateral", "Bilateral"} <= set(venues.columns)
    blocs = pd.DataFrame({"org_id": ["SCO"], "status": ["former"], "joined": ["2001"], "left": [None]})
    assert bloc_rows(blocs, mini.organizations, "en").iloc[0].tolist()[1:] == ["former member", "2001", "—"]
