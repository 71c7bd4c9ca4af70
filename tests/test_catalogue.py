"""The dashboard's figures by name: the pages, `python -m liaison export` and the briefing pack draw the same ones."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import mini_tables, write_tables

from liaison.dataset.store import Dataset, load_dataset
from liaison.figures.catalogue import FIGURES, build_figure, is_filtered, states_frame, venues_frame
from liaison.figures.maps import WORLD_LON
from liaison.figures.world import country_centroids, country_shapes
from liaison.view.activity import delegation_arcs, state_activity, venue_activity
from liaison.view.filters import Filters
from liaison.view.query import select

DOCUMENTED = {"timeline", "lanes", "map", "topics", "topic-months", "topic-states", "venues"}
"""The names README.md gives for `python -m liaison export --figure NAME`."""

MOROCCO_LON, QATAR_LON, VIENNA_LON = -6.27, 51.2, 16.42


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """The shared mini dataset, loaded once: these tests only read it."""
    return load_dataset(write_tables(tmp_path_factory.mktemp("mini") / "data", mini_tables()))


@pytest.fixture(scope="module")
def centroids() -> pd.DataFrame:
    return country_centroids()


def test_the_catalogue_holds_exactly_the_documented_figures_each_under_its_own_name() -> None:
    assert set(FIGURES) == DOCUMENTED
    assert all(spec.name == name for name, spec in FIGURES.items())


def test_a_view_is_filtered_only_when_it_leaves_a_meeting_out(mini) -> None:
    every = select(mini, Filters())
    assert is_filtered(mini, every) is False
    assert is_filtered(mini, every[:-1]) is True
    assert is_filtered(mini, pd.Index([])) is True


def test_the_state_map_shows_the_world_for_the_whole_data_and_frames_a_filtered_views_states(mini) -> None:
    shapes = country_shapes()
    every = select(mini, Filters())
    assert states_frame(mini, every, state_activity(mini, every), shapes) is None
    qatar = select(mini, Filters(countries=("QAT",)))
    frame = states_frame(mini, qatar, state_activity(mini, qatar), shapes)
    assert frame is not None and frame.lon[0] < MOROCCO_LON and frame.lon[1] > QATAR_LON


def test_the_venue_map_frame_takes_in_the_states_that_sent_delegations(mini, centroids) -> None:
    """Qatar's view meets in Vienna, with delegations from Morocco and Qatar: all three must be on screen."""
    qatar = select(mini, Filters(countries=("QAT",)))
    arcs, _ = delegation_arcs(mini, qatar, centroids)
    frame = venues_frame(mini, qatar, venue_activity(mini, qatar), arcs)
    assert frame is not None
    assert frame.lon[0] < MOROCCO_LON < VIENNA_LON < QATAR_LON < frame.lon[1]


def test_the_venue_map_of_the_whole_data_is_the_world(mini, centroids) -> None:
    every = select(mini, Filters())
    arcs, _ = delegation_arcs(mini, every, centroids)
    assert venues_frame(mini, every, venue_activity(mini, every), arcs) is None
    assert tuple(build_figure("map", mini, every).layout.geo.lonaxis.range) == WORLD_LON


def test_a_figure_draws_only_the_meetings_of_the_view(mini) -> None:
    qatar = select(mini, Filters(countries=("QAT",)))
    bars = {trace.name: sum(trace.y) for trace in build_figure("timeline", mini, qatar).data}
    assert bars == {"Multilateral": 1, "Bilateral": 1}


def test_a_figure_is_drawn_in_the_language_asked_for(mini) -> None:
    qatar = select(mini, Filters(countries=("QAT",)))
    assert (
        build_figure("topics", mini, qatar, "fr").layout.title.text == "Réunions par thème (2 réunions dans cette vue)"
    )
    assert build_figure("topics", mini, qatar).layout.title.text == "Meetings per topic (2 meetings in this view)"


def test_an_unknown_figure_name_is_refused_with_the_list_of_known_ones(mini) -> None:
    with pytest.raises(KeyError, match="unknown figure 'pie'") as raised:
        build_figure("pie", mini, select(mini, Filters()))
    assert all(name in str(raised.value) for name in DOCUMENTED)
