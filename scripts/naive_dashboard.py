"""A naive, tutorial-style build of the Liaison dashboard: the baseline scripts/benchmark.py compares against.

It is written the way a first Streamlit tutorial would: one file, the CSVs reread with
pandas on every rerun (no cache), filters as boolean masks, raw rows handed to
plotly express and st.dataframe. Same six views and the same sidebar Format pills as
Liaison, so one click drives both. Not part of the app; never imported by it.

Run:  LIAISON_DATA=/tmp/liaison-bench/meetings-100000 .venv/bin/streamlit run scripts/naive_dashboard.py
"""

import os
from pathlib import Path

import pandas as pd
import plotly.express as px
import streamlit as st

DATA = Path(os.environ.get("LIAISON_DATA", Path(__file__).resolve().parent.parent / "data"))
# World shapes served next to this script (the benchmark copies them there); else plotly's CDN.
GEO = Path(__file__).resolve().parent / "static" / "geo"
PLOTLY_CONFIG = {"topojsonURL": "/app/static/geo/"} if GEO.is_dir() else {}

st.set_page_config(page_title="Naive Liaison", layout="wide")


def read(table: str) -> pd.DataFrame:
    return pd.read_csv(DATA / f"{table}.csv", dtype=str, keep_default_na=False)


meetings = read("meetings")
participants = read("participants")

with st.sidebar:
    st.header("Filters")
    formats = st.pills(
        "Format", ["Multilateral", "Bilateral"], selection_mode="multi", key="format", bind="query-params"
    )
    countries = st.multiselect("Countries", sorted(participants["actor"].unique()))

mask = pd.Series(True, index=meetings.index)
if formats:
    mask &= meetings["format"].isin([value.lower() for value in formats])
if countries:
    mask &= meetings["meeting_id"].isin(participants.loc[participants["actor"].isin(countries), "meeting_id"])
shown = meetings[mask]
shown_participants = participants[participants["meeting_id"].isin(shown["meeting_id"])]


def overview() -> None:
    st.title("Overview")
    left, middle, right = st.columns(3)
    left.metric("Meetings", len(shown))
    middle.metric("States", shown_participants["actor"].nunique())
    right.metric("Months", shown["start_date"].str.slice(0, 7).replace("", None).nunique())
    per_month = shown.assign(month=shown["start_date"].str.slice(0, 7)).groupby("month").size().reset_index(name="n")
    st.plotly_chart(px.bar(per_month, x="month", y="n", title="Meetings per month"))


def timeline() -> None:
    st.title("Timeline")
    dated = shown[shown["start_date"] != ""]
    st.plotly_chart(px.scatter(dated, x="start_date", y="format", hover_name="title", title="Meetings"))


def world_map() -> None:
    st.title("Map")
    venues = read("venues")
    placed = shown.merge(venues, on="venue_id")
    placed["latitude"] = placed["latitude"].astype(float)
    placed["longitude"] = placed["longitude"].astype(float)
    figure = px.scatter_geo(placed, lat="latitude", lon="longitude", hover_name="title", title="Venues")
    st.plotly_chart(figure, config=PLOTLY_CONFIG)


def by_country() -> None:
    st.title("Countries")
    counts = shown_participants["actor"].value_counts().reset_index()
    st.plotly_chart(px.bar(counts, x="actor", y="count", title="Meetings per participant"))


def by_topic() -> None:
    st.title("Topics")
    topics = read("topics")
    taxonomy = read("taxonomy")
    tagged = topics[topics["meeting_id"].isin(shown["meeting_id"])].merge(taxonomy, on="topic_id")
    counts = tagged["label_en"].value_counts().reset_index()
    st.plotly_chart(px.bar(counts, x="label_en", y="count", title="Meetings per topic"))


def meeting_rows() -> None:
    st.title("Meetings")
    st.dataframe(shown)


st.navigation(
    [
        st.Page(overview, title="Overview", url_path="overview", default=True),
        st.Page(timeline, title="Timeline", url_path="timeline"),
        st.Page(world_map, title="Map", url_path="map"),
        st.Page(by_country, title="Countries", url_path="countries"),
        st.Page(by_topic, title="Topics", url_path="topics"),
        st.Page(meeting_rows, title="Meetings", url_path="meetings"),
    ]
).run()
