"""A compact, readable list of meetings: date, title, place, format and states; long lists a page at a time."""

import zlib
from functools import partial

import numpy as np
import pandas as pd
import streamlit as st

from components.view import page_param, set_page_params
from liaison.dataset.store import Dataset
from liaison.view.filters import Filters
from liaison.view.listing import DEFAULT_SORT, PAGE_SIZE, SORTS, Listing, ordered, page_of, search_keys
from liaison.words.i18n import date_span_label, t, topic_labels
from liaison.words.places import country_name

# The list's own URL parameters (see components.view.PAGE_PARAMS): a link reopens the same page of results.
FIND, SORT, PAGE = "find", "sort", "page"


def meeting_rows(meetings: pd.DataFrame, lang: str, topics: pd.DataFrame | None = None) -> pd.DataFrame:
    """The columns a reader scans, labelled in `lang`; with the taxonomy, topics too."""
    fr = lang == "fr"
    rows = pd.DataFrame(
        {
            t("field.dates", lang): [
                date_span_label(row.start_date, row.end_date, row.date_precision, lang) for row in meetings.itertuples()
            ],
            t("field.title", lang): meetings["title_fr" if fr else "title"],
            t("field.venue", lang): meetings["venue_fr" if fr else "venue"].fillna("—"),
            t("field.format", lang): [t(f"format.{value}", lang) for value in meetings["format"]],
            t("field.participants", lang): [
                ", ".join(country_name(code, lang) for code in states) for states in meetings["states"]
            ],
        }
    )
    if topics is None:
        return rows
    label = dict(zip(topics["topic_id"], topic_labels(topics["topic_id"], topics, lang), strict=True))
    return rows.assign(
        **{
            t("field.topics", lang): [
                ", ".join(label.get(topic, topic) for topic in meeting_topics) for meeting_topics in meetings["topics"]
            ]
        }
    )


def meeting_list(meetings: pd.DataFrame, lang: str, key: str) -> None:
    """Draw meetings as a table, newest first."""
    st.dataframe(meeting_rows(meetings, lang), hide_index=True, width="stretch", key=key)


@st.cache_resource(max_entries=2, show_spinner=False)
def _search_keys(_table: pd.DataFrame, version: str) -> pd.Series:
    """The folded text of every meeting, built on the first search of a data version and shared by every session."""
    return search_keys(_table)


@st.cache_resource(max_entries=16, show_spinner=False)
def _order(
    _table: pd.DataFrame, _shown: pd.DataFrame, version: str, filters: Filters, find: str, sort: str, lang: str
) -> np.ndarray:
    """The rows of a view matching a search, in a sort order: positions only, shared by every session on it."""
    keys = _search_keys(_table, version) if find.strip() else None
    return ordered(_shown, keys, find, sort, lang)


def number_label(count: int, lang: str) -> str:
    """12,345 in English, 12 345 in French."""
    return f"{count:,}".replace(",", "\u202f" if lang == "fr" else ",")


def _sort_of_url() -> str:
    chosen = page_param(SORT)
    return chosen if chosen in SORTS else DEFAULT_SORT


def _page_of_url() -> int:
    chosen = page_param(PAGE) or "1"
    return int(chosen) if chosen.isdigit() else 1


# Each callback changes the URL once: one step for back and forward.
def _found(key: str) -> None:
    """A new search starts from the first page of its results."""
    set_page_params(**{FIND: st.session_state[key].strip() or None, PAGE: None})


def _sorted(key: str) -> None:
    """A new order starts from its first page."""
    chosen = st.session_state[key]
    set_page_params(**{SORT: None if chosen in (None, DEFAULT_SORT) else chosen, PAGE: None})


def _turn(page: int) -> None:
    set_page_params(**{PAGE: None if page <= 1 else str(page)})


def _on_row_selected(key: str, meeting_ids: list[str]) -> None:
    """Show the selected meeting; only a new selection changes the URL, so back and forward still work."""
    rows = st.session_state[key].selection.rows
    if rows:
        set_page_params(meeting=meeting_ids[rows[0]])


def paged_meetings(ds: Dataset, table: pd.DataFrame, shown: pd.DataFrame, filters: Filters, lang: str) -> Listing:
    """The meetings of a view a page at a time, found and sorted on the server; a row's selection opens it.

    Search, sort and page live in the URL (`find`, `sort`, `page`), so a link opens the same
    page of results and back and forward step through them; only the page's rows are sent.
    """
    find, sort = page_param(FIND) or "", _sort_of_url()
    search, order_by = st.columns([3, 1], vertical_alignment="bottom")
    st.session_state["meetings_find"] = find
    search.text_input(
        t("meetings.find", lang),
        key="meetings_find",
        placeholder=t("meetings.find.placeholder", lang),
        on_change=_found,
        args=("meetings_find",),
    )
    st.session_state["meetings_sort"] = sort
    order_by.selectbox(
        t("meetings.sort", lang),
        SORTS,
        key="meetings_sort",
        format_func=lambda value: t(f"meetings.sort.{value}", lang),
        on_change=_sorted,
        args=("meetings_sort",),
    )
    order = _order(table, shown, ds.version.digest, filters, find, sort, lang)
    listing = page_of(shown, order, _page_of_url(), PAGE_SIZE)
    if str(listing.page) != (page_param(PAGE) or "1"):
        _turn(listing.page)  # a page past the end, or not a number, is the nearest page there is
    if find.strip():
        st.caption(
            t("meetings.found", lang, count=number_label(listing.matched, lang), total=number_label(len(shown), lang))
        )
    if listing.rows.empty:
        st.info(t("meetings.found.none", lang), icon=":material/search_off:")
        return listing
    rows = meeting_rows(listing.rows, lang, topics=ds.taxonomy)
    rows.insert(0, t("field.start", lang), listing.rows["start_date"])
    ids = listing.rows["meeting_id"].tolist()
    # A selection belongs to the rows it was made on: another page of rows is another table.
    key = f"meetings_table_{zlib.crc32(chr(0).join(ids).encode()):08x}"
    st.dataframe(
        rows,
        column_config={t("field.start", lang): st.column_config.DateColumn(format="YYYY-MM-DD")},
        hide_index=True,
        width="stretch",
        key=key,
        on_select=partial(_on_row_selected, key, ids),
        selection_mode="single-row",
    )
    if listing.pages > 1:
        _page_control(listing, lang)
    return listing


def _page_control(listing: Listing, lang: str) -> None:
    """Previous and next, and which rows of how many this page holds."""
    back, where, forward = st.columns([1, 4, 1], vertical_alignment="center")
    back.button(
        t("meetings.previous", lang),
        key="meetings_previous",
        icon=":material/chevron_left:",
        disabled=listing.page <= 1,
        on_click=_turn,
        args=(listing.page - 1,),
    )
    where.markdown(
        t(
            "meetings.rows",
            lang,
            first=number_label(listing.first, lang),
            last=number_label(listing.last, lang),
            total=number_label(listing.matched, lang),
        ),
        text_alignment="center",
    )
    forward.button(
        t("meetings.next", lang),
        key="meetings_next",
        icon=":material/chevron_right:",
        icon_position="right",
        disabled=listing.page >= listing.pages,
        on_click=_turn,
        args=(listing.page + 1,),
    )
