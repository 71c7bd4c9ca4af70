"""The dataset, loaded once per state of the data folder and shared read-only by every session.

The cache key includes each table's size and modification time, so a change saved by one
analyst (or by `python -m liaison ingest`) reaches every session on its next rerun.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import streamlit as st

from liaison.dataset.schema import TABLES
from liaison.dataset.store import Dataset, DatasetError, load_dataset, resolve_data_dir
from liaison.figures.world import country_centroids, country_shapes
from liaison.intake.geocode import GeocodingChain
from liaison.view.query import meeting_table
from liaison.words.i18n import t


@st.cache_resource(max_entries=2, show_spinner=False)
def _load(folder: str, stamp: tuple) -> Dataset:
    return load_dataset(Path(folder))


@st.cache_resource(max_entries=2, show_spinner=False)
def _table(folder: str, stamp: tuple) -> pd.DataFrame:
    return meeting_table(_load(folder, stamp))


def _stamp(folder: str) -> tuple:
    """Size and modification time of every table: changes whenever a save replaces one."""
    stamps = []
    for table in TABLES.values():
        path = Path(folder) / table.file
        stat = path.stat() if path.exists() else None
        stamps.append((table.file, stat.st_size, stat.st_mtime_ns) if stat else (table.file, None, None))
    return tuple(stamps)


def data_folder() -> str:
    """The data folder this process serves (LIAISON_DATA, else the bundled data/)."""
    return str(resolve_data_dir())


def dataset(lang: str = "en") -> Dataset:
    """The dataset; if it is invalid, the page shows every problem and stops."""
    folder = data_folder()
    try:
        return _load(folder, _stamp(folder))
    except DatasetError as error:
        st.error(t("data.invalid", lang, folder=data_folder()))
        st.code("\n".join(str(problem) for problem in error.problems[:50]), language=None)
        st.stop()
    except (ValueError, OSError) as error:
        st.error(t("data.unreadable", lang, folder=data_folder(), reason=error))
        st.stop()


def meetings(lang: str = "en") -> pd.DataFrame:
    """The enriched meeting table of the dataset (see liaison.view.query.meeting_table)."""
    dataset(lang)
    folder = data_folder()
    return _table(folder, _stamp(folder))


@st.cache_resource(max_entries=1, show_spinner=False)
def centroids() -> pd.DataFrame:
    """Country centroids from the shipped boundary file, read once per process."""
    return country_centroids()


@st.cache_resource(max_entries=1, show_spinner=False)
def shapes() -> dict[str, dict]:
    """Country geometries from the shipped GeoJSON, read once per process (never mutated)."""
    return country_shapes()


@st.cache_resource(max_entries=2, show_spinner=False)
def _geocoder(folder: str) -> GeocodingChain:
    return GeocodingChain.for_folder(Path(folder), os.environ)


def geocoder() -> GeocodingChain:
    """The geocoding chain of this data folder: its cache, the offline gazetteer, Nominatim if enabled."""
    return _geocoder(data_folder())
