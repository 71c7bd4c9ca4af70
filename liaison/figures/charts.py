"""Plotly figure builders: a frame in, a figure out, nothing else read or written.

Each builder takes the frame a `query` function returns and the language of
the labels, uses the project's template, and returns a figure that says
plainly when there is nothing to draw.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from liaison.figures.theme import FORMAT_COLOURS, TEMPLATE
from liaison.view.query import effective_end
from liaison.words.i18n import date_span_label, month_label, short_month_label, t
from liaison.words.places import country_name

FORMATS = ("multilateral", "bilateral")
LANE_LABEL_LENGTH = 48
BAR_WIDTH_MS = 24 * 24 * 3600 * 1000


def empty_figure(message: str) -> go.Figure:
    """A figure with no axes that says why it is empty."""
    figure = go.Figure(layout={"template": TEMPLATE, "height": 240})
    figure.add_annotation(text=message, showarrow=False, font={"size": 15}, x=0.5, y=0.5, xref="paper", yref="paper")
    return figure.update_xaxes(visible=False).update_yaxes(visible=False)


def monthly_chart(per_month: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Stacked bars of meetings per month, one colour per format."""
    if per_month.empty or per_month["meetings"].sum() == 0:
        return empty_figure(t("chart.empty", lang))
    figure = go.Figure(layout={"template": TEMPLATE, "barmode": "stack", "height": 380})
    for meeting_format in FORMATS:
        rows = per_month[per_month["format"] == meeting_format]
        figure.add_bar(
            # Bars sit mid-month with an explicit width: period axes draw nothing for a lone month in export.
            x=rows["month"] + pd.Timedelta(days=14),
            y=rows["meetings"],
            width=BAR_WIDTH_MS,
            name=t(f"format.{meeting_format}", lang),
            marker_color=FORMAT_COLOURS[meeting_format],
            customdata=[month_label(month, lang) for month in rows["month"]],
            hovertemplate="%{customdata}<br>%{fullData.name}: %{y}<extra></extra>",
        )
    figure.update_layout(title=t("chart.monthly.title", lang), bargap=0.15, legend={"traceorder": "normal"})
    months = pd.DatetimeIndex(per_month["month"].drop_duplicates())
    ticks = months[:: max(1, -(-len(months) // 12))]
    figure.update_xaxes(
        title=None,
        tickvals=ticks + pd.Timedelta(days=14),
        ticktext=[short_month_label(month, lang) for month in ticks],
        range=[months.min() - pd.Timedelta(days=20), months.max() + pd.Timedelta(days=50)],
    )
    most = per_month.groupby("month")["meetings"].sum().max()
    return figure.update_yaxes(title=t("chart.axis.meetings", lang), rangemode="tozero", dtick=1 if most <= 6 else None)


def _lane_labels(lanes: pd.DataFrame, lang: str) -> dict[str, str]:
    title_column = "title_fr" if lang == "fr" else "title"
    latest = lanes.sort_values("start_date").drop_duplicates("lane", keep="last").set_index("lane")[title_column]
    labels: dict[str, str] = {}
    for lane, title in latest.items():
        if lane.startswith("pool:"):
            label = t(f"chart.timeline.pool.{lane.removeprefix('pool:')}", lang)
        else:
            label = str(title) if not lane.endswith(" / margins") else t("chart.timeline.margins", lang)
        labels[lane] = label if len(label) <= LANE_LABEL_LENGTH else label[: LANE_LABEL_LENGTH - 1] + "…"
    return labels


def _hover_texts(rows: pd.DataFrame, lang: str) -> list[str]:
    fr = lang == "fr"
    names = {code: country_name(code, lang) for code in {code for states in rows["states"] for code in states}}
    venue_label, states_label = t("field.venue", lang), t("field.participants", lang)
    texts = []
    for row in rows.itertuples():
        venue = row.venue_fr if fr else row.venue
        states = ", ".join(names[code] for code in row.states) or "—"
        when = date_span_label(row.start_date, row.end_date, row.date_precision, lang)
        title = html.escape(str(row.title_fr if fr else row.title))
        venue_text = html.escape(venue) if isinstance(venue, str) else "—"
        texts.append(f"<b>{title}</b><br>{when}<br>{venue_label}: {venue_text}<br>{states_label}: {states}")
    return texts


def timeline_chart(lanes: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Meetings as marks on their lanes over time: a line for their span, a symbol per format.

    Each point carries its meeting_id in customdata so a click can select it.
    """
    if lanes.empty:
        return empty_figure(t("chart.empty", lang))
    labels = _lane_labels(lanes, lang)
    order = lanes.drop_duplicates("lane").sort_values("lane_order")["lane"]
    # Unique y keys keep lanes with the same title apart; tick text shows the title.
    y_keys = {lane: f"{position:03d}" for position, lane in enumerate(order)}
    frame = lanes.assign(y=lanes["lane"].map(y_keys), end=effective_end(lanes))
    figure = go.Figure(layout={"template": TEMPLATE, "height": 140 + 26 * len(order), "hovermode": "closest"})
    for meeting_format in FORMATS:
        rows = frame[frame["format"] == meeting_format]
        if rows.empty:
            continue
        colour = FORMAT_COLOURS[meeting_format]
        span_x: list[object] = []
        span_y: list[object] = []
        spans = rows[(rows["date_precision"] == "day") & (rows["end"] > rows["start_date"])]
        for start, end, y in zip(spans["start_date"], spans["end"], spans["y"], strict=True):
            span_x += [start, end, None]
            span_y += [y, y, None]
        symbol = "diamond" if meeting_format == "multilateral" else "circle"
        # An open symbol says the day is not known (dated to the month or the year only).
        symbols = [symbol if precision == "day" else f"{symbol}-open" for precision in rows["date_precision"]]
        figure.add_scatter(
            x=span_x,
            y=span_y,
            mode="lines",
            line={"color": colour, "width": 6},
            hoverinfo="skip",
            showlegend=False,
        )
        figure.add_scatter(
            x=rows["start_date"],
            y=rows["y"],
            mode="markers",
            name=t(f"format.{meeting_format}", lang),
            marker={
                "color": colour,
                "size": 12 if meeting_format == "multilateral" else 9,
                "symbol": symbols,
                "line": {"color": colour, "width": 2},
            },
            customdata=rows["meeting_id"],
            hovertext=_hover_texts(rows, lang),
            hovertemplate="%{hovertext}<extra></extra>",
        )
    figure.update_layout(
        title=t("chart.timeline.title", lang), clickmode="event+select", legend={"traceorder": "normal"}
    )
    first, last = frame["start_date"].min(), frame["end"].max()
    margin = max(pd.Timedelta(days=20), (last - first) * 0.03)
    figure.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=list(y_keys.values())[::-1],
        tickvals=list(y_keys.values()),
        ticktext=[labels[lane] for lane in order],
        title=None,
    )
    # Month ticks repeat over a few weeks ("05/2025 05/2025"): a short view is ticked by day.
    tickformat = "%d/%m/%Y" if last - first < pd.Timedelta(days=120) else "%m/%Y"
    return figure.update_xaxes(title=None, type="date", tickformat=tickformat, range=[first - margin, last + margin])
