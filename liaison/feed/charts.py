"""The candidates drawn beside the curated meetings: a series of their own on a chart, markers of their own on a map.

Each function takes a figure the figures room built for the curated meetings and returns a new
figure with the candidates added as a separate trace, in a colour no curated series uses and
named as machine-coded: never stacked onto, nor summed with, the meetings. Text from GDELT
reaches tooltips HTML-escaped.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from liaison.words.i18n import month_label, t

CANDIDATE_COLOUR = "#CC79A7"
"""Okabe-Ito reddish purple: apart from the formats' blue and orange and the map's blues."""

_MID_MONTH = pd.Timedelta(days=14)


def with_candidate_months(figure: go.Figure, per_month: pd.DataFrame, lang: str) -> go.Figure:
    """The monthly chart with the candidates per month as a dashed line on an axis of their own; as is if none."""
    if per_month.empty:
        return figure
    drawn = go.Figure(figure)
    drawn.add_scatter(
        x=per_month["month"] + _MID_MONTH,
        y=per_month["candidates"],
        mode="lines+markers",
        name=t("feed.series", lang),
        yaxis="y2",
        line={"color": CANDIDATE_COLOUR, "dash": "dash", "width": 2},
        marker={"color": CANDIDATE_COLOUR, "symbol": "diamond", "size": 7},
        customdata=[month_label(month, lang) for month in per_month["month"]],
        hovertemplate="%{customdata}<br>%{fullData.name}: %{y}<extra></extra>",
    )
    first, last = per_month["month"].min(), per_month["month"].max()
    shown = drawn.layout.xaxis.range
    if shown:
        first = min(first, pd.Timestamp(shown[0]) + pd.Timedelta(days=20))
        last = max(last, pd.Timestamp(shown[1]) - pd.Timedelta(days=50))
    drawn.update_xaxes(range=[first - pd.Timedelta(days=20), last + pd.Timedelta(days=50)])
    # An axis of their own: reports of a news day would otherwise flatten the meetings' bars.
    drawn.update_layout(
        yaxis2={
            "title": {"text": t("feed.axis", lang), "font": {"color": CANDIDATE_COLOUR}},
            "overlaying": "y",
            "side": "right",
            "rangemode": "tozero",
            "tickmode": "auto",
            "tickformat": "d",
            "showgrid": False,
            "tickfont": {"color": CANDIDATE_COLOUR},
        }
    )
    # The meetings' month ticks would leave the candidates' months unlabelled: let plotly place them.
    drawn.layout.xaxis.tickvals = None
    drawn.layout.xaxis.ticktext = None
    return drawn


def with_candidate_places(figure: go.Figure, places: pd.DataFrame, lang: str) -> go.Figure:
    """A map with the candidates' places as diamonds of their own colour, sized by candidates; unchanged if none."""
    if places.empty:
        return figure
    drawn = go.Figure(figure)
    hover = [
        "<br>".join(
            (
                html.escape(str(row.place)),
                t("feed.map.hover", lang, count=int(row.candidates), rows=int(row.rows)),
                t(f"feed.precision.{row.precision}", lang),
                t("feed.badge", lang),
            )
        )
        for row in places.itertuples()
    ]
    drawn.add_scattergeo(
        lon=places["longitude"],
        lat=places["latitude"],
        mode="markers",
        name=t("feed.series", lang),
        marker={
            "symbol": "diamond",
            "color": CANDIDATE_COLOUR,
            "size": (6 + 3 * places["candidates"].clip(upper=6)).tolist(),
            "line": {"color": "white", "width": 1},
        },
        hovertext=hover,
        hovertemplate="%{hovertext}<extra></extra>",
    )
    return drawn


def with_candidate_month_rows(per_month: pd.DataFrame, candidates: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The monthly chart's table with its candidates: a month per row, a column per format, and theirs apart.

    `per_month` is the meetings per month and format, `candidates` the candidates per month;
    a month that had either is listed, and no total adds the two.
    """
    meetings = per_month.pivot_table(index="month", columns="format", values="meetings", aggfunc="sum", fill_value=0)
    found = candidates.set_index("month")["candidates"].rename("candidates")
    table = meetings.join(found, how="outer").fillna(0).astype("int64").sort_index()
    formats = [name for name in ("multilateral", "bilateral") if name in table.columns]
    table = table[(table[[*formats, "candidates"]] > 0).any(axis=1)]
    return pd.DataFrame(
        {
            t("field.month", lang): [month_label(month, lang) for month in table.index],
            **{t(f"format.{name}", lang): table[name].to_numpy() for name in formats},
            t("feed.series", lang): table["candidates"].to_numpy(),
        }
    )
