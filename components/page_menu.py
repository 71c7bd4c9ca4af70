"""The list of pages at the top of the sidebar: each entry a link that carries the whole view.

Streamlit's own page menu opens a page at its bare address, and the view is written back to
the URL by the run that follows. The browser keeps a history entry for each address, and on a
busy machine the bare one lands first: Back then opens the page with every filter and the
language dropped. A link that already holds the view opens the page at its final address, in
one history entry, so Back and Forward step through views, never through bare pages.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from components.view import View

KEY = "page_menu"


def page_menu(pages: Sequence[StreamlitPage], view: View) -> None:
    """One link per page, each opening it with this run's filters and language (and none of a page's own parameters)."""
    params = view.to_params()
    with st.sidebar.container(key=KEY):
        for page in pages:
            st.page_link(page, query_params=params, width="stretch")
