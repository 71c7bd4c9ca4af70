"""Views and figures described in words: the sentences under charts, in exported captions and for screen readers."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import mini_tables, write_tables

from liaison.dataset.store import Dataset, load_dataset
from liaison.figures.wording import (
    choropleth_alt,
    dates_covered,
    describe_filters,
    topic_bars_alt,
    topic_matrix_alt,
    topic_months_alt,
    venues_alt,
)
from liaison.view.filters import Filters

EMPTY_EN = "No meeting to draw for these filters."
TAXONOMY = pd.DataFrame(
    {
        "topic_id": ["terrorism", "cybercrime", "border-security", "piracy"],
        "label_en": ["Terrorism", "Cybercrime", "Border security", "Piracy"],
        "label_fr": ["Terrorisme", "Cybercriminalité", "Sécurité des frontières", "Piraterie"],
    }
)


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """The shared mini dataset, loaded once: these tests only read it."""
    return load_dataset(write_tables(tmp_path_factory.mktemp("mini") / "data", mini_tables()))


def test_a_single_month_is_written_once_not_as_a_period(mini) -> None:
    assert describe_filters(Filters(month_from="2025-05", month_to="2025-05"), mini) == "May 2025"
    assert describe_filters(Filters(month_from="2025-05", month_to="2025-05"), mini, "fr") == "mai 2025"


def test_an_open_ended_period_leaves_its_missing_end_as_an_ellipsis(mini) -> None:
    assert describe_filters(Filters(month_from="2025-05"), mini) == "May 2025 to …"
    assert describe_filters(Filters(month_to="2024-02"), mini, "fr") == "de … à février 2024"


def test_every_kind_of_filter_is_named_in_the_readers_language(mini) -> None:
    filters = Filters(regions=("Western Asia",), formats=("bilateral",), topics=("terrorism",), text="Vienna")
    assert describe_filters(filters, mini, "fr") == (
        "régions : Asie de l'Ouest; format : Bilatérale; thèmes : terrorism (fr); contenant « Vienna »"
    )
    assert describe_filters(filters, mini) == (
        "regions: Western Asia; format: Bilateral; topics: Terrorism; matching “Vienna”"
    )


def test_the_state_map_names_at_most_five_of_the_most_active_states() -> None:
    states = pd.DataFrame({"iso3": ["MAR", "AUT", "QAT", "RUS", "ESP", "SAU"], "meetings": [5, 2, 2, 2, 1, 1]})
    text = choropleth_alt(states, 6)
    assert text == (
        "World map of 6 states taking part in the 6 meetings of this view. "
        "Most active: Morocco (5), Austria (2), Qatar (2), Russia (2), Spain (1)."
    )
    assert "Saudi" not in text
    assert choropleth_alt(states.head(1), 5, "fr").endswith("Les plus actifs : Maroc (5).")


def test_the_venue_map_names_its_three_busiest_venues_in_the_language() -> None:
    venues = pd.DataFrame(
        {
            "name": ["Vienna International Centre", "Moscow", "Saudi Arabia", "Rabat"],
            "name_fr": ["Centre international de Vienne", "Moscou", "Arabie saoudite", "Rabat"],
            "meetings": [3, 2, 1, 1],
        }
    )
    assert venues_alt(venues, 7, "fr") == (
        "Carte de 4 lieux et 7 liens de délégation. "
        "Lieux les plus fréquentés : Centre international de Vienne (3), Moscou (2), Arabie saoudite (1)."
    )
    assert "Vienna International Centre (3), Moscow (2)" in venues_alt(venues, 7)


def test_the_topic_bars_give_the_views_total_and_the_three_leading_topics() -> None:
    counts = pd.DataFrame(
        {"topic_id": ["terrorism", "cybercrime", "border-security", "piracy"], "meetings": [4, 2, 1, 1]}
    )
    assert topic_bars_alt(counts, 5, TAXONOMY) == (
        "Bar chart of 4 topics across the 5 meetings of this view. "
        "Most discussed: Terrorism (4), Cybercrime (2), Border security (1)."
    )


def test_the_busiest_topic_month_is_the_earliest_of_equal_counts() -> None:
    frame = pd.DataFrame(
        {
            "topic_id": ["terrorism", "terrorism", "cybercrime", "cybercrime"],
            "month": pd.to_datetime(["2025-04-01", "2025-05-01", "2025-04-01", "2025-05-01"]),
            "meetings": [0, 2, 2, 1],
            "freq": "M",
        }
    )
    assert topic_months_alt(frame, TAXONOMY, "fr") == (
        "Carte de chaleur de 2 thèmes par mois, de avr. 2025 à mai 2025. Maximum : Cybercriminalité en avr. 2025 (2)."
    )


def test_the_strongest_pairing_breaks_ties_by_topic_then_state() -> None:
    """Equal counts must give the same sentence on every run, whatever the frame's row order."""
    frame = pd.DataFrame(
        {"topic_id": ["terrorism", "cybercrime", "cybercrime"], "iso3": ["MAR", "QAT", "MAR"], "meetings": [2, 2, 1]}
    )
    assert topic_matrix_alt(frame, TAXONOMY) == (
        "Heat map of 2 topics by 2 participating states. Strongest pairing: Cybercrime with Qatar (2)."
    )
    assert topic_matrix_alt(frame.iloc[::-1], TAXONOMY) == topic_matrix_alt(frame, TAXONOMY)


def test_dates_covered_reads_days_as_one_span() -> None:
    first, last = pd.Timestamp("2025-05-06"), pd.Timestamp("2025-05-07")
    assert dates_covered(first, "day", last, "day", "en") == "Meetings dated 6–7 May 2025."


def test_dates_covered_keeps_each_ends_own_precision() -> None:
    """A first meeting dated only to a month must not be shown as if its day were known."""
    first, last = pd.Timestamp("2024-02-01"), pd.Timestamp("2025-05-28")
    assert dates_covered(first, "month", last, "day", "fr") == "Du février 2024 au 28 mai 2025."
    assert dates_covered(first, "month", first, "month", "en") == "Meetings dated February 2024."


@pytest.mark.parametrize(
    "describe",
    [
        lambda: choropleth_alt(pd.DataFrame({"iso3": [], "meetings": []}), 0),
        lambda: venues_alt(pd.DataFrame({"name": [], "name_fr": [], "meetings": []}), 0),
        lambda: topic_bars_alt(pd.DataFrame({"topic_id": [], "meetings": []}), 0, TAXONOMY),
        lambda: topic_months_alt(
            pd.DataFrame(
                {"topic_id": ["terrorism"], "month": [pd.Timestamp("2025-05-01")], "meetings": [0], "freq": "M"}
            ),
            TAXONOMY,
        ),
        lambda: topic_matrix_alt(pd.DataFrame({"topic_id": [], "iso3": [], "meetings": []}), TAXONOMY),
    ],
    ids=["choropleth", "venues", "topic-bars", "topic-months-all-zero", "topic-matrix"],
)
def test_an_empty_figure_is_described_as_empty(describe) -> None:
    assert describe() == EMPTY_EN
