"""Map builders: aggregated frames in, a plotly choropleth or a pydeck map out.

Both draw from the geometry shipped with the app (see world.py): the choropleth through
plotly's `topojsonURL`, the venue map through a GeoJSON layer the browser loads from the
app's own server. Text from the data reaches tooltips only as text: HTML-escaped in the
plotly hover, and through a text (not HTML) tooltip in pydeck, so a title such as
`<img onerror=…>` shows as written.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from liaison.charts import empty_figure
from liaison.i18n import date_span_label, t
from liaison.places import country_name
from liaison.theme import FORMAT_COLOURS, INK, TEMPLATE
from liaison.world import COUNTRY_SHAPES_URL

# Sequential blues; zero has its own pale grey so "no meeting" never looks like "few".
COLOUR_SCALE = [[0.0, "#eef1f4"], [1e-9, "#c6dbef"], [0.35, "#6baed6"], [0.7, "#2171b5"], [1.0, "#08306b"]]
TITLES_IN_TOOLTIP = 5


def _rgb(colour: str) -> list[int]:
    return [int(colour[index : index + 2], 16) for index in (1, 3, 5)]


def _state_hover(row: pd.Series, lang: str) -> str:
    name = html.escape(country_name(row["iso3"], lang))
    if not row["meetings"]:
        return f"<b>{name}</b><br>{t('map.state.none', lang)}"
    roles = ", ".join(t(f"role.{role}", lang) for role in row["roles"])
    title = row["latest_title_fr"] if lang == "fr" else row["latest_title"]
    when = date_span_label(row["latest_start"], row["latest_end_date"], row["latest_date_precision"], lang)
    return "<br>".join(
        [
            f"<b>{name}</b>",
            t("map.state.meetings", lang, count=int(row["meetings"])),
            t("map.state.roles", lang, roles=roles),
            t("map.state.latest", lang, title=html.escape(str(title)), date=when),
        ]
    )


def choropleth(states: pd.DataFrame, countries: Iterable[str], lang: str = "en") -> go.Figure:
    """Every country shaded by its meetings in the view (zero included); a state's code is its customdata."""
    if states.empty:
        return empty_figure(t("chart.empty", lang))
    codes = sorted(set(countries) | set(states["iso3"]))
    frame = pd.DataFrame({"iso3": codes}).merge(states, on="iso3", how="left")
    frame = frame.assign(meetings=frame["meetings"].fillna(0).astype(int))
    figure = go.Figure(
        go.Choropleth(
            locations=frame["iso3"],
            locationmode="ISO-3",
            z=frame["meetings"],
            zmin=0,
            zmax=max(1, int(frame["meetings"].max())),
            colorscale=COLOUR_SCALE,
            marker={"line": {"color": "white", "width": 0.5}},
            colorbar={
                "title": {"text": t("map.legend", lang)},
                "thickness": 14,
                "len": 0.75,
                "tickformat": "d",
                "dtick": 1 if frame["meetings"].max() <= 6 else None,
            },
            customdata=frame["iso3"],
            hovertext=[_state_hover(row, lang) for _, row in frame.iterrows()],
            hovertemplate="%{hovertext}<extra></extra>",
        ),
        layout={"template": TEMPLATE, "height": 520, "clickmode": "event+select"},
    )
    figure.update_geos(
        resolution=50,
        projection_type="natural earth",
        showframe=False,
        showcoastlines=False,
        showcountries=False,
        showland=True,
        landcolor="#eef1f4",
        showlakes=False,
        bgcolor="white",
        lataxis_range=[-58, 85],
    )
    return figure.update_layout(title=t("map.choropleth.title", lang), margin={"l": 0, "r": 0, "b": 0})


def _venue_tooltip(row: pd.Series, lang: str) -> str:
    titles = list(row["titles_fr"] if lang == "fr" else row["titles"])
    lines = [
        str(row["name_fr"] if lang == "fr" else row["name"]),
        t("map.state.meetings", lang, count=int(row["meetings"])),
    ]
    lines += [f"• {title}" for title in titles[:TITLES_IN_TOOLTIP]]
    if len(titles) > TITLES_IN_TOOLTIP:
        lines.append(t("map.venue.more", lang, count=len(titles) - TITLES_IN_TOOLTIP))
    if row["precision"] == "country":
        lines.append(t("map.venue.country_only", lang))
    return "\n".join(lines)


def _arc_tooltip(row: pd.Series, venue_names: dict[str, str], lang: str) -> str:
    return t(
        f"map.arc.{row['format']}",
        lang,
        state=country_name(row["iso3"], lang),
        venue=venue_names.get(row["venue_id"], row["venue_id"]),
        count=int(row["meetings"]),
    )


def _state_features(states: pd.DataFrame, shapes: dict[str, dict], lang: str) -> list[dict]:
    features = []
    for row in states.itertuples():
        if row.iso3 in shapes:
            tooltip = f"{country_name(row.iso3, lang)}\n{t('map.state.meetings', lang, count=int(row.meetings))}"
            features.append(
                {
                    "type": "Feature",
                    "geometry": shapes[row.iso3],
                    "properties": {"iso3": row.iso3, f"tooltip_{lang}": tooltip},
                }
            )
    return features


class CompactDeck(pdk.Deck):
    """A Deck serialised without indentation: pydeck indents its JSON, making each rerun send six times more."""

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))


def venue_deck(
    venues: pd.DataFrame, arcs: pd.DataFrame, states: pd.DataFrame, shapes: dict[str, dict], lang: str = "en"
) -> pdk.Deck:
    """Venues sized by their meetings, delegation links coloured by format, over the shipped country shapes.

    The world is drawn from the GeoJSON the browser loads from the app's server; the states of
    the view are sent again, tinted and clickable (Streamlit selects only objects it was sent),
    so their number, not the world's, bounds what each rerun carries. No basemap is requested
    (see the note at `map_provider`).
    """
    tooltip_field = f"tooltip_{lang}"
    names = dict(zip(venues["venue_id"], venues["name_fr" if lang == "fr" else "name"], strict=True))
    venue_rows = pd.DataFrame(
        {
            "venue_id": venues["venue_id"],
            "position": [[lon, lat] for lon, lat in zip(venues["longitude"], venues["latitude"], strict=True)],
            "meetings": venues["meetings"],
            "radius": (venues["meetings"] ** 0.5 * 3.5 + 3).round(1),
            "colour": [[31, 41, 51, 90 if p == "country" else 190] for p in venues["precision"]],
            tooltip_field: [_venue_tooltip(row, lang) for _, row in venues.iterrows()],
        }
    )
    arc_rows = pd.DataFrame(
        {
            "from": [[lon, lat] for lon, lat in zip(arcs["from_longitude"], arcs["from_latitude"], strict=True)],
            "to": [[lon, lat] for lon, lat in zip(arcs["longitude"], arcs["latitude"], strict=True)],
            "colour": [[*_rgb(FORMAT_COLOURS[value]), 170] for value in arcs["format"]],
            "width": (arcs["meetings"] ** 0.5 * 1.5 + 0.5).round(1),
            tooltip_field: [_arc_tooltip(row, names, lang) for _, row in arcs.iterrows()],
        }
    )
    layers = [
        pdk.Layer(
            "GeoJsonLayer",
            data=COUNTRY_SHAPES_URL,
            id="world",
            stroked=True,
            filled=True,
            get_fill_color=[236, 239, 242],
            get_line_color=[255, 255, 255],
            line_width_min_pixels=0.6,
            wrap_longitude=True,
        ),
        pdk.Layer(
            "GeoJsonLayer",
            data=_state_features(states, shapes, lang),
            id="states",
            pickable=True,
            stroked=True,
            filled=True,
            get_fill_color=[198, 219, 239],
            get_line_color=[255, 255, 255],
            line_width_min_pixels=0.6,
            auto_highlight=True,
            highlight_color=[0, 114, 178, 90],
            wrap_longitude=True,
        ),
        pdk.Layer(
            "ArcLayer",
            data=arc_rows,
            id="arcs",
            pickable=True,
            get_source_position="from",
            get_target_position="to",
            get_source_color="colour",
            get_target_color="colour",
            get_width="width",
            great_circle=True,
        ),
        pdk.Layer(
            "ScatterplotLayer",
            data=venue_rows,
            id="venues",
            pickable=True,
            get_position="position",
            get_radius="radius",
            radius_units="pixels",
            get_fill_color="colour",
            get_line_color=[255, 255, 255],
            stroked=True,
            line_width_min_pixels=1,
        ),
    ]
    return CompactDeck(
        layers=layers,
        initial_view_state=pdk.ViewState(latitude=28, longitude=25, zoom=1.2),
        # map_provider=None with the default map_style is what tells Streamlit to draw no
        # basemap at all; an explicit map_style=None makes it fetch a Carto style instead.
        map_provider=None,
        # A text tooltip is set as innerText: data can never become markup there.
        tooltip={
            "text": f"{{{tooltip_field}}}",
            "style": {"backgroundColor": "white", "color": INK, "fontSize": "13px"},
        },
    )
