"""Meetings: every meeting of the view, a page at a time, and one meeting in full with its sources."""

import pandas as pd
import streamlit as st

from components.export_buttons import data_downloads
from components.feed_panel import candidate_list, quality_panel, shown_candidates
from components.markdown import md_escape
from components.meeting_card import meeting_card
from components.meeting_list import number_label, paged_meetings
from components.page import open_page
from components.view import page_param, set_page_param
from liaison.publish.citation import cite_meeting
from liaison.words.i18n import t

page = open_page("meetings.title")
view, lang, ds, shown, table = page.view, page.lang, page.ds, page.shown, page.table

st.caption(t("meetings.count", lang, count=number_label(len(shown), lang)))
paged_meetings(ds, table, shown, view.filters, lang)

# The downloads hold every meeting of the view, whatever page or search the table shows.
data_downloads(ds, view.filters, pd.Index(shown["meeting_id"]), lang, key="meetings_rows")

chosen = page_param("meeting")
if chosen and not table["meeting_id"].eq(chosen).any():
    st.warning(t("meetings.unknown", lang, meeting=md_escape(chosen)))
    set_page_param("meeting", None)
elif chosen:
    meeting_card(ds, table[table["meeting_id"] == chosen].iloc[0], lang)
    st.markdown(f"**{t('meetings.cite', lang)}**")
    st.code(cite_meeting(ds, chosen, lang), language=None, wrap_lines=True)
    if not shown["meeting_id"].eq(chosen).any():
        st.caption(t("meetings.outside_filters", lang))
else:
    st.info(t("meetings.pick", lang), icon=":material/ads_click:")

if (candidates := shown_candidates(view)) is not None:
    candidate_list(candidates, lang)
    quality_panel(view.filters, lang)
