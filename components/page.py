"""How every analysis page opens: its title, the filters in words, and a way out when nothing matches."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from components.data import (
    Answer,
    Figure,
    dataset,
    meetings,
    rows_answer,
    selection,
    shown_meetings,
    view_answer,
    view_figure,
)
from components.empty import no_meetings
from components.feed_panel import candidates_alone
from components.markdown import md_escape
from components.view import View, current
from liaison.dataset.store import Dataset
from liaison.figures.wording import describe_filters
from liaison.words.i18n import t


@dataclass(frozen=True)
class Page:
    """What a page draws from: the view, its language, the data, the ids it keeps and their meetings.

    A dataclass, not a tuple: pages read fields by name, so a new field shifts nothing.
    """

    view: View
    lang: str
    ds: Dataset
    ids: pd.Index
    table: pd.DataFrame

    @property
    def shown(self) -> pd.DataFrame:
        """The view's rows of the meeting table, newest first.

        Taken only by the pages that list or count rows: a new view's rows are a copy of up to
        the whole table (two seconds at a million meetings), which the Map and Topics pages never read.
        """
        return shown_meetings(self.view.filters, self.lang)

    def answer(self, compute: Callable[..., Answer], **arguments: object) -> Answer:
        """`compute(ds, ids, **arguments)` for this view, worked out once and shared by every session on it."""
        return view_answer(compute, self.view.filters, self.lang, **arguments)

    def of_rows(self, compute: Callable[..., Answer], **arguments: object) -> Answer:
        """`compute(rows, **arguments)` over this view's rows of the meeting table, kept and shared as `answer` is."""
        return rows_answer(compute, self.view.filters, self.lang, **arguments)

    def figure(self, name: str | tuple, draw: Callable[[], Figure]) -> Figure:
        """`draw()` for this view and language, kept and shared (see `view_figure`: `name` says what else it reads)."""
        return view_figure(name if isinstance(name, tuple) else (name,), draw, self.view.filters, self.lang)


def open_page(title_key: str) -> Page:
    """Draw the title and the filters in words; stop with a helpful message if no meeting matches.

    Machine-coded candidates are counted apart from meetings, so a view with none of the one may
    still hold some of the other: those are shown before the page stops.
    """
    view = current()
    lang = view.lang
    ds = dataset(lang)
    table = meetings(lang)
    ids = selection(view.filters, lang)
    st.title(t(title_key, lang), anchor=False)
    st.caption(md_escape(describe_filters(view.filters, ds, lang)))
    if ids.empty:
        no_meetings(lang)
        candidates_alone(view)
        st.stop()
    return Page(view=view, lang=lang, ds=ds, ids=ids, table=table)
