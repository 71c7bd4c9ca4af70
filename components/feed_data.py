"""The GDELT candidates of the store's events root, built once per state of its events layer and selected per view.

The events root is `liaison.feed.events.events_root`, as for `python -m liaison gdelt`:
`$LIAISON_EVENTS` if set (one folder shared by every dashboard machine of a team), else the
data folder, or for a database this machine's cache folder for it. The pages never write the layer.

The layer's stamp (each part file's name, size and modification time) names the build: an
import by `python -m liaison gdelt` reaches every session on its next rerun, and a rerun that
changes nothing pays nothing. The build is read from the events root's typed cache
(`liaison.feed.cache`: a restart does not cluster again) or made once per stamp, and shared
read-only by every session (`st.cache_resource`, bounded); each view's candidates are selected
from it (`select_candidates`; a view that keeps them all shares the built frame's columns) and
kept per `Filters` value. A candidate's articles stay on disk until a page asks for them.
Callers read what is returned and never modify it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pandas as pd
import streamlit as st

from components.data import dataset, question_of, store
from liaison.dataset.store import Dataset
from liaison.feed.cache import Built, built_candidates, layer_stamp, no_candidates, stamp_digest
from liaison.feed.candidates import select_candidates
from liaison.feed.events import EventsRootError, checked_events_root, events_root, layer_dir
from liaison.view.filters import Filters

VIEWS_KEPT = 16
"""Views whose candidates are kept: a view that keeps them all costs nothing, another its share of the build."""
ANSWERS_KEPT = 256
"""Aggregates of those views' candidates (a few hundred rows each at most)."""
Answer = TypeVar("Answer")


def events_folder() -> Path:
    """This store's events root: `$LIAISON_EVENTS`, else its local folder (`events_root`)."""
    return events_root(store().local_folder, os.environ)


def events_root_refused() -> EventsRootError | None:
    """Why `$LIAISON_EVENTS` cannot hold this store's events layer (it names a file: `checked_events_root`), else None.

    Only the reading checks: the pages never write the layer.
    """
    try:
        checked_events_root(store().local_folder, os.environ)
    except EventsRootError as refused:
        return refused
    return None


def layer_folder() -> Path:
    """Where this store's events layer would be (`<events root>/feed/gdelt/events`)."""
    return layer_dir(events_folder())


@st.cache_resource(max_entries=2, show_spinner=False)
def _built(data: str, digest: str) -> Built:
    return built_candidates(Path(data), digest)


@st.cache_resource(max_entries=1, show_spinner=False)
def _nothing() -> Built:
    return no_candidates()


@st.cache_resource(max_entries=VIEWS_KEPT, show_spinner=False)
def _selected(data: str, digest: str, _ds: Dataset, version: str, filters: Filters) -> pd.DataFrame:
    """`_ds` (not hashed) gives the regions and blocs, `version` is its digest: the key of this selection."""
    return select_candidates(_built(data, digest).candidates, filters, _ds.regions, _ds.memberships)


def _state() -> tuple[str, str | None]:
    """The events root and its layer's digest (None without a layer)."""
    data = events_folder()
    stamp = layer_stamp(data)
    return str(data), stamp_digest(stamp) if stamp else None


def layer_digest() -> str | None:
    """The state of the events layer (None without one): what a figure with candidates reads besides the view."""
    return _state()[1]


def has_events() -> bool:
    """Whether the events root has an events layer with at least one part."""
    return _state()[1] is not None


def view_candidates(filters: Filters) -> pd.DataFrame:
    """The candidates these filters keep, newest first (empty without a layer); shared by every session."""
    data, digest = _state()
    if digest is None:
        return _nothing().candidates
    ds = dataset()
    return _selected(data, digest, ds, ds.version.digest, filters)


@st.cache_resource(max_entries=ANSWERS_KEPT, show_spinner=False)
def _answer(
    data: str, digest: str, _ds: Dataset, version: str, filters: Filters, question: str, arguments: tuple, _compute
) -> object:
    return _compute(_selected(data, digest, _ds, version, filters), **dict(arguments))


def candidate_answer(compute: Callable[..., Answer], filters: Filters, **arguments: object) -> Answer:
    """`compute(candidates, **arguments)` over the candidates these filters keep, once per state of the layer and
    of the data, view and arguments, shared by every session.

    A million events make about 300 000 candidates; ten million, ten times as many, and each
    page's counts of them (per month, per place, the quality figures) would be worked out on
    every rerun.
    """
    data, digest = _state()
    if digest is None:
        return compute(_nothing().candidates, **arguments)
    ds = dataset()
    key = tuple(sorted(arguments.items()))
    return _answer(data, digest, ds, ds.version.digest, filters, question_of(compute), key, compute)  # type: ignore[return-value]


def articles_of(candidates: pd.DataFrame) -> pd.DataFrame:
    """The distinct articles behind these candidates (a bounded set of rows, such as one page of a table)."""
    data, digest = _state()
    return (_nothing() if digest is None else _built(data, digest)).articles_of(candidates)
