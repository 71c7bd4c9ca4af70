"""Meetings: every meeting of the view in a sortable table, and one meeting in full with its sources."""

from functools import partial

import pandas as pd
import streamlit as st

from components.export_buttons import data_downloads
from components.markdown import md_escape
from components.meeting_card import meeting_card
from components.meeting_list import meeting_rows
from components.page import open_page
from components.view import page_param, set_page_param
from liaison.publish.citation import cite_meeting
from liaison.words.i18n import t

page = open_page("meetings.title")
view, lang, ds, shown, table = page.view, page.lang, page.ds, page.shown, page.table

st.caption(t("meetings.count", lang, count=len(shown)))
rows = meeting_rows(shown, lang, topics=ds.taxonomy)
rows.insert(0, t("field.start", lang), shown["start_date"])


def _on_row_selected(meeting_ids: list[str]) -> None:
    """Show the selected meeting; only a new selection changes the URL, so back and forward still work."""
    rows = st.session_state["meetings_table"].selection.rows
    if rows:
        set_page_param("meeting", meeting_ids[rows[0]])


st.dataframe(
    rows,
    column_config={t("field.start", lang): st.column_config.DateColumn(format="YYYY-MM-DD")},
    hide_index=True,
    width="stretch",
    key="meetings_table",
    on_select=partial(_on_row_selected, shown["meeting_id"].tolist()),
    selection_mode="single-row",
)

data_downloads(ds, view.filters, pd.Index(shown["meeting_id"]), lang, key="meetings_rows")

chosen = page_param("meeting")
if chosen and chosen not in set(table["meeting_id"]):
    st.warning(t("meetings.unknown", lang, meeting=md_escape(chosen)))
    set_page_param("meeting", None)
elif chosen:
    meeting_card(ds, table[table["meeting_id"] == chosen].iloc[0], lang)
    st.markdown(f"**{t('meetings.cite', lang)}**")
    st.code(cite_meeting(ds, chosen, lang), language=None, wrap_lines=True)
    if chosen not in set(shown["meeting_id"]):
        st.caption(t("meetings.outside_filters", lang))
else:
    st.info(t("meetings.pick", lang), icon=":material/ads_click:")
