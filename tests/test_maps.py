"""Map builders: the figure's data is the aggregate, labels follow the language, data stays text."""

from __future__ import annotations

import json
from itertools import pairwise

import pandas as pd
import pytest

from liaison.dataset.store import DEFAULT_DATA_DIR, load_dataset
from liaison.figures.catalogue import build_figure
from liaison.figures.maps import (
    MAX_ARC_WIDTH,
    MAX_VENUE_RADIUS,
    NO_MEETING,
    WORLD_LON,
    choropleth,
    count_bins,
    count_colour,
    venue_deck,
    venue_figure,
)
from liaison.figures.world import COUNTRY_SHAPES_URL, country_centroids, country_shapes
from liaison.view.activity import delegation_arcs, state_activity, venue_activity
from liaison.view.filters import Filters
from liaison.view.query import select

ALL = ("AUT", "ESP", "FRA", "MAR", "QAT", "RUS", "SAU")


def states_of(mini, **filters):
    return state_activity(mini, select(mini, Filters(**filters)))


def test_choropleth_shades_every_country_with_its_count(mini) -> None:
    trace = choropleth(states_of(mini), ALL).data[0]
    counts = dict(zip(trace.locations, trace.z, strict=True))
    assert counts == {"AUT": 2, "ESP": 1, "FRA": 0, "MAR": 5, "QAT": 2, "RUS": 2, "SAU": 1}
    assert list(trace.customdata) == list(trace.locations)
    assert trace.locationmode == "ISO-3" and trace.zmin == 0


def test_choropleth_hover_names_the_state_its_roles_and_latest_meeting_in_french(mini) -> None:
    trace = choropleth(states_of(mini), ALL, lang="fr").data[0]
    hover = dict(zip(trace.locations, trace.hovertext, strict=True))
    assert hover["RUS"].startswith("<b>Russie</b>") and "Réunions : 2" in hover["RUS"]
    assert "hôte" in hover["RUS"] and "pays du lieu" in hover["RUS"]
    assert "Titre moscow-13 (28 mai 2025)" in hover["RUS"]
    assert hover["FRA"] == "<b>France</b><br>Aucune réunion dans cette vue"


def test_choropleth_legend_says_what_the_colour_counts(mini) -> None:
    figure = choropleth(states_of(mini), ALL)
    assert figure.data[0].colorbar.title.text == "Meetings"
    assert figure.layout.geo.resolution == 50 and figure.layout.geo.showland


def test_choropleth_of_nothing_says_so(mini) -> None:
    assert choropleth(states_of(mini, text="nothing at all"), ALL).data == ()


def test_markup_in_a_title_reaches_the_hover_as_text(mini) -> None:
    states = states_of(mini).assign(latest_title="<img src=x onerror=alert(1)>")
    hover = choropleth(states, ALL).data[0].hovertext
    assert any("&lt;img src=x onerror=alert(1)&gt;" in text for text in hover)
    assert not any("<img" in text for text in hover)


def deck_for(mini, lang="en", **filters):
    ids = select(mini, Filters(**filters))
    arcs, _ = delegation_arcs(mini, ids, country_centroids())
    return venue_deck(venue_activity(mini, ids), arcs, state_activity(mini, ids), country_shapes(), lang)


def deck_json(mini, lang="en", **filters) -> dict:
    return json.loads(deck_for(mini, lang, **filters).to_json())


def layer(spec: dict, layer_id: str) -> dict:
    return next(item for item in spec["layers"] if item["id"] == layer_id)


def test_venue_map_requests_no_basemap_and_draws_the_shipped_world(mini) -> None:
    spec = deck_json(mini)
    assert "cartocdn" not in json.dumps(spec) and "mapbox" not in json.dumps(spec).lower()
    assert spec["mapStyle"] == "__MAP_STYLE__"  # Streamlit's sentinel for "no basemap"
    assert layer(spec, "world")["data"] == COUNTRY_SHAPES_URL
    assert layer(spec, "world")["wrapLongitude"] is True


def test_borders_are_drawn_by_a_layer_that_is_never_picked(mini) -> None:
    """A pickable layer with outlines costs deck.gl's click pick 250+ ms without a GPU, and clicks are lost."""
    spec = deck_json(mini)
    pickable = [item["id"] for item in spec["layers"] if item.get("pickable")]
    assert "states" in pickable
    assert not any(layer(spec, layer_id).get("stroked") for layer_id in ("world", "states"))
    outlines = layer(spec, "world-outlines")
    assert outlines["stroked"] is True and not outlines.get("pickable") and outlines["filled"] is False
    order = [item["id"] for item in spec["layers"]]
    assert order.index("states") < order.index("world-outlines") < order.index("arcs")


def test_venue_map_sizes_venues_and_colours_arcs_by_format(mini) -> None:
    spec = deck_json(mini)
    venues = {row["venue_id"]: row for row in layer(spec, "venues")["data"]}
    assert venues["vic"]["meetings"] == 2 and venues["vic"]["radius"] > venues["country-sau"]["radius"]
    colours = {tuple(row["colour"][:3]) for row in layer(spec, "arcs")["data"]}
    assert colours == {(0, 114, 178), (230, 159, 0)}


def test_venue_map_sends_only_the_states_of_the_view_as_clickable_shapes(mini) -> None:
    features = layer(deck_json(mini, countries=("QAT",)), "states")["data"]
    assert sorted(feature["properties"]["iso3"] for feature in features) == ["AUT", "MAR", "QAT"]
    assert layer(deck_json(mini), "states")["pickable"] is True


def test_venue_tooltips_are_plain_text_in_the_language(mini) -> None:
    deck = deck_for(mini, lang="fr")
    assert deck._tooltip["text"] == "{tooltip_fr}" and "html" not in deck._tooltip
    spec = json.loads(deck.to_json())
    vic = next(row for row in layer(spec, "venues")["data"] if row["venue_id"] == "vic")
    assert vic["tooltip_fr"].splitlines()[:2] == ["Centre international de Vienne", "Réunions : 2"]


def test_world_files_give_centroids_and_shapes() -> None:
    centroids = country_centroids().set_index("iso3")
    assert len(centroids) > 190 and {"BHR", "QAT", "MAR"} <= set(centroids.index)
    assert 45 < centroids.loc["QAT", "longitude"] < 56 and 20 < centroids.loc["QAT", "latitude"] < 30
    shapes = country_shapes()
    assert len(shapes) > 170 and shapes["RUS"]["type"] in {"Polygon", "MultiPolygon"}


def test_markup_in_a_venue_title_stays_text(mini) -> None:
    ids = select(mini, Filters())
    venues = venue_activity(mini, ids)
    venues = venues.assign(titles=[("<script>alert(1)</script>",)] * len(venues))
    arcs, _ = delegation_arcs(mini, ids, pd.DataFrame(columns=["iso3", "longitude", "latitude"]))
    deck = venue_deck(venues, arcs, state_activity(mini, ids), {}, "en")
    assert "• <script>alert(1)</script>" in layer(json.loads(deck.to_json()), "venues")["data"][0]["tooltip_en"]
    assert set(deck._tooltip) == {"text", "style"}  # set as innerText by the browser, never as HTML


@pytest.fixture(scope="module")
def bundled():
    return load_dataset(DEFAULT_DATA_DIR)


QATAR_MAY = Filters(countries=("QAT",), month_from="2025-05", month_to="2025-05")
QATAR = (51.2, 25.3)


def colour_at(trace, count: int) -> str:
    """The colour the trace's stepped scale gives a count: the stop pair whose span holds it."""
    position = (count - trace.zmin) / (trace.zmax - trace.zmin)
    stops = list(trace.colorscale)
    for (start, colour), (end, _) in zip(stops[::2], stops[1::2], strict=True):
        if start <= position <= end:
            return colour
    raise AssertionError(f"no colour for {count}")


@pytest.mark.parametrize(
    ("most", "expected"),
    [
        (1, [(1, 1)]),
        (6, [(1, 1), (2, 2), (3, 4), (5, 6)]),
        (26, [(1, 1), (2, 2), (3, 4), (5, 8), (9, 16), (17, 26)]),
    ],
)
def test_count_classes_double_so_small_counts_stay_apart(most, expected) -> None:
    assert count_bins(most) == expected


@pytest.mark.parametrize(("most", "least"), [(65, 1), (5_000, 1), (24_976, 3_000), (50_000, 49_000)])
def test_past_doubling_classes_the_classes_follow_the_views_range_in_round_figures(most, least) -> None:
    bins = count_bins(most, least)
    assert bins[0][0] == least and bins[-1][1] == most and 2 <= len(bins) <= 7
    assert all(high + 1 == low for (_, high), (low, _) in pairwise(bins))
    for (previous, _), (low, _) in pairwise(bins):  # round to the order of the class's width
        assert low % 10 ** (len(str(low - previous)) - 1) == 0


def test_at_thousands_of_meetings_per_state_the_choropleth_still_tells_states_apart(bundled) -> None:
    """Fixed doubling classes put every state of a million-meeting view in the top class: one colour."""
    states = state_activity(bundled, ids=select(bundled, Filters()))
    busy = states.assign(meetings=states["meetings"] * 1_000 + 2_000)
    trace = choropleth(busy, []).data[0]
    shown = {colour_at(trace, count) for count in busy["meetings"]}
    assert len(shown) >= 5
    quietest = int(busy.loc[busy["meetings"] > 0, "meetings"].min())
    assert choropleth(busy, []).data[2].name.startswith(f"{quietest}–")  # the legend's first class after 0


def test_the_choropleth_tells_one_meeting_from_six_and_zero_from_one(bundled) -> None:
    """The bundled data has one state at 26 and the rest at 1–6: the shades must still differ."""
    trace = build_figure("map", bundled, select(bundled, Filters())).data[0]
    counts = dict(zip(trace.locations, trace.z, strict=True))
    assert counts["MAR"] == 26 and counts["AUT"] == 6 and 1 in counts.values() and 0 in counts.values()
    colours = {count: colour_at(trace, count) for count in (0, 1, 2, 6, 26)}
    assert len(set(colours.values())) == 5
    assert colours[0] == NO_MEETING and NO_MEETING.lstrip("#")[0:2] * 3 == NO_MEETING.lstrip("#")  # a true grey
    assert count_colour(1, count_bins(26)) == colours[1] and count_colour(6, count_bins(26)) == colours[6]


def test_the_choropleth_legend_names_each_class_in_real_counts(bundled) -> None:
    figure = build_figure("map", bundled, select(bundled, Filters()))
    assert [trace.name for trace in figure.data[1:]] == ["0", "1", "2", "3–4", "5–8", "9–16", "17–26"]
    assert figure.layout.legend.title.text == "Meetings" and figure.data[0].showscale is False


def span(axis) -> float:
    return axis.range[1] - axis.range[0]


@pytest.mark.parametrize("name", ["map", "venues"])
def test_a_filtered_map_is_framed_on_its_view_and_the_whole_data_on_the_world(bundled, name) -> None:
    world = build_figure(name, bundled, select(bundled, Filters())).layout.geo
    qatar = build_figure(name, bundled, select(bundled, QATAR_MAY)).layout.geo
    assert tuple(world.lonaxis.range) == WORLD_LON
    assert span(qatar.lonaxis) < span(world.lonaxis) / 2.5 and span(qatar.lataxis) < span(world.lataxis) / 2
    assert qatar.lonaxis.range[0] < QATAR[0] < qatar.lonaxis.range[1]
    assert qatar.lataxis.range[0] < QATAR[1] < qatar.lataxis.range[1]


def test_russia_is_framed_whole_not_from_the_far_side_of_the_antimeridian(bundled) -> None:
    geo = build_figure("map", bundled, select(bundled, Filters(countries=("RUS",), month_from="2025-05"))).layout.geo
    assert geo.lonaxis.range[0] < 20 and geo.lonaxis.range[1] == 180  # Kaliningrad to the Bering Strait
    assert geo.lataxis.range[1] > 77


def test_the_venue_rendition_draws_the_venues_and_the_delegations_by_format(mini) -> None:
    ids = select(mini, Filters())
    arcs, _ = delegation_arcs(mini, ids, country_centroids())
    figure = venue_figure(venue_activity(mini, ids), arcs, "fr")
    lines = {trace.line.color: trace for trace in figure.data if trace.mode == "lines"}
    assert set(lines) == {"#0072B2", "#E69F00"}
    segments = sum(list(trace.lon).count(None) for trace in lines.values())
    assert segments == len(arcs) > 0
    venues = next(trace for trace in figure.data if trace.mode == "markers+text")
    assert list(venues.customdata) == ["vic", "country-sau", "moscow"] or set(venues.customdata) == {
        "vic",
        "country-sau",
        "moscow",
    }
    sizes = dict(zip(venues.customdata, venues.marker.size, strict=True))
    assert sizes["vic"] > sizes["country-sau"]
    assert "Centre international de Vienne" in venues.text
    assert figure.layout.title.text.startswith("Lieux")


def test_the_venue_rendition_of_nothing_says_so(mini) -> None:
    ids = select(mini, Filters(text="nothing at all"))
    arcs, _ = delegation_arcs(mini, ids, country_centroids())
    assert venue_figure(venue_activity(mini, ids), arcs).data == ()


def test_at_any_size_the_busiest_venue_and_link_stay_within_bounds_and_sizes_keep_their_order(mini) -> None:
    """A view where one venue holds thousands of meetings draws circles and arcs within the caps."""
    ids = select(mini, Filters())
    arcs, _ = delegation_arcs(mini, ids, country_centroids())
    venues = venue_activity(mini, ids)
    small = json.loads(venue_deck(venues, arcs, state_activity(mini, ids), country_shapes()).to_json())
    busy = venues.assign(meetings=venues["meetings"] * 10_000)
    large = json.loads(
        venue_deck(
            busy, arcs.assign(meetings=arcs["meetings"] * 10_000), state_activity(mini, ids), country_shapes()
        ).to_json()
    )
    radii = {row["venue_id"]: row["radius"] for row in layer(large, "venues")["data"]}
    # in pixels whatever the zoom: as the accessor "@@=pixels" deck.gl fell back to units that grow as one zooms in
    assert layer(large, "venues")["radiusUnits"] == "pixels"
    assert max(radii.values()) <= MAX_VENUE_RADIUS
    assert radii["vic"] > radii["country-sau"]
    assert max(row["width"] for row in layer(large, "arcs")["data"]) <= MAX_ARC_WIDTH
    # a small view keeps the sizes it had: 3.5 px per square root of its meetings, plus 3
    assert {row["venue_id"]: row["radius"] for row in layer(small, "venues")["data"]}["vic"] == round(
        2**0.5 * 3.5 + 3, 1
    )
