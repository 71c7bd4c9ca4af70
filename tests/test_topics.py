"""Topic aggregations: multi-label meetings count once under each topic, never more."""

from __future__ import annotations

import pandas as pd
import pytest

from liaison.figures.topic_charts import topic_bars, topic_month_heatmap, topic_state_matrix, whole_step
from liaison.view.filters import Filters
from liaison.view.query import select
from liaison.view.topics import topic_counts, topic_months, topic_states, untagged_count


def test_a_meeting_with_two_topics_counts_under_each(mini) -> None:
    counts = topic_counts(mini, select(mini, Filters())).set_index("topic_id")
    assert counts["meetings"].to_dict() == {"terrorism": 2, "cybercrime": 1, "intelligence-cooperation": 1}
    assert counts.loc["terrorism", "share"] == 2 / 6
    assert untagged_count(mini, select(mini, Filters())) == 3


def test_topic_counts_follow_the_filters(mini) -> None:
    counts = topic_counts(mini, select(mini, Filters(countries=("QAT",))))
    assert dict(zip(counts["topic_id"], counts["meetings"], strict=True)) == {
        "intelligence-cooperation": 1,
        "terrorism": 1,
    }


def test_topic_months_fill_empty_months_and_switch_to_quarters_for_long_views(mini) -> None:
    ids = select(mini, Filters())
    months = topic_months(mini, ids)
    assert set(months["freq"]) == {"M"} and months["meetings"].sum() == 4  # tagged meetings all fall in May 2025
    may = months[months["month"] == "2025-05-01"].set_index("topic_id")["meetings"]
    assert may.to_dict() == {"cybercrime": 1, "intelligence-cooperation": 1, "terrorism": 2}
    quarters = topic_months(mini, ids, max_months=0)
    assert set(quarters["freq"]) == {"Q"} and quarters["meetings"].sum() == 4
    assert quarters.groupby("month")["meetings"].sum().to_dict() == {pd.Timestamp("2025-04-01"): 4}  # May is in Q2


def test_topic_states_count_shared_meetings(mini) -> None:
    pairs = topic_states(mini, select(mini, Filters()))
    table = {(row.topic_id, row.iso3): row.meetings for row in pairs.itertuples()}
    assert table[("terrorism", "MAR")] == 2 and table[("terrorism", "QAT")] == 1
    assert table[("cybercrime", "RUS")] == 1 and ("cybercrime", "QAT") not in table


def test_topic_states_keep_the_busiest_states_only(mini) -> None:
    assert set(topic_states(mini, select(mini, Filters()), top_states=1)["iso3"]) == {"MAR"}


def test_topic_bars_state_the_view_total_and_use_labels(mini) -> None:
    ids = select(mini, Filters())
    figure = topic_bars(topic_counts(mini, ids), len(ids), mini.taxonomy, "fr")
    assert figure.layout.title.text == "Réunions par thème (6 réunions dans cette vue)"
    assert list(figure.data[0].y) == ["terrorism (fr)", "cybercrime (fr)", "intelligence-cooperation (fr)"]
    assert list(figure.data[0].x) == [2, 1, 1]


def test_heat_maps_put_the_counts_in_their_cells(mini) -> None:
    ids = select(mini, Filters())
    months = topic_month_heatmap(topic_months(mini, ids), mini.taxonomy).data[0]
    assert pd.DataFrame(months.z).to_numpy().sum() == 4  # 2 + 1 + 1 in May 2025
    matrix = topic_state_matrix(topic_states(mini, ids), mini.taxonomy).data[0]
    assert matrix.y[0] == "Terrorism" and "Morocco" in matrix.x


def test_topic_figures_of_nothing_say_so(mini) -> None:
    empty = select(mini, Filters(text="no such meeting"))
    assert topic_bars(topic_counts(mini, empty), 0, mini.taxonomy).data == ()
    assert topic_month_heatmap(topic_months(mini, empty), mini.taxonomy).data == ()
    assert topic_state_matrix(topic_states(mini, empty), mini.taxonomy).data == ()


@pytest.mark.parametrize(("most", "step"), [(1, 1), (3, 1), (12, 5), (347, 100), (4_000, 1_000)])
def test_heat_map_colour_bars_step_by_whole_counts(most, step) -> None:
    """Plotly's own step over a small count was 0.5, printed "1, 1, 2, 2" once rounded to whole meetings."""
    assert whole_step(most) == step


def test_heat_maps_tick_their_colour_bar_in_whole_meetings(mini) -> None:
    months = topic_month_heatmap(topic_months(mini, select(mini, Filters())), mini.taxonomy)
    assert months.data[0].colorbar.dtick == 1 and months.data[0].colorbar.tick0 == 0
