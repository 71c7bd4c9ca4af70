"""Topic figures: a breakdown, a topic-by-month heat map and a topic-by-state matrix.

Frames in (from liaison.view.topics), figures out, labels in the reader's language.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from liaison.figures.charts import empty_figure
from liaison.figures.theme import PALETTE, TEMPLATE
from liaison.words.i18n import period_label, t, topic_labels
from liaison.words.places import country_name

HEAT_SCALE = [[0.0, "#f3f5f7"], [1e-9, "#c6dbef"], [0.5, "#4292c6"], [1.0, "#08306b"]]


def topic_bars(counts: pd.DataFrame, total: int, taxonomy: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Horizontal bars: meetings per topic, the view's total in the title so nobody adds the bars up."""
    if counts.empty:
        return empty_figure(t("chart.empty", lang))
    labels = topic_labels(counts["topic_id"], taxonomy, lang)
    figure = go.Figure(
        go.Bar(
            x=counts["meetings"],
            y=labels,
            orientation="h",
            marker_color=PALETTE[0],
            customdata=(counts["share"] * 100).round(0),
            text=counts["meetings"],
            textposition="outside",
            hovertemplate="%{y}: %{x} (%{customdata:.0f} %)<extra></extra>",
        ),
        layout={"template": TEMPLATE, "height": 160 + 28 * len(counts)},
    )
    figure.update_yaxes(autorange="reversed", title=None)
    figure.update_xaxes(title=t("chart.axis.meetings", lang), rangemode="tozero")
    return figure.update_layout(title=t("topics.bars.title", lang, total=total))


def whole_step(most: float) -> int:
    """A colour-bar step of 1, 2 or 5 × 10^k, about five ticks: counts are whole, and plotly's own step of 0.5 over
    a small count printed "1, 1, 2, 2" once rounded."""
    wanted = max(most / 5, 1)
    power = 10 ** math.floor(math.log10(wanted))
    return next(int(step * power) for step in (1, 2, 5, 10) if step * power >= wanted)


def _heatmap(grid: pd.DataFrame, columns: list[str], taxonomy: pd.DataFrame, title: str, lang: str) -> go.Figure:
    """Topics down (most discussed first), the given column labels across, meetings as colour."""
    figure = go.Figure(
        go.Heatmap(
            z=grid.values,
            x=columns,
            y=topic_labels(grid.index, taxonomy, lang),
            colorscale=HEAT_SCALE,
            zmin=0,
            xgap=1,
            ygap=1,
            colorbar={
                "title": {"text": t("chart.axis.meetings", lang)},
                "tickformat": "d",
                "tick0": 0,
                "dtick": whole_step(float(np.nanmax(grid.values))),
            },
            hovertemplate="%{y} · %{x}: %{z}<extra></extra>",
        ),
        layout={"template": TEMPLATE, "height": 200 + 24 * len(grid)},
    )
    figure.update_yaxes(autorange="reversed")
    figure.update_xaxes(type="category", tickangle=-45)
    return figure.update_layout(title=title)


def topic_month_heatmap(frame: pd.DataFrame, taxonomy: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Topics down, months (or quarters) across, colour for the number of meetings."""
    if frame.empty or frame["meetings"].sum() == 0:
        return empty_figure(t("chart.empty", lang))
    grid = frame.pivot(index="topic_id", columns="month", values="meetings")
    grid = grid.loc[grid.sum(axis=1).sort_values(ascending=False).index]
    periods = [period_label(month, frame["freq"].iloc[0], lang) for month in grid.columns]
    return _heatmap(grid, periods, taxonomy, t("topics.months.title", lang), lang)


def topic_state_matrix(frame: pd.DataFrame, taxonomy: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Who discusses what with whom: topics down, states across, colour for shared meetings."""
    if frame.empty:
        return empty_figure(t("chart.empty", lang))
    grid = frame.pivot(index="topic_id", columns="iso3", values="meetings").fillna(0).astype(int)
    grid = grid.loc[grid.sum(axis=1).sort_values(ascending=False).index]
    grid = grid[grid.sum(axis=0).sort_values(ascending=False).index]
    states = [country_name(code, lang) for code in grid.columns]
    return _heatmap(grid, states, taxonomy, t("topics.states.title", lang), lang)
