"""The world geometry shipped in static/geo/: where it lives on disk and on the app's server.

Maps never ask a CDN for boundaries (ENVIRONMENT.md): the browser loads them from the
app's own static route, and exports read the same files from disk.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

GEO_DIR = Path(__file__).resolve().parents[2] / "static" / "geo"
GEO_URL = "/app/static/geo/"
COUNTRY_SHAPES_URL = GEO_URL + "world_110m.geojson"


def country_centroids(topojson: Path = GEO_DIR / "world_50m.json") -> pd.DataFrame:
    """Each country's centroid (iso3, longitude, latitude), from the centroids the boundary file carries."""
    world = json.loads(topojson.read_text(encoding="utf-8"))
    rows = [
        (geometry["id"], *geometry["properties"]["ct"])
        for geometry in world["objects"]["countries"]["geometries"]
        if geometry.get("id") and "ct" in geometry.get("properties", {})
    ]
    return pd.DataFrame(rows, columns=["iso3", "longitude", "latitude"]).drop_duplicates("iso3")


def country_shapes(geojson: Path = GEO_DIR / "world_110m.geojson") -> dict[str, dict]:
    """Each country's geometry, coordinates rounded to 0.1° (plenty at world scale, a third of the bytes)."""

    def coarse(value: object) -> object:
        return [coarse(item) for item in value] if isinstance(value, list) else round(float(value), 1)

    world = json.loads(geojson.read_text(encoding="utf-8"))
    return {
        feature["properties"]["iso3"]: {
            **feature["geometry"],
            "coordinates": coarse(feature["geometry"]["coordinates"]),
        }
        for feature in world["features"]
    }
