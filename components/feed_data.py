"""The GDELT candidates of the data folder, built once per state of its events layer and selected per view.

The layer's stamp (each part file's name, size and modification time) is the cache key: an
import by `python -m liaison gdelt` reaches every session on its next rerun, and a rerun that
changes nothing pays nothing. Clustering runs once per stamp (`st.cache_resource`, shared
read-only by every session, bounded); each view's candidates are selected from the built ones
(`select_candidates`) and kept per `Filters` value. Callers read what is returned and never
modify it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from components.data import dataset, store
from liaison.dataset.store import Dataset
from liaison.feed.candidates import (
    INPUT_COLUMNS,
    build_candidates,
    candidate_articles,
    cluster_events,
    select_candidates,
)
from liaison.feed.events import layer_dir, part_files, read_events
from liaison.view.filters import Filters

VIEWS_KEPT = 32
ARTICLES_KEPT = 64


@dataclass(frozen=True)
class Built:
    """The layer's events clustered into candidates (the clustered rows kept only for their articles)."""

    clustered: pd.DataFrame
    candidates: pd.DataFrame


def layer_folder() -> Path:
    """Where this store's events layer would be (`<data>/feed/gdelt/events`)."""
    return layer_dir(store().local_folder)


def _stamp(folder: Path) -> tuple:
    stamps = []
    for path in part_files(folder):
        try:
            status = path.stat()
        except OSError:
            continue
        stamps.append((path.name, status.st_size, status.st_mtime_ns))
    return tuple(stamps)


@st.cache_resource(max_entries=2, show_spinner=False)
def _built(data: str, stamp: tuple) -> Built:
    clustered = cluster_events(read_events(Path(data), INPUT_COLUMNS))
    return Built(clustered=clustered, candidates=build_candidates(clustered))


@st.cache_resource(max_entries=VIEWS_KEPT, show_spinner=False)
def _selected(data: str, stamp: tuple, _ds: Dataset, version: str, filters: Filters) -> pd.DataFrame:
    """`_ds` (not hashed) gives the regions and blocs, `version` is its digest: the key of this selection."""
    return select_candidates(_built(data, stamp).candidates, filters, _ds.regions, _ds.memberships)


@st.cache_resource(max_entries=ARTICLES_KEPT, show_spinner=False)
def _articles(data: str, stamp: tuple, ids: tuple[str, ...]) -> pd.DataFrame:
    built = _built(data, stamp)
    chosen = built.candidates[built.candidates["candidate_id"].isin(ids)]
    return candidate_articles(built.clustered, chosen)


def _state() -> tuple[str, tuple]:
    data = store().local_folder
    return str(data), _stamp(layer_dir(data))


def has_events() -> bool:
    """Whether the data folder has an events layer with at least one part."""
    return bool(_state()[1])


def view_candidates(filters: Filters) -> pd.DataFrame:
    """The candidates these filters keep, newest first (empty without a layer); shared by every session."""
    data, stamp = _state()
    if not stamp:
        return _built(data, stamp).candidates.iloc[:0]
    ds = dataset()
    return _selected(data, stamp, ds, ds.version.digest, filters)


def articles_of(candidate_ids: list[str]) -> pd.DataFrame:
    """The distinct articles behind these candidates (a bounded list, such as one page of a table)."""
    data, stamp = _state()
    return _articles(data, stamp, tuple(candidate_ids))
