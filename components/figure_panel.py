"""A figure as analysts need it: the chart, what it shows in words, and the table behind it."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.export_buttons import CaptionSource, figure_downloads
from components.markdown import md_escape
from liaison.words.i18n import t

# Figures draw offline: no plotly logo link, no calls home from the mode bar. The camera
# ("toImage") is removed too: it saves a small image without the caption, while the buttons
# under each figure give the captioned, print-resolution one.
PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["sendDataToCloud", "toImage"]}


def figure_panel(
    figure: go.Figure,
    alt: str,
    table: pd.DataFrame | Callable[[], pd.DataFrame],
    key: str,
    lang: str,
    on_select: str | Callable[[], None] = "ignore",
    config: dict[str, object] | None = None,
    caption: CaptionSource | None = None,
) -> object:
    """Draw a figure with its alt text, downloads (given a caption, or what makes it) and a 'view as table' alternative.

    `table` may be what makes the table: it is then built only when the analyst asks to see it.

    Returns the chart's selection state.
    """
    state = st.plotly_chart(
        figure,
        key=key,
        on_select=on_select,
        selection_mode="points",
        config=PLOTLY_CONFIG | (config or {}),
        theme=None,
        width="stretch",
    )
    st.caption(md_escape(alt))  # alt text quotes titles, venues and topics from the data
    if caption is not None:
        figure_downloads(figure, caption, key, lang)
    if st.toggle(t("figure.as_table", lang), key=f"{key}_as_table"):
        st.dataframe(table() if callable(table) else table, hide_index=True, width="stretch")
    return state
