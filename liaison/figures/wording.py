"""Sentences that describe a view: the filters in words, and what each figure shows.

Screen readers, the text under a chart and the caption of an exported figure
all need the same sentences, so they are written once, here.
"""

from __future__ import annotations

import pandas as pd

from liaison.dataset.store import Dataset
from liaison.view.filters import Filters
from liaison.words.i18n import actor_name, date_span_label, month_label, period_label, region_label, t, topic_label
from liaison.words.places import country_name


def describe_filters(filters: Filters, ds: Dataset, lang: str = "en") -> str:
    """The filters as a sentence a reader of a briefing understands."""
    if filters.is_empty:
        return t("filters.words.all", lang)
    parts = []
    if filters.month_from or filters.month_to:
        start = month_label(pd.Timestamp(f"{filters.month_from}-01"), lang) if filters.month_from else "…"
        end = month_label(pd.Timestamp(f"{filters.month_to}-01"), lang) if filters.month_to else "…"
        single = filters.month_from == filters.month_to
        parts.append(start if single else t("filters.words.period", lang, start=start, end=end))
    named = (
        ("countries", lambda value: country_name(value, lang)),
        ("regions", lambda value: region_label(value, lang)),
        ("blocs", lambda value: actor_name(value, ds.organizations, lang)),
        ("formats", lambda value: t(f"format.{value}", lang)),
        ("topics", lambda value: topic_label(value, ds.taxonomy, lang)),
    )
    for field, name in named:
        values = getattr(filters, field)
        if values:
            parts.append(t(f"filters.words.{field}", lang, values=", ".join(name(value) for value in values)))
    if filters.text:
        parts.append(t("filters.words.text", lang, text=filters.text))
    return "; ".join(parts)


def monthly_alt(per_month: pd.DataFrame, lang: str = "en") -> str:
    """What the monthly bar chart shows, in one or two sentences."""
    if per_month.empty or per_month["meetings"].sum() == 0:
        return t("chart.empty", lang)
    totals = per_month.groupby("month")["meetings"].sum()
    busiest = totals.idxmax()
    return t(
        "alt.monthly",
        lang,
        total=int(totals.sum()),
        first=month_label(totals.index.min(), lang),
        last=month_label(totals.index.max(), lang),
        busiest=month_label(busiest, lang),
        most=int(totals.max()),
        multilateral=int(per_month.loc[per_month["format"] == "multilateral", "meetings"].sum()),
        bilateral=int(per_month.loc[per_month["format"] == "bilateral", "meetings"].sum()),
    )


def timeline_alt(lanes: pd.DataFrame, lang: str = "en") -> str:
    """What the span chart shows: how many meetings, on how many lanes, over which period."""
    if lanes.empty:
        return t("chart.empty", lang)
    return t(
        "alt.timeline",
        lang,
        meetings=len(lanes),
        lanes=lanes["lane"].nunique(),
        first=month_label(lanes["start_date"].min(), lang),
        last=month_label(lanes["start_date"].max(), lang),
        series=lanes["series"].dropna().nunique(),
        margins=int(lanes["parent_meeting_id"].notna().sum()),
    )


def choropleth_alt(states: pd.DataFrame, meetings: int, lang: str = "en") -> str:
    """What the state map shows: how many states, and the most active ones."""
    if states.empty:
        return t("chart.empty", lang)
    top = ", ".join(f"{country_name(row.iso3, lang)} ({row.meetings})" for row in states.head(5).itertuples())
    return t("alt.choropleth", lang, states=len(states), meetings=meetings, top=top)


def venues_alt(venues: pd.DataFrame, arcs: int, lang: str = "en") -> str:
    """What the venue map shows: how many venues and links, and the busiest venues."""
    if venues.empty:
        return t("chart.empty", lang)
    column = "name_fr" if lang == "fr" else "name"
    top = ", ".join(f"{row[column]} ({row['meetings']})" for _, row in venues.head(3).iterrows())
    return t("alt.venues", lang, venues=len(venues), arcs=arcs, top=top)


def topic_bars_alt(counts: pd.DataFrame, total: int, taxonomy: pd.DataFrame, lang: str = "en") -> str:
    """What the topic breakdown shows: the leading topics and the view's total."""
    if counts.empty:
        return t("chart.empty", lang)
    top = ", ".join(
        f"{topic_label(row.topic_id, taxonomy, lang)} ({row.meetings})" for row in counts.head(3).itertuples()
    )
    return t("alt.topics.bars", lang, topics=len(counts), total=total, top=top)


def topic_months_alt(frame: pd.DataFrame, taxonomy: pd.DataFrame, lang: str = "en") -> str:
    """What the topic-by-month heat map shows: its span and the busiest topic-month."""
    if frame.empty or frame["meetings"].sum() == 0:
        return t("chart.empty", lang)
    busiest = frame.sort_values(["meetings", "month"], ascending=[False, True]).iloc[0]
    return t(
        "alt.topics.months",
        lang,
        topics=frame["topic_id"].nunique(),
        first=period_label(frame["month"].min(), busiest["freq"], lang),
        last=period_label(frame["month"].max(), busiest["freq"], lang),
        topic=topic_label(busiest["topic_id"], taxonomy, lang),
        month=period_label(busiest["month"], busiest["freq"], lang),
        count=int(busiest["meetings"]),
    )


def topic_matrix_alt(frame: pd.DataFrame, taxonomy: pd.DataFrame, lang: str = "en") -> str:
    """What the topic-by-state matrix shows: its size and the strongest pairing."""
    if frame.empty:
        return t("chart.empty", lang)
    strongest = frame.sort_values(["meetings", "topic_id", "iso3"], ascending=[False, True, True]).iloc[0]
    return t(
        "alt.topics.states",
        lang,
        topics=frame["topic_id"].nunique(),
        states=frame["iso3"].nunique(),
        topic=topic_label(strongest["topic_id"], taxonomy, lang),
        state=country_name(strongest["iso3"], lang),
        count=int(strongest["meetings"]),
    )


def dates_covered(first: pd.Timestamp, first_precision: str, last: pd.Timestamp, last_precision: str, lang: str) -> str:
    """When a view's meetings took place, from the first one's start to the last one's end, as precise as known.

    Meetings dated to the day read as one span ("6–7 May 2025"); otherwise each end keeps its precision.
    """
    if first_precision == last_precision == "day":
        return t("overview.dates", lang, span=date_span_label(first, last, "day", lang))
    start = date_span_label(first, first, first_precision, lang)
    end = date_span_label(last, last, last_precision, lang)
    if start == end:
        return t("overview.dates", lang, span=start)
    return t("overview.period", lang, first=start, last=end)
