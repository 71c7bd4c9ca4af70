"""The figures of a state's profile, and the sentences that say what they show.

The partner network is an ego graph: the state in the middle, each partner linked to it by
one line per kind of tie (bilateral meetings, co-attendance at multilateral meetings), wider
for more meetings. networkx lays it out in shells (no randomness), so the same view always
draws the same picture; plotly draws it, bounded to the strongest partners so it stays legible.
"""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from liaison.figures.charts import empty_figure
from liaison.figures.theme import FORMAT_COLOURS, INK, PALETTE, TEMPLATE
from liaison.figures.topic_charts import topic_bars
from liaison.words.i18n import t, topic_label
from liaison.words.places import country_name

# Partner frame column -> format whose colour draws that kind of tie.
EDGE_TYPES = {"bilateral": "bilateral", "co_attendance": "multilateral"}
EGO_COLOUR = INK
PARTNER_COLOUR = "#52606d"
MIN_WIDTH, MAX_WIDTH, LEGEND_WIDTH = 1.5, 9.0, 4.0
ONE_RING, INNER_RING = 12, 8
# Two ties between the same pair are drawn this far apart (share of the drawing's size) so both show.
PAIR_OFFSET = 0.012


def strongest(partners: pd.DataFrame, max_partners: int) -> pd.DataFrame:
    """The `max_partners` partners sharing most meetings (at least one; ties by code), as the network draws them."""
    return partners.sort_values(["total", "partner"], ascending=[False, True]).head(max(1, max_partners))


def partner_graph(partners: pd.DataFrame, iso3: str) -> nx.Graph:
    """The ego graph: the state, its partners, and per partner the number of meetings of each kind as edge data."""
    graph = nx.Graph()
    graph.add_node(iso3)
    for row in partners.itertuples():
        graph.add_edge(
            iso3, row.partner, bilateral=int(row.bilateral), co_attendance=int(row.co_attendance), weight=int(row.total)
        )
    return graph


def layout(graph: nx.Graph, iso3: str, ranked: list[str]) -> dict[str, tuple[float, float]]:
    """Node positions: the state at the centre, partners on a ring in order of strength, the same on every run.

    Beyond `ONE_RING` partners the strongest `INNER_RING` sit on an inner ring, so rank reads as closeness
    and the labels of a full network do not crowd one circle.
    """
    if not ranked:
        return {iso3: (0.0, 0.0)}
    rings = [ranked] if len(ranked) <= ONE_RING else [ranked[:INNER_RING], ranked[INNER_RING:]]
    positions = nx.shell_layout(graph, nlist=[[iso3], *rings])
    return {node: (float(x), float(y)) for node, (x, y) in positions.items()}


def _label_position(y: float) -> str:
    """Where a partner's name goes: above the upper half of the ring, below the lower, centred on the node.

    Centred names reach out half their width at most, so a narrow column does not cut them.
    """
    return "top center" if y >= 0 else "bottom center"


def _offset(start: tuple[float, float], end: tuple[float, float], distance: float) -> tuple[list[float], list[float]]:
    """A segment moved sideways by `distance`, so two ties between the same pair do not hide each other."""
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = math.hypot(dx, dy) or 1.0
    across_x, across_y = -dy / length * distance, dx / length * distance
    return [start[0] + across_x, end[0] + across_x], [start[1] + across_y, end[1] + across_y]


def _hover(code: str, data: dict[str, int], lang: str) -> str:
    return "<br>".join(
        [
            f"<b>{country_name(code, lang)}</b>",
            t("network.hover.bilateral", lang, count=data["bilateral"]),
            t("network.hover.co_attendance", lang, count=data["co_attendance"]),
        ]
    )


def ego_network(partners: pd.DataFrame, iso3: str, lang: str = "en", max_partners: int = 25) -> go.Figure:
    """The state and its strongest partners as a network: one line per kind of tie, wider for more meetings."""
    name = country_name(iso3, lang)
    if partners.empty:
        return empty_figure(t("network.empty", lang, state=name))
    shown = strongest(partners, max_partners)
    graph = partner_graph(shown, iso3)
    positions = layout(graph, iso3, list(shown["partner"]))
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]
    size = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    heaviest = max(max(data[kind] for kind in EDGE_TYPES) for _, _, data in graph.edges(data=True))
    figure = go.Figure(layout={"template": TEMPLATE, "height": 560, "hovermode": "closest"})
    for kind, meeting_format in EDGE_TYPES.items():
        # One legend entry per kind, drawn at a fixed width: the edges' own widths vary with their weight.
        figure.add_scatter(
            x=[None],
            y=[None],
            mode="lines",
            line={"color": FORMAT_COLOURS[meeting_format], "width": LEGEND_WIDTH},
            name=t(f"network.edge.{kind}", lang),
            legendgroup=kind,
        )
        for partner in shown["partner"]:
            data = graph.edges[iso3, partner]
            if not data[kind]:
                continue
            both = data["bilateral"] and data["co_attendance"]
            side = (1 if kind == "bilateral" else -1) * PAIR_OFFSET * size if both else 0.0
            x, y = _offset(positions[iso3], positions[partner], side)
            figure.add_scatter(
                x=x,
                y=y,
                mode="lines",
                line={
                    "color": FORMAT_COLOURS[meeting_format],
                    "width": MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * data[kind] / heaviest,
                },
                name=country_name(partner, lang),
                legendgroup=kind,
                showlegend=False,
                hoverinfo="skip",
                meta={"kind": kind, "partner": partner, "meetings": data[kind]},
            )
    nodes = [iso3, *shown["partner"]]
    totals = dict(zip(shown["partner"], shown["total"], strict=True))
    most = max(totals.values())
    figure.add_scatter(
        x=[positions[node][0] for node in nodes],
        y=[positions[node][1] for node in nodes],
        mode="markers+text",
        text=["", *(country_name(node, lang) for node in nodes[1:])],
        textposition=["middle center", *(_label_position(positions[node][1]) for node in nodes[1:])],
        customdata=nodes,
        hovertext=[
            t("network.hover.ego", lang, state=name, partners=len(partners))
            if node == iso3
            else _hover(node, graph.edges[iso3, node], lang)
            for node in nodes
        ],
        hovertemplate="%{hovertext}<extra></extra>",
        cliponaxis=False,
        marker={
            "size": [28] + [10 + 14 * totals[node] / most for node in nodes[1:]],
            "color": [EGO_COLOUR] + [PARTNER_COLOUR] * (len(nodes) - 1),
            "line": {"color": "white", "width": 1.5},
        },
        showlegend=False,
    )
    # The state's own name sits on a white label: lines leave its marker in every direction.
    figure.add_annotation(
        x=positions[iso3][0],
        y=positions[iso3][1],
        text=f"<b>{name}</b>",
        showarrow=False,
        yshift=-26,
        bgcolor="rgba(255, 255, 255, 0.9)",
        font={"size": 14},
    )
    # Names of the leftmost and rightmost partners need room across; the ring may stretch to give it.
    figure.update_xaxes(visible=False, range=[min(xs) - 0.45 * size, max(xs) + 0.45 * size])
    figure.update_yaxes(visible=False, range=[min(ys) - 0.2 * size, max(ys) + 0.2 * size])
    return figure.update_layout(title=t("network.title", lang, state=name), legend={"traceorder": "normal"})


def network_alt(partners: pd.DataFrame, iso3: str, lang: str = "en", max_partners: int = 25) -> str:
    """What the network shows: how many partners of how many, of which kind, and the strongest ones."""
    name = country_name(iso3, lang)
    if partners.empty:
        return t("network.empty", lang, state=name)
    shown = strongest(partners, max_partners)
    top = ", ".join(f"{country_name(row.partner, lang)} ({row.total})" for row in shown.head(3).itertuples())
    return t(
        "network.alt",
        lang,
        state=name,
        shown=len(shown),
        total=len(partners),
        bilateral=int((partners["bilateral"] > 0).sum()),
        co_attendance=int((partners["co_attendance"] > 0).sum()),
        top=top,
    )


def roles_chart(roles: pd.DataFrame, iso3: str, lang: str = "en") -> go.Figure:
    """Horizontal bars: the state's meetings per role it played, hosting the venue included."""
    if roles.empty:
        return empty_figure(t("chart.empty", lang))
    figure = go.Figure(
        go.Bar(
            x=roles["meetings"],
            y=[t(f"role.{role}", lang) for role in roles["role"]],
            orientation="h",
            marker_color=PALETTE[2],
            text=roles["meetings"],
            textposition="outside",
            hovertemplate="%{y}: %{x}<extra></extra>",
        ),
        layout={"template": TEMPLATE, "height": 160 + 30 * len(roles)},
    )
    figure.update_yaxes(autorange="reversed", title=None)
    figure.update_xaxes(
        title=t("chart.axis.meetings", lang), rangemode="tozero", dtick=1 if roles["meetings"].max() <= 6 else None
    )
    return figure.update_layout(title=t("countries.roles.title", lang, state=country_name(iso3, lang)))


def roles_alt(roles: pd.DataFrame, iso3: str, meetings: int, lang: str = "en") -> str:
    """What the roles chart shows: in how many meetings the state played each role."""
    if roles.empty:
        return t("chart.empty", lang)
    listed = ", ".join(f"{t(f'role.{row.role}', lang)} ({row.meetings})" for row in roles.itertuples())
    return t("alt.countries.roles", lang, state=country_name(iso3, lang), meetings=meetings, roles=listed)


def topics_chart(topics: pd.DataFrame, iso3: str, meetings: int, taxonomy: pd.DataFrame, lang: str = "en") -> go.Figure:
    """The topic bars of the Topics page, titled for the state so side-by-side profiles are told apart."""
    if topics.empty:
        return empty_figure(t("countries.topics.none", lang, state=country_name(iso3, lang)))
    figure = topic_bars(topics, meetings, taxonomy, lang)
    return figure.update_layout(title=t("countries.topics.title", lang, state=country_name(iso3, lang), total=meetings))


def topics_alt(topics: pd.DataFrame, iso3: str, meetings: int, taxonomy: pd.DataFrame, lang: str = "en") -> str:
    """What the state's topic bars show: how many topics across its meetings, and the leading ones."""
    if topics.empty:
        return t("countries.topics.none", lang, state=country_name(iso3, lang))
    top = ", ".join(
        f"{topic_label(row.topic_id, taxonomy, lang)} ({row.meetings})" for row in topics.head(3).itertuples()
    )
    return t(
        "alt.countries.topics", lang, state=country_name(iso3, lang), topics=len(topics), meetings=meetings, top=top
    )
