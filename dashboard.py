"""Liaison: the entry point. Sets up the page, reads the view from the URL, draws the shared sidebar, routes."""

from pathlib import Path

import streamlit as st

from components.data import dataset
from components.filter_sidebar import filter_sidebar
from components.identity import current_editor, sign_in_box
from components.markdown import md_escape
from components.page_menu import page_menu
from components.view import language, open_view
from liaison.dataset.access import AccessError
from liaison.words.i18n import t

# A local icon: a named icon would make the browser fetch it from a font CDN.
ICON = Path(__file__).resolve().parent / "assets" / "liaison.png"

st.set_page_config(page_title="Liaison", page_icon=str(ICON), layout="wide")

lang = language()
overview = st.Page(
    "app_pages/overview.py", title=t("page.overview", lang), icon=":material/dashboard:", url_path="home", default=True
)


def _to_overview() -> None:
    """`/overview` is the address people type for the first page, which Streamlit serves at `/`."""
    st.switch_page(overview, query_params={key: st.query_params.get_all(key) for key in st.query_params})


try:
    editor = current_editor()
except AccessError as error:
    st.error(t("auth.misconfigured", lang, reason=md_escape(str(error))))
    st.stop()

pages = [
    overview,
    st.Page("app_pages/timeline.py", title=t("page.timeline", lang), icon=":material/timeline:", url_path="timeline"),
    st.Page("app_pages/map.py", title=t("page.map", lang), icon=":material/public:", url_path="map"),
    st.Page("app_pages/countries.py", title=t("page.countries", lang), icon=":material/flag:", url_path="countries"),
    st.Page("app_pages/topics.py", title=t("page.topics", lang), icon=":material/label:", url_path="topics"),
    st.Page("app_pages/meetings.py", title=t("page.meetings", lang), icon=":material/table_rows:", url_path="meetings"),
    *(
        [
            st.Page(
                "app_pages/add_meetings.py",
                title=t("page.add", lang),
                icon=":material/add_circle:",
                url_path="add_meetings",
            )
        ]
        if editor is not None
        else []
    ),
    st.Page("app_pages/about.py", title=t("page.about", lang), icon=":material/menu_book:", url_path="about"),
]
page = st.navigation(
    [*pages, st.Page(_to_overview, title=t("page.overview", lang), url_path="overview", visibility="hidden")],
    position="hidden",
)
view = open_view(dataset(lang), page.url_path)
page_menu(pages, view)
filter_sidebar(dataset(lang), view)
sign_in_box(view.lang)
for value in view.ignored:
    st.warning(t("filters.ignored", view.lang, value=md_escape(value)))
for value in view.moved:
    st.warning(t("filters.moved", view.lang, value=md_escape(value)))
page.run()
