"""The dashboard's figures by name, so the pages, the command line and briefing packs draw the same ones.

Each entry builds a figure for a view (the dataset, the ids the filters keep, a language);
`python -m liaison export --figure NAME` and the briefing pack use these names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go

from liaison.dataset.store import Dataset
from liaison.figures.charts import monthly_chart, timeline_chart
from liaison.figures.maps import GeoFrame, choropleth, frame_points, frame_states, venue_figure
from liaison.figures.topic_charts import topic_bars, topic_month_heatmap, topic_state_matrix
from liaison.figures.world import country_centroids, country_shapes
from liaison.view.activity import delegation_arcs, state_activity, venue_activity
from liaison.view.query import meeting_lanes, meetings_per_month
from liaison.view.stored_table import view_table
from liaison.view.topics import topic_counts, topic_months, topic_states


def is_filtered(ds: Dataset, ids: pd.Index) -> bool:
    """Whether the view leaves meetings out: only then do the maps zoom on it, else they show the world."""
    return len(ids) < len(ds.meetings)


def states_frame(ds: Dataset, ids: pd.Index, states: pd.DataFrame, shapes: dict[str, dict]) -> GeoFrame | None:
    """How the choropleth of this view is framed: on its states when filtered, the world otherwise."""
    return frame_states(states["iso3"], shapes) if is_filtered(ds, ids) else None


def venues_frame(ds: Dataset, ids: pd.Index, venues: pd.DataFrame, arcs: pd.DataFrame) -> GeoFrame | None:
    """How the venue map of this view is framed: on its venues and the states sending delegations, when filtered."""
    if not is_filtered(ds, ids):
        return None
    longitudes = [*venues["longitude"], *arcs["from_longitude"]]
    latitudes = [*venues["latitude"], *arcs["from_latitude"]]
    return frame_points(longitudes, latitudes)


def _map(ds: Dataset, ids: pd.Index, lang: str) -> go.Figure:
    states = state_activity(ds, ids)
    return choropleth(states, ds.regions["iso3"], lang, states_frame(ds, ids, states, country_shapes()))


# The strongest delegation links the venue map draws: seen at a million meetings, 300 arcs
# were a tangle hiding every venue; past about a hundred they cost the browser more than they
# tell (the map says how many it left out).
ARCS_DRAWN = 120
# The busiest venues it draws: each carries its newest titles for the tooltip, so a thousand
# would be a megabyte per rerun and more than deck.gl draws smoothly without a GPU.
VENUES_DRAWN = 300


@lru_cache(maxsize=1)
def _centroids() -> pd.DataFrame:
    return country_centroids()


def venue_arcs(ds: Dataset, ids: pd.Index, limit: int = ARCS_DRAWN) -> tuple[pd.DataFrame, int]:
    """The venue map's links for a view (see `delegation_arcs`), from the centroids of the shipped boundary file."""
    return delegation_arcs(ds, ids, _centroids(), limit)


def _venues(ds: Dataset, ids: pd.Index, lang: str) -> go.Figure:
    venues = venue_activity(ds, ids)
    arcs, _ = venue_arcs(ds, ids)
    return venue_figure(venues, arcs, lang, venues_frame(ds, ids, venues, arcs))


@dataclass(frozen=True)
class FigureSpec:
    """A named figure of the dashboard."""

    name: str
    build: Callable[[Dataset, pd.Index, str], go.Figure]


FIGURES: dict[str, FigureSpec] = {
    spec.name: spec
    for spec in (
        FigureSpec("timeline", lambda ds, ids, lang: monthly_chart(meetings_per_month(view_table(ds, ids)), lang)),
        FigureSpec("lanes", lambda ds, ids, lang: timeline_chart(meeting_lanes(view_table(ds, ids)), lang)),
        FigureSpec("map", _map),
        FigureSpec("venues", _venues),
        FigureSpec("topics", lambda ds, ids, lang: topic_bars(topic_counts(ds, ids), len(ids), ds.taxonomy, lang)),
        FigureSpec("topic-months", lambda ds, ids, lang: topic_month_heatmap(topic_months(ds, ids), ds.taxonomy, lang)),
        FigureSpec("topic-states", lambda ds, ids, lang: topic_state_matrix(topic_states(ds, ids), ds.taxonomy, lang)),
    )
}


def build_figure(name: str, ds: Dataset, ids: pd.Index, lang: str = "en") -> go.Figure:
    """The named figure for a view; raises KeyError naming the known figures."""
    if name not in FIGURES:
        raise KeyError(f"unknown figure '{name}' (known: {', '.join(FIGURES)})")
    return FIGURES[name].build(ds, ids, lang)
