"""Overview: the headline figures of the current view and its latest meetings."""

import pandas as pd
import streamlit as st

from components.briefing_button import briefing_buttons
from components.export_buttons import data_downloads
from components.feed_panel import candidate_headline, quality_panel, shown_candidates
from components.meeting_list import meeting_list
from components.page import open_page
from liaison.figures.wording import dates_covered
from liaison.view.query import headline
from liaison.words.i18n import t

page = open_page("overview.title")
lang, shown = page.lang, page.shown

figures = page.of_rows(headline)
columns = st.columns(5)
columns[0].metric(t("overview.meetings", lang), figures.meetings)
columns[1].metric(t("overview.states", lang), figures.states, help=t("overview.states.help", lang))
columns[2].metric(t("format.multilateral", lang), figures.multilateral)
columns[3].metric(t("format.bilateral", lang), figures.bilateral)
columns[4].metric(t("overview.months", lang), figures.months, help=t("overview.months.help", lang))
if figures.first is not None:
    st.caption(dates_covered(figures.first, figures.first_precision, figures.last, figures.last_precision, lang))
if (candidates := shown_candidates(page.view)) is not None:
    candidate_headline(candidates, lang)
    quality_panel(page.view.filters, lang)

st.subheader(t("overview.latest", lang), anchor=False)
meeting_list(shown.head(10), lang, key="overview_latest")
data_downloads(page.ds, page.view.filters, pd.Index(shown["meeting_id"]), lang, key="overview_rows")
briefing_buttons(page.ds, page.view.filters, lang)
