"""Download buttons for briefings: a figure as PNG, SVG or PDF, and the rows behind a view.

Files are made only when a button is clicked (a deferred callable), and a click does not
rerun the page, so downloading never resets the view. Their captions too: listing a view's
sources costs seconds at a million meetings, and only an export needs them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from liaison.dataset.store import Dataset
from liaison.publish.export import FORMATS, MIME, Caption, caption_for, chromium_path, figure_file, rows_csv, rows_xlsx
from liaison.view.filters import Filters
from liaison.words.i18n import t

# A caption, or the function that makes it when a button is clicked.
CaptionSource = Caption | Callable[[], Caption]


def _caption_today(ds: Dataset, filters: Filters, ids: pd.Index, lang: str, candidates: int | None) -> Caption:
    return caption_for(ds, filters, ids, date.today(), lang, candidates)


def view_caption(
    ds: Dataset, filters: Filters, ids: pd.Index, lang: str, candidates: int | None = None
) -> Callable[[], Caption]:
    """The caption every figure of this view carries when exported, made on the click (dated that day).

    A figure that also draws machine-coded candidates gives their number: its caption says so
    on a line of its own, so a pasted chart never passes them off as meetings.
    """
    return partial(_caption_today, ds, filters, ids, lang, candidates)


def _image(figure: go.Figure | Callable[[], go.Figure], caption: CaptionSource, fmt: str) -> bytes:
    return figure_file(figure() if callable(figure) else figure, caption() if callable(caption) else caption, fmt)


def figure_downloads(figure: go.Figure | Callable[[], go.Figure], caption: CaptionSource, name: str, lang: str) -> None:
    """PNG, SVG and PDF buttons for one figure, or a line saying why exports are unavailable.

    `figure` may be a function that builds it: a figure drawn only for export (the venue
    map's plotly rendition) is then built on the click, never on a rerun. So may `caption`
    (see `view_caption`).
    """
    if chromium_path() is None:
        st.caption(t("export.no_browser", lang))
        return
    columns = st.columns(len(FORMATS), width=360)
    for column, fmt in zip(columns, FORMATS, strict=True):
        column.download_button(
            fmt.upper(),
            data=partial(_image, figure, caption, fmt),
            file_name=f"liaison-{name}.{fmt}",
            mime=MIME[fmt],
            on_click="ignore",
            key=f"{name}_download_{fmt}",
            icon=":material/download:",
            help=t("export.figure.help", lang, format=fmt.upper()),
        )


def data_downloads(ds: Dataset, filters: Filters, ids: pd.Index, lang: str, key: str) -> None:
    """CSV and XLSX of exactly the rows behind the view."""
    st.caption(t("export.data", lang))
    columns = st.columns(2, width=260)
    columns[0].download_button(
        "CSV",
        data=partial(rows_csv, ds, ids),
        file_name="liaison-meetings.csv",
        mime=MIME["csv"],
        on_click="ignore",
        key=f"{key}_csv",
        icon=":material/download:",
    )
    columns[1].download_button(
        "XLSX",
        data=partial(rows_xlsx, ds, filters, ids, date.today(), lang),
        file_name="liaison-view.xlsx",
        mime=MIME["xlsx"],
        on_click="ignore",
        key=f"{key}_xlsx",
        icon=":material/download:",
    )
