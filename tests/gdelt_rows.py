"""Hand-made GDELT rows for the feed tests: export lines of 61 fields, and events in the layer's columns.

Every field not named takes a plain default (two states meeting in a city), so each test names
only the fields its rule is about.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from liaison.feed.events import SCHEMA
from liaison.feed.gdelt import NAMES

SAMPLE_NAME = "20191024143000.export.sample.tsv"

DEFAULTS = {
    "GLOBALEVENTID": "1",
    "SQLDATE": "20191024",
    "MonthYear": "201910",
    "Year": "2019",
    "FractionDate": "2019.8055",
    "Actor1Code": "RUSGOV",
    "Actor1Name": "RUSSIA",
    "Actor1CountryCode": "RUS",
    "Actor1Type1Code": "GOV",
    "Actor2Code": "TURGOV",
    "Actor2Name": "TURKEY",
    "Actor2CountryCode": "TUR",
    "Actor2Type1Code": "GOV",
    "IsRootEvent": "1",
    "EventCode": "043",
    "EventBaseCode": "043",
    "EventRootCode": "04",
    "QuadClass": "1",
    "GoldsteinScale": "2.8",
    "NumMentions": "4",
    "NumSources": "1",
    "NumArticles": "4",
    "AvgTone": "1.5",
    "Actor1Geo_Type": "0",
    "Actor2Geo_Type": "0",
    "ActionGeo_Type": "4",
    "ActionGeo_FullName": "Sochi, Krasnodar, Russia",
    "ActionGeo_CountryCode": "RS",
    "ActionGeo_ADM1Code": "RS38",
    "ActionGeo_ADM2Code": "",
    "ActionGeo_Lat": "43.6",
    "ActionGeo_Long": "39.7303",
    "ActionGeo_FeatureID": "-2980000",
    "DATEADDED": "20191024143000",
    "SOURCEURL": "https://www.example.com/news/1",
}


def export_line(**fields: str) -> str:
    """One line of a raw export: the defaults, with the named fields changed (by codebook name)."""
    unknown = set(fields) - set(NAMES)
    assert not unknown, f"not export columns: {unknown}"
    values = {**DEFAULTS, **fields}
    return "\t".join(values.get(name, "") for name in NAMES)


def event_code(code: str) -> dict[str, str]:
    """The three code fields of an event code, as GDELT fills them."""
    return {"EventCode": code, "EventBaseCode": code[:3], "EventRootCode": code[:2]}


def write_export(path: Path, lines: list[str]) -> Path:
    """Write lines as an export file (newline-terminated, as published); a `.zip` name gets one member inside."""
    text = "".join(line + "\n" for line in lines).encode("utf-8")
    if path.name.lower().endswith(".zip"):
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(path.name[: -len(".zip")], text)
    else:
        path.write_bytes(text)
    return path


LAYER_DEFAULTS: dict[str, object] = {
    "global_event_id": 1,
    "day": "2025-05-06",
    "date_added": "2025-05-06 12:00:00",
    "is_root_event": True,
    "event_code": "043",
    "quad_class": 1,
    "goldstein": 2.8,
    "num_mentions": 4,
    "num_sources": 1,
    "num_articles": 4,
    "avg_tone": 1.5,
    "actor1_iso3": "RUS",
    "actor2_iso3": "TUR",
    "action_geo_type": 4,
    "action_geo_name": "Sochi, Krasnodar, Russia",
    "action_geo_country": "RS",
    "action_geo_iso3": "RUS",
    "action_geo_feature_id": "-2980000",
    "action_geo_lat": 43.6,
    "action_geo_long": 39.73,
    "source_url": "https://example.com/a",
    "source_host": "example.com",
    "export": "test",
}


def layer_events(*rows: dict[str, object]) -> pd.DataFrame:
    """An events table in the layer's columns and types, one row per dict (defaults for the rest).

    Event ids are numbered 1, 2, … unless given; base and root codes follow the event code.
    """
    filled = []
    for number, row in enumerate(rows, start=1):
        values = {**LAYER_DEFAULTS, "global_event_id": number, **row}
        code = str(values["event_code"])
        values.setdefault("event_base_code", code[:3])
        values.setdefault("event_root_code", code[:2])
        if "actor1_iso3" in row:
            values.setdefault("actor1_country", row["actor1_iso3"])
        filled.append(values)
    frame = pd.DataFrame(filled, columns=SCHEMA.names)
    frame = frame.assign(
        day=pd.to_datetime(frame["day"]).astype("datetime64[ms]"),
        date_added=pd.to_datetime(frame["date_added"]).astype("datetime64[s]"),
    )
    for column in SCHEMA:
        if pa.types.is_string(column.type):
            frame[column.name] = frame[column.name].astype("str")
    for name, kind in (("num_mentions", "Int32"), ("action_geo_type", "Int8"), ("global_event_id", "Int64")):
        frame[name] = frame[name].astype(kind)
    frame["goldstein"] = frame["goldstein"].astype(np.float64)
    return frame


def sample_file(shared: Path) -> Path:
    """The real export sample in shared/gdelt/, or a clean skip where it is absent."""
    path = shared / "gdelt" / SAMPLE_NAME
    if not path.is_file():
        pytest.skip(f"{path} is not present on this machine")
    return path
