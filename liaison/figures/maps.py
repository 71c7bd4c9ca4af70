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
from dataclasses import dataclass
from itertools import pairwise

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from liaison.figures.charts import empty_figure
from liaison.figures.theme import FORMAT_COLOURS, INK, TEMPLATE
from liaison.figures.world import COUNTRY_SHAPES_URL
from liaison.words.i18n import date_span_label, t
from liaison.words.places import country_name

# Zero is a neutral grey, never a pale blue: "no meeting" must not read as "few".
NO_MEETING = "#d9d9d9"
# Doubling classes fill the seven colours at 1, 2, 3–4 … 33–64; past that they follow the view.
DOUBLING_LIMIT = 64
# ColorBrewer Blues from its third step, so a single meeting already stands out from zero.
BIN_COLOURS = ("#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b", "#041f4a")
LAND = "#eef1f4"
WORLD_LON = (-180.0, 180.0)
WORLD_LAT = (-58.0, 85.0)
TITLES_IN_TOOLTIP = 5
# The largest venue circle and delegation arc on the venue map, in pixels, however busy the view.
MAX_VENUE_RADIUS = 11
MAX_ARC_WIDTH = 3
MAX_MARKER_SIZE = 40  # the same for the exported (plotly) venue map's markers
VENUES_LABELLED = 8


@dataclass(frozen=True)
class GeoFrame:
    """The longitudes and latitudes a map shows; a filtered view is framed on what it contains."""

    lon: tuple[float, float]
    lat: tuple[float, float]

    @property
    def centre(self) -> dict[str, float]:
        return {"lon": sum(self.lon) / 2, "lat": sum(self.lat) / 2}


def count_bins(most: int, least: int = 1) -> list[tuple[int, int]]:
    """Count classes that double in width (1, 2, 3–4, 5–8…), or, past what doubling classes hold, follow the view.

    One very active state must not flatten every other into the same shade: doubling
    classes keep 1 apart from 2 and from 6. They end at 33 and more, so in a view of
    thousands of meetings per state every state would share the top class; such a view
    gets classes of equal ratio from its quietest state (`least`) to its busiest, their
    edges rounded to the order of each class's width so the legend reads as round numbers.
    """
    most = max(most, 1)
    if most > DOUBLING_LIMIT:
        return _ratio_bins(max(1, min(least, most)), most)
    bins, low = [], 1
    while low <= most and len(bins) < len(BIN_COLOURS):
        high = 1 if low == 1 else low * 2 - 2
        bins.append((low, high))
        low = high + 1
    last_low = bins[-1][0]
    bins[-1] = (last_low, max(most, last_low))
    return bins


def _ratio_bins(least: int, most: int) -> list[tuple[int, int]]:
    ratio = (most / least) ** (1 / len(BIN_COLOURS))
    edges = [least]
    for step in range(1, len(BIN_COLOURS)):
        exact = least * ratio**step
        edge = _round_down(exact, exact - exact / ratio)
        if edges[-1] < edge <= most:
            edges.append(edge)
    return [(low, high - 1) for low, high in pairwise(edges)] + [(edges[-1], most)]


def _round_down(value: float, width: float) -> int:
    """`value` rounded down to the power of ten of its class's `width` (1 487 in a class 1 047 wide → 1 000)."""
    scale = 10 ** max(0, len(str(int(width))) - 1)
    return int(value) // scale * scale


def count_colour(count: int, bins: list[tuple[int, int]]) -> str:
    """The shade a state with `count` meetings gets."""
    if count <= 0:
        return NO_MEETING
    index = next((index for index, (_, high) in enumerate(bins) if count <= high), len(bins) - 1)
    return BIN_COLOURS[index]


def _bin_label(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}–{high}"


def _stepped_scale(bins: list[tuple[int, int]], zmin: float, zmax: float) -> list[list[object]]:
    """A colour scale over the real counts that changes colour only at the class edges."""
    span = zmax - zmin
    edges = [(zmin, 0.5, NO_MEETING)] + [
        (low - 0.5, min(high + 0.5, zmax), BIN_COLOURS[index]) for index, (low, high) in enumerate(bins)
    ]
    scale: list[list[object]] = []
    for start, end, colour in edges:
        scale += [[(start - zmin) / span, colour], [(end - zmin) / span, colour]]
    scale[-1][0] = 1.0
    return scale


def _extent(geometry: dict) -> tuple[float, float, float, float]:
    """West, south, east, north of a country, on the side of the antimeridian where most of it lies."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    boxes = []
    for polygon in polygons:
        lons = [point[0] for point in polygon[0]]
        if max(lons) - min(lons) > 180:
            # A ring drawn across the antimeridian (Russia's mainland): read it as one piece east of 0°.
            lons = [lon + 360 if lon < 0 else lon for lon in lons]
        lats = [point[1] for point in polygon[0]]
        boxes.append((min(lons), min(lats), max(lons), max(lats)))
    largest = max(boxes, key=lambda box: (box[2] - box[0]) * (box[3] - box[1]))
    side = (largest[0] + largest[2]) >= 0
    kept = [box for box in boxes if ((box[0] + box[2]) >= 0) == side] or [largest]
    return (
        min(box[0] for box in kept),
        min(box[1] for box in kept),
        max(box[2] for box in kept),
        max(box[3] for box in kept),
    )


def frame_boxes(boxes: Iterable[tuple[float, float, float, float]]) -> GeoFrame | None:
    """The frame around these boxes with a margin, at least a region wide; None when that is most of the world."""
    boxes = list(boxes)
    if not boxes:
        return None
    west, south = min(box[0] for box in boxes), min(box[1] for box in boxes)
    east, north = max(box[2] for box in boxes), max(box[3] for box in boxes)
    if east - west > 240 or north - south > 110:
        return None
    lon_margin = max(4.0, (east - west) * 0.08, (36 - (east - west)) / 2)
    lat_margin = max(3.0, (north - south) * 0.08, (22 - (north - south)) / 2)
    lon = (max(WORLD_LON[0], west - lon_margin), min(WORLD_LON[1], east + lon_margin))
    lat = (max(WORLD_LAT[0], south - lat_margin), min(WORLD_LAT[1], north + lat_margin))
    return GeoFrame(lon=(round(lon[0], 1), round(lon[1], 1)), lat=(round(lat[0], 1), round(lat[1], 1)))


def frame_states(codes: Iterable[str], shapes: dict[str, dict]) -> GeoFrame | None:
    """The frame that shows every one of these states whole (None: the world)."""
    return frame_boxes(_extent(shapes[code]) for code in codes if code in shapes)


def frame_points(longitudes: Iterable[float], latitudes: Iterable[float]) -> GeoFrame | None:
    """The frame around these places (None: the world)."""
    return frame_boxes((lon, lat, lon, lat) for lon, lat in zip(longitudes, latitudes, strict=True))


def _geo(figure: go.Figure, frame: GeoFrame | None) -> go.Figure:
    """The shared look of both maps: shipped boundaries, no frame, the world or the view's own region."""
    figure.update_geos(
        resolution=50,
        projection_type="natural earth",
        showframe=False,
        showcoastlines=False,
        showcountries=False,
        showland=True,
        landcolor=LAND,
        showlakes=False,
        bgcolor="white",
        lonaxis_range=list(frame.lon) if frame else list(WORLD_LON),
        lataxis_range=list(frame.lat) if frame else list(WORLD_LAT),
    )
    if frame:
        figure.update_geos(center=frame.centre, projection_rotation_lon=frame.centre["lon"])
    return figure


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


def choropleth(
    states: pd.DataFrame, countries: Iterable[str], lang: str = "en", frame: GeoFrame | None = None
) -> go.Figure:
    """Every country shaded by its meetings in the view, in doubling classes; a state's code is its customdata.

    `frame` zooms on the view's states (see `frame_states`); None shows the world.
    """
    if states.empty:
        return empty_figure(t("chart.empty", lang))
    codes = sorted(set(countries) | set(states["iso3"]))
    frame_rows = pd.DataFrame({"iso3": codes}).merge(states, on="iso3", how="left")
    frame_rows = frame_rows.assign(meetings=frame_rows["meetings"].fillna(0).astype(int))
    most = max(1, int(frame_rows["meetings"].max()))
    active = frame_rows["meetings"][frame_rows["meetings"] > 0]
    bins = count_bins(most, int(active.min()) if len(active) else 1)
    zmin = 0.0
    figure = go.Figure(
        go.Choropleth(
            locations=frame_rows["iso3"],
            locationmode="ISO-3",
            z=frame_rows["meetings"],
            zmin=zmin,
            zmax=most + 0.5,
            colorscale=_stepped_scale(bins, zmin, most + 0.5),
            marker={"line": {"color": "white", "width": 0.5}},
            # A colour bar is linear in the counts, so its small classes would be slivers: the
            # legend below names each class instead, one swatch per class.
            showscale=False,
            colorbar={"title": {"text": t("map.legend", lang)}},
            customdata=frame_rows["iso3"],
            hovertext=[_state_hover(row, lang) for _, row in frame_rows.iterrows()],
            hovertemplate="%{hovertext}<extra></extra>",
        ),
        layout={"template": TEMPLATE, "height": 520, "clickmode": "event+select"},
    )
    classes = [("0", NO_MEETING)] + [(_bin_label(*limits), BIN_COLOURS[index]) for index, limits in enumerate(bins)]
    for label, colour in classes:
        figure.add_scattergeo(
            lon=[None],
            lat=[None],
            mode="markers",
            marker={"symbol": "square", "size": 14, "color": colour},
            name=label,
            hoverinfo="skip",
        )
    _geo(figure, frame)
    return figure.update_layout(
        title=t("map.choropleth.title", lang),
        margin={"l": 0, "r": 110, "b": 0},
        legend={
            "title": {"text": t("map.legend", lang)},
            "orientation": "v",
            "x": 1.01,
            "xanchor": "left",
            "y": 0.5,
            "yanchor": "middle",
            "traceorder": "normal",
            "itemclick": False,
            "itemdoubleclick": False,
        },
    )


def _labelled_venues(venues: pd.DataFrame) -> set[str]:
    """The busiest venues, leaving out any that sits on top of a busier one (their names would overprint)."""
    kept: list[tuple[str, float, float]] = []
    for row in venues.sort_values("meetings", ascending=False, kind="stable").itertuples():
        if len(kept) == VENUES_LABELLED:
            break
        if all(abs(row.longitude - lon) > 2.5 or abs(row.latitude - lat) > 1.5 for _, lon, lat in kept):
            kept.append((row.venue_id, row.longitude, row.latitude))
    return {venue for venue, _, _ in kept}


def venue_figure(
    venues: pd.DataFrame, arcs: pd.DataFrame, lang: str = "en", frame: GeoFrame | None = None
) -> go.Figure:
    """The venue map as a plotly figure, for images: venues sized by meetings, delegations as lines by format.

    deck.gl draws only in a browser; this rendition of the same venues and links draws on the
    shipped boundaries, so kaleido can export it with a caption like every other figure.
    """
    if venues.empty:
        return empty_figure(t("chart.empty", lang))
    figure = go.Figure(layout={"template": TEMPLATE, "height": 560})
    for meeting_format in ("multilateral", "bilateral"):
        rows = arcs[arcs["format"] == meeting_format]
        if rows.empty:
            continue
        lons: list[float | None] = []
        lats: list[float | None] = []
        for row in rows.itertuples():
            lons += [row.from_longitude, row.longitude, None]
            lats += [row.from_latitude, row.latitude, None]
        figure.add_scattergeo(
            lon=lons,
            lat=lats,
            mode="lines",
            line={"color": FORMAT_COLOURS[meeting_format], "width": 1.4},
            opacity=0.55,
            name=t(f"map.venues.figure.{meeting_format}", lang),
            hoverinfo="skip",
        )
    names = venues["name_fr" if lang == "fr" else "name"].astype(str)
    labelled = _labelled_venues(venues)
    figure.add_scattergeo(
        lon=venues["longitude"],
        lat=venues["latitude"],
        mode="markers+text",
        text=[
            html.escape(name) if venue in labelled else ""
            for venue, name in zip(venues["venue_id"], names, strict=True)
        ],
        textposition="top center",
        textfont={"size": 11, "color": INK},
        marker={
            "size": (_sized(venues["meetings"], 7, MAX_MARKER_SIZE - 5) + 5).round(1),
            "color": [INK if precision != "country" else "#7b8794" for precision in venues["precision"]],
            "opacity": 0.8,
            "line": {"color": "white", "width": 1},
        },
        name=t("map.venues.figure.venue", lang),
        customdata=venues["venue_id"],
        hovertext=[
            f"{html.escape(name)}<br>{t('map.state.meetings', lang, count=int(count))}"
            for name, count in zip(names, venues["meetings"], strict=True)
        ],
        hovertemplate="%{hovertext}<extra></extra>",
    )
    _geo(figure, frame)
    figure.update_geos(showcountries=True, countrycolor="white", countrywidth=0.6)
    return figure.update_layout(
        title=t("map.venues.figure.title", lang), margin={"l": 0, "r": 0, "b": 0}, legend={"traceorder": "normal"}
    )


def _venue_tooltips(venues: pd.DataFrame, lang: str) -> list[str]:
    """Each venue's name, meetings, newest titles and precision: read by column, a venue map holds thousands."""
    fr = lang == "fr"
    country_only = t("map.venue.country_only", lang)
    tooltips = []
    for name, count, titles, precision in zip(
        venues["name_fr" if fr else "name"],
        venues["meetings"].astype(int),
        venues["titles_fr" if fr else "titles"],
        venues["precision"],
        strict=True,
    ):
        lines = [str(name), t("map.state.meetings", lang, count=count)]
        lines += [f"• {title}" for title in list(titles)[:TITLES_IN_TOOLTIP]]
        if count > TITLES_IN_TOOLTIP:
            lines.append(t("map.venue.more", lang, count=count - TITLES_IN_TOOLTIP))
        if precision == "country":
            lines.append(country_only)
        tooltips.append("\n".join(lines))
    return tooltips


def _arc_tooltips(arcs: pd.DataFrame, venue_names: dict[str, str], lang: str) -> list[str]:
    columns = zip(arcs["format"], arcs["iso3"], arcs["venue_id"], arcs["meetings"], strict=True)
    return [
        t(f"map.arc.{kind}", lang, state=country_name(iso3, lang), venue=venue_names.get(venue, venue), count=int(n))
        for kind, iso3, venue, n in columns
    ]


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


def _sized(counts: pd.Series, per_root: float, largest: float) -> pd.Series:
    """Sizes growing with the square root of the counts, `per_root` pixels a unit, the biggest at most `largest`.

    A view of a few dozen meetings keeps its sizes; at a million, where one venue holds hundreds,
    the scale shrinks so circles and arcs never cover the map.
    """
    roots = counts.astype(float) ** 0.5
    return roots * min(per_root, largest / roots.max()) if len(roots) and roots.max() > 0 else roots * per_root


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
            "radius": (_sized(venues["meetings"], 3.5, MAX_VENUE_RADIUS - 3) + 3).round(1),
            "colour": [[31, 41, 51, 90 if p == "country" else 190] for p in venues["precision"]],
            tooltip_field: _venue_tooltips(venues, lang),
        }
    )
    arc_rows = pd.DataFrame(
        {
            "from": [[lon, lat] for lon, lat in zip(arcs["from_longitude"], arcs["from_latitude"], strict=True)],
            "to": [[lon, lat] for lon, lat in zip(arcs["longitude"], arcs["latitude"], strict=True)],
            "colour": [[*_rgb(FORMAT_COLOURS[value]), 140] for value in arcs["format"]],
            "width": (_sized(arcs["meetings"], 1.5, MAX_ARC_WIDTH - 0.5) + 0.5).round(1),
            tooltip_field: _arc_tooltips(arcs, names, lang),
        }
    )
    # Borders are drawn once, over the tinted states, by a layer deck.gl never picks from. deck.gl
    # picks when the button goes down and counts a click only if the release comes within 250 ms;
    # in a browser without a GPU (software WebGL, remote desktops) the picking pass of the states'
    # outlines alone took 250-370 ms under load, against 15 ms for their fill: clicks were lost.
    layers = [
        pdk.Layer(
            "GeoJsonLayer",
            data=COUNTRY_SHAPES_URL,
            id="world",
            stroked=False,
            filled=True,
            get_fill_color=[236, 239, 242],
            wrap_longitude=True,
        ),
        pdk.Layer(
            "GeoJsonLayer",
            data=_state_features(states, shapes, lang),
            id="states",
            pickable=True,
            stroked=False,
            filled=True,
            get_fill_color=[198, 219, 239],
            auto_highlight=True,
            highlight_color=[0, 114, 178, 90],
            wrap_longitude=True,
        ),
        pdk.Layer(
            "GeoJsonLayer",
            data=COUNTRY_SHAPES_URL,
            id="world-outlines",
            pickable=False,
            stroked=True,
            filled=False,
            get_line_color=[255, 255, 255],
            line_width_min_pixels=0.6,
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
            radius_units="'pixels'",  # quoted: pydeck sends a bare string as an accessor, which deck.gl ignores
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
