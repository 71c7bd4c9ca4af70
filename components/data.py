"""The dataset, loaded once per process and shared read-only by every session."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from liaison.i18n import t
from liaison.query import meeting_table
from liaison.store import Dataset, DatasetError, load_dataset, resolve_data_dir
from liaison.world import country_centroids, country_shapes


@st.cache_resource(max_entries=2, show_spinner=False)
def _load(folder: str) -> Dataset:
    return load_dataset(Path(folder))


@st.cache_resource(max_entries=2, show_spinner=False)
def _table(folder: str) -> pd.DataFrame:
    return meeting_table(_load(folder))


def data_folder() -> str:
    """The data folder this process serves (LIAISON_DATA, else the bundled data/)."""
    return str(resolve_data_dir())


def dataset(lang: str = "en") -> Dataset:
    """The dataset; if it is invalid, the page shows every problem and stops."""
    try:
        return _load(data_folder())
    except DatasetError as error:
        st.error(t("data.invalid", lang, folder=data_folder()))
        st.code("\n".join(str(problem) for problem in error.problems[:50]), language=None)
        st.stop()


def meetings(lang: str = "en") -> pd.DataFrame:
    """The enriched meeting table of the dataset (see liaison.query.meeting_table)."""
    dataset(lang)
    return _table(data_folder())


@st.cache_resource(max_entries=1, show_spinner=False)
def centroids() -> pd.DataFrame:
    """Country centroids from the shipped boundary file, read once per process."""
    return country_centroids()


@st.cache_resource(max_entries=1, show_spinner=False)
def shapes() -> dict[str, dict]:
    """Country geometries from the shipped GeoJSON, read once per process (never mutated)."""
    return country_shapes()
