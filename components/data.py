"""The dataset, loaded once per state of the store and shared read-only by every session.

The cache key is the store's stamp (each table file's size and modification time, or the
database's count of changes), so a change saved by one analyst (or by `python -m liaison
ingest`) reaches every session on its next rerun. What a
view keeps (its meeting ids, its rows of the meeting table, and each aggregate a page draws:
`view_answer`, `rows_answer`) is cached per data state and per `Filters` value, shared by
every session and bounded: two analysts on the same view pay for it once, and a rerun that
changes no filter pays nothing.

Everything returned here is shared between sessions (`st.cache_resource`, no copy per
call): callers read it and never modify it. The engine's index is built under a lock and
read-only afterwards, so sessions, each in its own thread, share it safely.
"""

from __future__ import annotations

import hashlib
import os
import sys
import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

import cachetools
import pandas as pd
import streamlit as st

from components.markdown import md_escape
from liaison.dataset.database import is_database_url, shown_url
from liaison.dataset.store import Dataset, DatasetError, resolve_location
from liaison.dataset.stores import Store, open_store
from liaison.engine.index import index_of
from liaison.figures.world import country_shapes
from liaison.intake.geocode import GeocodingChain
from liaison.view.filters import Filters
from liaison.view.query import select
from liaison.view.stored_table import shared_table, view_table
from liaison.words.i18n import t

# Views kept per data state: ids are small (a few MB at a million meetings), rows are not;
# answers are aggregates (a few hundred rows each), so many views of every page fit.
SELECTIONS_KEPT = 32
ROWS_BUDGET_BYTES = 400_000_000
ANSWERS_KEPT = 512
# Each figure a page draws for a view, in each language: a few hundred KB at most.
FIGURES_KEPT = 256
Answer = TypeVar("Answer")
Figure = TypeVar("Figure")


def _say(message: str) -> None:
    """A first conversion of a large folder takes minutes: the server log says what it is doing."""
    print(f"liaison: {message}", file=sys.stderr, flush=True)


@st.cache_resource(max_entries=2, show_spinner=False)
def _store(location: str) -> Store:
    """One store object per location, so a database's pool of connections is shared by every session."""
    return open_store(location)


@st.cache_resource(max_entries=2, show_spinner=False)
def _load(location: str, stamp: str) -> Dataset:
    ds = _store(location).load(progress=_say)
    index_of(ds)  # built here, once per data state, rather than in the first page that filters
    return ds


@st.cache_resource(max_entries=SELECTIONS_KEPT, show_spinner=False)
def _selection(location: str, stamp: str, filters: Filters) -> pd.Index:
    return select(_load(location, stamp), filters)


def _rows(location: str, stamp: str, filters: Filters) -> pd.DataFrame:
    table, _ = shared_table(_load(location, stamp))
    if index_of(_load(location, stamp)).mask(_selection(location, stamp, filters)).all():
        return table  # the whole table is shared as it is: no copy to keep
    return _rows_taken(location, stamp, filters)


def _frame_bytes(frame: pd.DataFrame) -> int:
    return int(frame.memory_usage(index=False, deep=False).sum())


# A view's rows are copies: at a million meetings one view can be half the table, so they are
# kept by size rather than by count (a larger view than the budget is simply not kept).
@cachetools.cached(cachetools.LRUCache(maxsize=ROWS_BUDGET_BYTES, getsizeof=_frame_bytes), lock=threading.Lock())
def _rows_taken(location: str, stamp: str, filters: Filters) -> pd.DataFrame:
    return view_table(_load(location, stamp), _selection(location, stamp, filters))


@st.cache_resource(max_entries=ANSWERS_KEPT, show_spinner=False)
def _answer(location: str, stamp: str, filters: Filters, question: str, arguments: tuple, _compute: Callable) -> object:
    """`question` names `_compute` (not hashed): with the view and the arguments, it is the key of the answer."""
    return _compute(_load(location, stamp), ids=_selection(location, stamp, filters), **dict(arguments))


@st.cache_resource(max_entries=ANSWERS_KEPT, show_spinner=False)
def _rows_answer(
    location: str, stamp: str, filters: Filters, question: str, arguments: tuple, _compute: Callable
) -> object:
    return _compute(_rows(location, stamp, filters), **dict(arguments))


@st.cache_resource(max_entries=FIGURES_KEPT, show_spinner=False)
def _figure(location: str, stamp: str, filters: Filters, lang: str, name: tuple, _draw: Callable[[], Figure]) -> Figure:
    return _draw()


def view_figure(name: tuple, draw: Callable[[], Figure], filters: Filters, lang: str) -> Figure:
    """`draw()`, once per data state, view, language and `name`, shared by every session on that view.

    Building plotly figures (validating every property) was the largest part of a rerun that
    changed nothing: half a second on the Timeline. `draw` must depend on nothing but the view's
    curated meetings, the language and what `name` says (a chosen state, a setting); the
    figures are shared read-only, and layers that follow other data (the machine-coded feed)
    are added to a copy by the page. st.plotly_chart and st.pydeck_chart only read them.
    """
    return _figure(*_state(lang), filters, lang, name, draw)  # type: ignore[return-value]


def question_of(compute: Callable) -> str:
    """A function's name, with the arguments a `partial` binds: two settings of one function are two questions."""
    if isinstance(compute, partial):
        return f"{question_of(compute.func)}{compute.args}{sorted(compute.keywords.items())}"
    return f"{compute.__module__}.{compute.__qualname__}"


def view_answer(compute: Callable[..., Answer], filters: Filters, lang: str = "en", **arguments: object) -> Answer:
    """`compute(ds, ids=…, **arguments)` over the meetings the filters keep, once per data state, view and arguments.

    A page's aggregates are the same for every analyst on the same view: they are worked out
    once and shared (bounded, read-only: callers never modify what they get). Arguments must
    be hashable values (a state's code, a limit), not frames.
    """
    key = tuple(sorted(arguments.items()))
    return _answer(*_state(lang), filters, question_of(compute), key, compute)  # type: ignore[return-value]


def rows_answer(compute: Callable[..., Answer], filters: Filters, lang: str = "en", **arguments: object) -> Answer:
    """`compute(rows, **arguments)` over the view's rows of the meeting table, kept and shared as `view_answer` is."""
    key = tuple(sorted(arguments.items()))
    return _rows_answer(*_state(lang), filters, question_of(compute), key, compute)  # type: ignore[return-value]


def data_location() -> str:
    """The store this process serves: LIAISON_DATA (a folder or a postgresql:// URL), else the bundled data/."""
    return resolve_location()


def store() -> Store:
    """The store this process serves, for the pages that save to it."""
    return _store(data_location())


def _shown(location: str) -> str:
    """The store's location as it may be shown (a database URL's password hidden), even if it could not be opened."""
    return shown_url(location) if is_database_url(location) else str(Path(location))


def _state(lang: str) -> tuple[str, str]:
    """The location and the stamp of the data as it is now, loaded; if it cannot be, the page says why and stops.

    The store's location and its reason are shown as written: a database URL's hidden password (`***`) is not
    markdown emphasis, and the reason's command (`python -m liaison copy …`) can be copied as it is.
    """
    location = data_location()
    try:
        # The stamp as one short string: Streamlit hashes every cache key on every call, dozens a rerun.
        stamp = hashlib.blake2b(repr(_store(location).stamp()).encode(), digest_size=16).hexdigest()
        _load(location, stamp)
    except DatasetError as error:
        st.error(t("data.invalid", lang, folder=md_escape(_shown(location))))
        st.code("\n".join(str(problem) for problem in error.problems[:50]), language=None)
        st.stop()
    except (ValueError, OSError) as error:
        st.error(t("data.unreadable.store", lang, folder=md_escape(_shown(location))))
        st.code(str(error), language=None, wrap_lines=True)
        st.stop()
    return location, stamp


def dataset(lang: str = "en") -> Dataset:
    """The dataset; if it is invalid, the page shows every problem and stops."""
    return _load(*_state(lang))


def meetings(lang: str = "en") -> pd.DataFrame:
    """The enriched meeting table of the dataset (see liaison.view.query.meeting_table)."""
    return shared_table(_load(*_state(lang)))[0]


def selection(filters: Filters, lang: str = "en") -> pd.Index:
    """Ids of the meetings the filters keep (liaison.view.query.select), shared by every session on this view."""
    return _selection(*_state(lang), filters)


def shown_meetings(filters: Filters, lang: str = "en") -> pd.DataFrame:
    """The rows of the meeting table the filters keep, newest first, shared by every session on this view."""
    return _rows(*_state(lang), filters)


@st.cache_resource(max_entries=1, show_spinner=False)
def shapes() -> dict[str, dict]:
    """Country geometries from the shipped GeoJSON, read once per process (never mutated)."""
    return country_shapes()


@st.cache_resource(max_entries=2, show_spinner=False)
def _geocoder(location: str) -> GeocodingChain:
    return GeocodingChain.for_folder(_store(location).local_folder, os.environ)


def geocoder() -> GeocodingChain:
    """The geocoding chain of this store: its cache, the offline gazetteer, Nominatim if enabled."""
    return _geocoder(data_location())
