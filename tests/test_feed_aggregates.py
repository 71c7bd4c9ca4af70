"""What pages show of a view's candidates: per month, per state, per place, and the promotion they propose."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from gdelt_rows import layer_events

from liaison.feed.aggregates import (
    candidate_places,
    candidate_states,
    candidates_per_month,
    involving,
    unplaced_count,
)
from liaison.feed.candidates import build_candidates, candidate_articles, candidate_meetings, cluster_events
from liaison.feed.charts import (
    CANDIDATE_COLOUR,
    with_candidate_month_rows,
    with_candidate_months,
    with_candidate_places,
)
from liaison.figures.charts import monthly_chart
from liaison.intake.promotion import promotion

VIENNA = {
    "action_geo_name": "Vienna, Wien, Austria",
    "action_geo_iso3": "AUT",
    "action_geo_feature_id": "-1995499",
    "action_geo_lat": 48.2,
    "action_geo_long": 16.37,
}
CENTROID = {
    "action_geo_type": 1,
    "action_geo_name": "Morocco",
    "action_geo_iso3": "MAR",
    "action_geo_feature_id": "MO",
    "action_geo_lat": 32.0,
    "action_geo_long": -5.0,
}


def _candidates() -> pd.DataFrame:
    """Four candidates: RUS-TUR in Sochi in May and again in July, MAR-QAT in Vienna in May, MAR-ESP at a centroid."""
    return candidate_meetings(
        layer_events(
            {"day": "2025-05-06"},
            {"day": "2025-07-01"},
            {"day": "2025-05-06", "actor1_iso3": "MAR", "actor2_iso3": "QAT", **VIENNA},
            {"day": "2025-05-07", "actor1_iso3": "QAT", "actor2_iso3": "MAR", **VIENNA},
            {"day": "2025-05-20", "actor1_iso3": "MAR", "actor2_iso3": "ESP", **CENTROID},
        )
    )


def test_candidates_are_counted_by_the_month_of_their_first_day_with_empty_months() -> None:
    per_month = candidates_per_month(_candidates())
    assert per_month["month"].dt.strftime("%Y-%m").tolist() == ["2025-05", "2025-06", "2025-07"]
    assert per_month["candidates"].tolist() == [3, 0, 1]


def test_a_candidate_over_two_months_counts_once() -> None:
    events = layer_events({"day": "2025-05-31"}, {"day": "2025-06-01"})
    assert candidates_per_month(candidate_meetings(events))["candidates"].tolist() == [1]


def test_no_candidates_give_no_months() -> None:
    assert candidates_per_month(_candidates().iloc[:0]).empty


def test_each_state_of_a_pair_counts_the_candidate() -> None:
    states = candidate_states(_candidates())
    assert list(zip(states["iso3"], states["candidates"], strict=True)) == [
        ("MAR", 2),
        ("RUS", 2),
        ("TUR", 2),
        ("ESP", 1),
        ("QAT", 1),
    ]


def test_places_group_candidates_and_leave_out_those_without_coordinates() -> None:
    candidates = candidate_meetings(
        layer_events(
            {"day": "2025-05-06"},
            {"day": "2025-07-01"},
            {"day": "2025-05-06", "actor1_iso3": "MAR", "actor2_iso3": "QAT", **VIENNA},
            {
                "day": "2025-05-09",
                "action_geo_type": 0,
                "action_geo_lat": None,
                "action_geo_long": None,
                "action_geo_feature_id": None,
                "action_geo_name": None,
            },
        )
    )
    places = candidate_places(candidates)
    assert list(zip(places["place"], places["candidates"], places["rows"], strict=True)) == [
        ("Sochi, Krasnodar, Russia", 2, 2),
        ("Vienna, Wien, Austria", 1, 1),
    ]
    assert unplaced_count(candidates) == 1
    assert len(candidate_places(candidates, limit=1)) == 1


def test_involving_keeps_the_pairs_of_a_state_not_its_places() -> None:
    chosen = involving(_candidates(), ["AUT"])
    assert chosen.empty
    assert sorted(
        f"{a}-{b}" for a, b in zip(*(involving(_candidates(), ["MAR"])[c] for c in ("state_a", "state_b")), strict=True)
    ) == ["ESP-MAR", "MAR-QAT"]


def _one(candidates: pd.DataFrame, pair: str) -> pd.Series:
    return candidates[(candidates["state_a"].astype(str) + "-" + candidates["state_b"].astype(str)) == pair].iloc[0]


def test_a_promotion_proposes_states_days_city_and_the_article_behind_most_rows() -> None:
    clustered = cluster_events(
        layer_events(
            {
                "day": "2025-05-06",
                "actor1_iso3": "MAR",
                "actor2_iso3": "QAT",
                "source_url": "https://a.ma/1",
                "source_host": "a.ma",
                **VIENNA,
            },
            {
                "day": "2025-05-07",
                "actor1_iso3": "QAT",
                "actor2_iso3": "MAR",
                "source_url": "https://b.qa/2",
                "source_host": "b.qa",
                **VIENNA,
            },
            {
                "day": "2025-05-07",
                "actor1_iso3": "QAT",
                "actor2_iso3": "MAR",
                "source_url": "https://b.qa/2",
                "source_host": "b.qa",
                **VIENNA,
            },
        )
    )
    candidates = build_candidates(clustered)
    proposed = promotion(candidates.iloc[0], candidate_articles(clustered, candidates))
    assert proposed.states == ("MAR", "QAT")
    assert (proposed.start_date, proposed.end_date) == ("2025-05-06", "2025-05-07")
    assert (proposed.city, proposed.country_iso3) == ("Vienna", "AUT")
    assert proposed.title_en == "Morocco and Qatar meet in Vienna"
    assert proposed.title_fr == "Rencontre entre Maroc et Qatar à Vienna"
    assert [article.url for article in proposed.articles] == ["https://b.qa/2", "https://a.ma/1"]
    assert proposed.source.host == "b.qa"
    assert [article.url for article in proposed.further] == ["https://a.ma/1"]
    assert proposed.candidate_id in proposed.origin.summary_en and proposed.candidate_id in proposed.origin.summary_fr
    assert "checked" in proposed.origin.evidence_note and "{outlet}" in proposed.origin.summary_en


def test_a_centroid_promotes_to_the_country_without_a_city() -> None:
    candidates = _candidates()
    proposed = promotion(
        _one(candidates, "ESP-MAR"), pd.DataFrame(columns=["candidate_id", "source_url", "source_host", "rows"])
    )
    assert (proposed.city, proposed.country_iso3) == (None, "MAR")
    assert proposed.title_en == "Spain and Morocco meet"
    assert proposed.source is None


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_candidates_series_is_apart_from_the_stacked_meetings(lang: str) -> None:
    per_meeting = pd.DataFrame(
        {
            "month": pd.to_datetime(["2025-05-01", "2025-05-01"]),
            "format": ["multilateral", "bilateral"],
            "meetings": [2, 1],
        }
    )
    base = monthly_chart(per_meeting, lang)
    drawn = with_candidate_months(base, candidates_per_month(_candidates()), lang)
    line = drawn.data[-1]
    assert line.type == "scatter" and line.line.color == CANDIDATE_COLOUR
    assert line.yaxis == "y2" and drawn.layout.yaxis2.overlaying == "y", "an axis of their own, not the meetings'"
    assert list(line.y) == [3, 0, 1]
    assert "candidat" in line.name.lower()
    assert [trace.type for trace in drawn.data[:-1]] == ["bar", "bar"]
    assert pd.Timestamp(drawn.layout.xaxis.range[1]) > pd.Timestamp("2025-07-01")
    assert len(base.data) == 2, "the meetings' figure is left as it was"


def test_no_candidates_leave_the_figures_as_they_are() -> None:
    figure = go.Figure()
    empty = _candidates().iloc[:0]
    assert with_candidate_months(figure, candidates_per_month(empty), "en") is figure
    assert with_candidate_places(figure, candidate_places(empty), "en") is figure


def test_place_names_reach_the_map_tooltip_as_text() -> None:
    hostile = {**VIENNA, "action_geo_name": "<a href='javascript:alert(1)'>Vienna</a>"}
    candidates = candidate_meetings(layer_events({"actor1_iso3": "MAR", "actor2_iso3": "QAT", **hostile}))
    drawn = with_candidate_places(go.Figure(go.Scattergeo()), candidate_places(candidates), "en")
    assert html.escape(hostile["action_geo_name"]) in drawn.data[-1].hovertext[0]
    assert "<a " not in drawn.data[-1].hovertext[0]


def _random_candidates(as_categories: bool) -> pd.DataFrame:
    """Candidates over random pairs, months, places (one id with two names, some without an id or a point)."""
    generator = np.random.default_rng(11)
    places = [
        {"action_geo_feature_id": "-1", "action_geo_name": "Sochi"},
        {"action_geo_feature_id": "-2", "action_geo_name": "Vienna"},
        {"action_geo_feature_id": "-2", "action_geo_name": "Wien"},
        {"action_geo_feature_id": None, "action_geo_name": None, "action_geo_type": 0},
        {"action_geo_feature_id": "MO", "action_geo_name": "Morocco", "action_geo_type": 1},
        {"action_geo_feature_id": "-3", "action_geo_name": "Nowhere", "action_geo_lat": None},
        {"action_geo_feature_id": "-4", "action_geo_name": ""},
        {"action_geo_feature_id": "-4", "action_geo_name": None},
    ]
    states = ["RUS", "TUR", "IRN", "QAT", "MAR"]
    rows = []
    for _ in range(500):
        one, two = generator.choice(len(states), 2, replace=False)
        rows.append(
            {
                "day": str(np.datetime64("2024-11-01") + generator.integers(0, 200)),
                "actor1_iso3": states[one],
                "actor2_iso3": states[two],
                **places[generator.integers(0, len(places))],
            }
        )
    candidates = candidate_meetings(layer_events(*rows))
    if as_categories:
        columns = ["state_a", "state_b", "place", "place_feature_id", "place_iso3"]
        candidates = candidates.assign(**{column: candidates[column].astype("category") for column in columns})
    return candidates


def _months_as_before(candidates: pd.DataFrame) -> list[tuple]:
    months = candidates["start_date"].dt.to_period("M")
    full = pd.period_range(months.min(), months.max(), freq="M")
    counts = months.value_counts().reindex(full, fill_value=0)
    return list(zip(full.to_timestamp(), counts.tolist(), strict=True))


def _places_as_before(candidates: pd.DataFrame) -> pd.DataFrame:
    """The places grouped by text keys, as a groupby over strings finds them."""
    placed = candidates[candidates["latitude"].notna() & candidates["longitude"].notna()]
    key = placed["place_feature_id"].astype("str").fillna("") + "|" + placed["place"].astype("str").fillna("")
    places = (
        placed.assign(key=key.to_numpy())
        .groupby("key", sort=False)
        .agg(
            place=("place", "first"),
            precision=("precision", "first"),
            latitude=("latitude", "first"),
            longitude=("longitude", "first"),
            candidates=("candidate_id", "size"),
            rows=("rows", "sum"),
        )
    )
    places = places.assign(place=places["place"].astype("str"), precision=places["precision"].astype("str"))
    return places.sort_values(["candidates", "place"], ascending=[False, True]).reset_index(drop=True)


@pytest.mark.parametrize("as_categories", [False, True], ids=["text", "categories"])
def test_the_whole_array_counts_are_those_of_a_group_by(as_categories: bool) -> None:
    """Months, states and places counted on integer codes equal the same counts grouped by text."""
    candidates = _random_candidates(as_categories)
    per_month = candidates_per_month(candidates)
    assert list(zip(per_month["month"], per_month["candidates"], strict=True)) == _months_as_before(candidates)
    pairs = pd.concat([candidates["state_a"].astype("str"), candidates["state_b"].astype("str")])
    expected = pairs.value_counts().rename_axis("iso3").reset_index(name="candidates")
    expected = expected.sort_values(["candidates", "iso3"], ascending=[False, True], ignore_index=True)
    states = candidate_states(candidates)
    assert list(zip(states["iso3"], states["candidates"], strict=True)) == list(
        zip(expected["iso3"], expected["candidates"], strict=True)
    )
    places = candidate_places(candidates)
    before = _places_as_before(candidates)
    assert len(places) == 6, "Vienna and Wien share an id but not a name: two places; no name and '' are one"
    pd.testing.assert_frame_equal(places, before[places.columns], check_dtype=False)


def test_a_place_id_with_one_name_groups_by_the_id_alone() -> None:
    """The counting shortcut (one name per id) finds the same places as the general case."""
    candidates = _random_candidates(as_categories=True)
    one_name = candidates[candidates["place"].astype("str") != "Wien"].reset_index(drop=True)
    pd.testing.assert_frame_equal(candidate_places(one_name), _places_as_before(one_name), check_dtype=False)


def test_the_monthly_table_lists_candidates_in_a_column_of_their_own_never_summed() -> None:
    per_month = pd.DataFrame(
        {
            "month": pd.to_datetime(["2025-05-01", "2025-05-01", "2025-06-01", "2025-07-01"]),
            "format": ["multilateral", "bilateral", "multilateral", "bilateral"],
            "meetings": [2, 1, 0, 1],
        }
    )
    candidates = pd.DataFrame(
        {
            "month": pd.to_datetime(["2019-10-01", "2025-05-01", "2025-06-01"]).astype("datetime64[s]"),
            "candidates": [4, 3, 0],
        }
    )
    table = with_candidate_month_rows(per_month, candidates, "en")
    assert list(table.columns) == ["Month", "Multilateral", "Bilateral", "Machine-coded candidates (unverified)"]
    assert table.values.tolist() == [
        ["October 2019", 0, 0, 4],
        ["May 2025", 2, 1, 3],
        ["July 2025", 0, 1, 0],
    ]
    french = with_candidate_month_rows(per_month, candidates, "fr")
    assert (
        french.columns[-1] == "Candidats codés automatiquement (non vérifiés)" and french.iloc[0, 0] == "octobre 2019"
    )
