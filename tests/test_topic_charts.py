"""Topic figures: bars per topic, a topic-by-period heat map and a topic-by-state matrix, from frames built here."""

from __future__ import annotations

import pandas as pd
import pytest

from liaison.figures.theme import TEMPLATE
from liaison.figures.topic_charts import HEAT_SCALE, topic_bars, topic_month_heatmap, topic_state_matrix

TAXONOMY = pd.DataFrame(
    {
        "topic_id": ["terrorism", "cybercrime", "border-security"],
        "label_en": ["Terrorism", "Cybercrime", "Border security"],
        "label_fr": ["Terrorisme", "Cybercriminalité", "Sécurité des frontières"],
    }
)


def counts(rows: list[tuple[str, int]], total: int) -> pd.DataFrame:
    return pd.DataFrame(
        {"topic_id": [r[0] for r in rows], "meetings": [r[1] for r in rows], "share": [r[1] / total for r in rows]}
    )


def months(rows: list[tuple[str, str, int]], freq: str = "M") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "topic_id": [r[0] for r in rows],
            "month": pd.to_datetime([r[1] for r in rows]),
            "meetings": [r[2] for r in rows],
            "freq": freq,
        }
    )


def pairs(rows: list[tuple[str, str, int]]) -> pd.DataFrame:
    return pd.DataFrame(
        {"topic_id": [r[0] for r in rows], "iso3": [r[1] for r in rows], "meetings": [r[2] for r in rows]}
    )


def test_topic_bars_draw_one_bar_per_topic_labelled_in_the_language() -> None:
    figure = topic_bars(counts([("terrorism", 3), ("cybercrime", 1)], total=4), 4, TAXONOMY, "fr")
    bar = figure.data[0]
    assert list(bar.y) == ["Terrorisme", "Cybercriminalité"] and list(bar.x) == [3, 1]
    assert list(bar.text) == [3, 1] and bar.orientation == "h"
    assert figure.layout.yaxis.autorange == "reversed"  # the most discussed topic on top
    assert figure.layout.template == TEMPLATE


def test_topic_bars_hover_gives_each_topics_share_of_the_views_meetings_in_percent() -> None:
    """A meeting with several topics counts under each: the share is of meetings, not of bars."""
    bar = topic_bars(counts([("terrorism", 3), ("cybercrime", 2)], total=4), 4, TAXONOMY).data[0]
    assert list(bar.customdata) == [75.0, 50.0]
    assert "%{customdata:.0f} %" in bar.hovertemplate


def test_topic_bars_grow_with_the_number_of_topics() -> None:
    one = topic_bars(counts([("terrorism", 1)], total=1), 1, TAXONOMY)
    three = topic_bars(counts([("terrorism", 1), ("cybercrime", 1), ("border-security", 1)], total=1), 1, TAXONOMY)
    assert three.layout.height - one.layout.height == 2 * 28


def test_a_topic_missing_from_the_taxonomy_is_shown_by_its_id() -> None:
    assert list(topic_bars(counts([("piracy", 1)], total=1), 1, TAXONOMY).data[0].y) == ["piracy"]


def test_the_heat_map_puts_the_most_discussed_topic_first_and_labels_months_in_the_language() -> None:
    frame = months(
        [
            ("cybercrime", "2025-04-01", 1),
            ("cybercrime", "2025-05-01", 0),
            ("terrorism", "2025-04-01", 1),
            ("terrorism", "2025-05-01", 2),
        ]
    )
    trace = topic_month_heatmap(frame, TAXONOMY, "fr").data[0]
    assert list(trace.y) == ["Terrorisme", "Cybercriminalité"]
    assert list(trace.x) == ["avr. 2025", "mai 2025"]
    assert [list(row) for row in trace.z] == [[1, 2], [1, 0]]
    assert trace.zmin == 0


def test_a_long_view_is_labelled_by_quarter() -> None:
    frame = months([("terrorism", "2023-01-01", 2), ("terrorism", "2023-04-01", 1)], freq="Q")
    assert list(topic_month_heatmap(frame, TAXONOMY, "en").data[0].x) == ["Q1 2023", "Q2 2023"]


def test_the_matrix_orders_states_by_shared_meetings_names_them_and_fills_gaps_with_zero() -> None:
    """Alphabetical order (cybercrime, MAR) would differ: the busiest topic and state come first."""
    frame = pairs([("terrorism", "QAT", 2), ("terrorism", "MAR", 1), ("cybercrime", "QAT", 1)])
    trace = topic_state_matrix(frame, TAXONOMY, "fr").data[0]
    assert list(trace.x) == ["Qatar", "Maroc"]
    assert list(trace.y) == ["Terrorisme", "Cybercriminalité"]
    assert [list(row) for row in trace.z] == [[2, 1], [1, 0]]


def test_zero_and_one_meeting_get_different_colours() -> None:
    """The scale's second stop sits just above zero, so any meeting at all leaves the neutral background."""
    (zero, empty), (just_above, first_colour) = HEAT_SCALE[0], HEAT_SCALE[1]
    assert zero == 0.0 and 0 < just_above < 1e-6 and empty != first_colour


@pytest.mark.parametrize(
    "figure",
    [
        lambda: topic_bars(counts([], total=1), 0, TAXONOMY, "fr"),
        lambda: topic_month_heatmap(months([("terrorism", "2025-05-01", 0)]), TAXONOMY, "fr"),
        lambda: topic_month_heatmap(months([]), TAXONOMY, "fr"),
        lambda: topic_state_matrix(pairs([]), TAXONOMY, "fr"),
    ],
    ids=["bars", "months-all-zero", "months-empty", "matrix"],
)
def test_a_figure_with_nothing_to_draw_says_so_in_the_language(figure) -> None:
    drawn = figure()
    assert drawn.data == ()
    assert drawn.layout.annotations[0].text == "Aucune réunion à afficher pour ces filtres."
