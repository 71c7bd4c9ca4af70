"""The briefing-pack button: build the view's PPTX and PDF once, then offer both for download.

Rendering takes seconds, so it runs only on a click, shows its progress, and the two files stay
in the session for this view: a rerun, a language switch back, or a download never rebuilds them.
Downloads do not rerun the page, so the filters stay as they are.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from components.markdown import md_escape
from liaison.dataset.store import Dataset
from liaison.publish.briefing import MIME, briefing_pdf, briefing_pptx, build_briefing
from liaison.publish.export import ExportError, chromium_path
from liaison.view.filters import Filters
from liaison.words.i18n import t

_STATE = "briefing_pack"


def _build(ds: Dataset, filters: Filters, lang: str, today: date) -> dict[str, bytes]:
    """Both documents, with a progress bar: the figures take most of the time, each document a little."""
    bar = st.progress(0.0, text=t("briefing.build", lang))
    try:
        briefing = build_briefing(
            ds, filters, today, lang, progress=lambda fraction, message: bar.progress(0.8 * fraction, text=message)
        )
        pptx = briefing_pptx(briefing)
        bar.progress(0.9, text=t("briefing.progress.pptx", lang))
        pdf = briefing_pdf(briefing)
        bar.progress(1.0, text=t("briefing.progress.done", lang))
        return {"pptx": pptx, "pdf": pdf}
    finally:
        bar.empty()


def briefing_buttons(ds: Dataset, filters: Filters, lang: str) -> None:
    """A button that builds the briefing pack of this view, then a PPTX and a PDF download."""
    if chromium_path() is None:
        st.caption(t("export.no_browser", lang))
        return
    today = date.today()
    # Only the latest pack is kept: a session holds at most two documents of a few megabytes.
    key = (ds.version.digest, filters, lang, today)
    clicked = st.button(
        t("briefing.build", lang),
        key="briefing_build",
        icon=":material/slideshow:",
        help=t("briefing.build.help", lang),
    )
    if clicked:
        try:
            st.session_state[_STATE] = {"key": key, **_build(ds, filters, lang, today)}
        except (ExportError, OSError, ValueError) as error:
            st.session_state.pop(_STATE, None)
            st.error(t("export.failed", lang, reason=md_escape(str(error))))
            return
    pack = st.session_state.get(_STATE)
    if not pack or pack["key"] != key:
        return
    stem = f"liaison-briefing-{today.isoformat()}"
    columns = st.columns(2, width=360)
    for column, kind in zip(columns, ("pptx", "pdf"), strict=True):
        column.download_button(
            t(f"briefing.download.{kind}", lang),
            data=pack[kind],
            file_name=f"{stem}.{kind}",
            mime=MIME[kind],
            on_click="ignore",
            key=f"briefing_download_{kind}",
            icon=":material/download:",
        )
