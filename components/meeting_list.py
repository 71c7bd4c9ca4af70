"""A compact, readable list of meetings: date, title, place, format and states."""

import pandas as pd
import streamlit as st

from liaison.words.i18n import date_span_label, t, topic_label
from liaison.words.places import country_name


def meeting_rows(meetings: pd.DataFrame, lang: str, topics: pd.DataFrame | None = None) -> pd.DataFrame:
    """The columns a reader scans, labelled in `lang`; with the taxonomy, topics too."""
    fr = lang == "fr"
    rows = pd.DataFrame(
        {
            t("field.dates", lang): [
                date_span_label(row.start_date, row.end_date, row.date_precision, lang) for row in meetings.itertuples()
            ],
            t("field.title", lang): meetings["title_fr" if fr else "title"],
            t("field.venue", lang): meetings["venue_fr" if fr else "venue"].fillna("—"),
            t("field.format", lang): [t(f"format.{value}", lang) for value in meetings["format"]],
            t("field.participants", lang): [
                ", ".join(country_name(code, lang) for code in states) for states in meetings["states"]
            ],
        }
    )
    if topics is None:
        return rows
    return rows.assign(
        **{
            t("field.topics", lang): [
                ", ".join(topic_label(topic, topics, lang) for topic in meeting_topics)
                for meeting_topics in meetings["topics"]
            ]
        }
    )


def meeting_list(meetings: pd.DataFrame, lang: str, key: str) -> None:
    """Draw meetings as a table, newest first."""
    st.dataframe(meeting_rows(meetings, lang), hide_index=True, width="stretch", key=key)
