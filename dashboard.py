"""Liaison: the entry point. Sets up the page, the shared sidebar filters, and routes to pages."""

from pathlib import Path

import streamlit as st

from components.data import dataset
from components.markdown import md_escape
from components.view import LANG_KEY, sidebar
from liaison.i18n import normalise_language, t

# A local icon: a named icon would make the browser fetch it from a font CDN.
ICON = Path(__file__).resolve().parent / "assets" / "liaison.png"

st.set_page_config(page_title="Liaison", page_icon=str(ICON), layout="wide")

lang = normalise_language(st.session_state.get(LANG_KEY) or st.query_params.get("lang"))
pages = [
    st.Page(
        "app_pages/overview.py",
        title=t("page.overview", lang),
        icon=":material/dashboard:",
        url_path="overview",
        default=True,
    ),
    st.Page(
        "app_pages/timeline.py",
        title=t("page.timeline", lang),
        icon=":material/timeline:",
        url_path="timeline",
    ),
    st.Page("app_pages/map.py", title=t("page.map", lang), icon=":material/public:", url_path="map"),
    st.Page("app_pages/countries.py", title=t("page.countries", lang), icon=":material/flag:", url_path="countries"),
    st.Page("app_pages/topics.py", title=t("page.topics", lang), icon=":material/label:", url_path="topics"),
    st.Page("app_pages/meetings.py", title=t("page.meetings", lang), icon=":material/table_rows:", url_path="meetings"),
    st.Page(
        "app_pages/add_meetings.py", title=t("page.add", lang), icon=":material/add_circle:", url_path="add_meetings"
    ),
    st.Page("app_pages/about.py", title=t("page.about", lang), icon=":material/menu_book:", url_path="about"),
]
page = st.navigation(pages)
view = sidebar(dataset(lang), page.url_path)
for value in view.ignored:
    st.warning(t("filters.ignored", view.lang, value=md_escape(value)))
for value in view.moved:
    st.warning(t("filters.moved", view.lang, value=md_escape(value)))
page.run()
