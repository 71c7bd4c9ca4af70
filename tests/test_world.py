"""The shipped world geometry: centroids and shapes read from static/geo/, the same files the browser loads."""

from __future__ import annotations

import json
from pathlib import Path

from liaison.figures.world import COUNTRY_SHAPES_URL, GEO_DIR, GEO_URL, country_centroids, country_shapes


def write_topojson(folder: Path, geometries: list[dict]) -> Path:
    path = folder / "world.json"
    path.write_text(json.dumps({"type": "Topology", "objects": {"countries": {"geometries": geometries}}}))
    return path


def write_geojson(folder: Path, features: list[dict]) -> Path:
    path = folder / "world.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def test_the_shapes_the_browser_is_sent_are_files_shipped_in_static_geo() -> None:
    """The map's URL and the exports' path name the same file, served by Streamlit's static route."""
    assert COUNTRY_SHAPES_URL.startswith(GEO_URL) and GEO_URL.startswith("/app/static/")
    assert (GEO_DIR / COUNTRY_SHAPES_URL.removeprefix(GEO_URL)).is_file()
    assert GEO_DIR.parts[-2:] == ("static", "geo")


def test_a_centroid_is_read_from_each_countrys_ct_property(tmp_path: Path) -> None:
    path = write_topojson(
        tmp_path,
        [
            {"id": "QAT", "properties": {"ct": [51.19, 25.32]}},
            {"id": "MAR", "properties": {"ct": [-6.27, 31.85]}},
        ],
    )
    centroids = country_centroids(path)
    assert list(centroids.columns) == ["iso3", "longitude", "latitude"]
    assert centroids.set_index("iso3").loc["QAT"].tolist() == [51.19, 25.32]


def test_geometries_without_a_code_or_a_centroid_are_left_out(tmp_path: Path) -> None:
    """Disputed areas carry no ISO3 and some parts no centroid: neither can anchor a delegation's arc."""
    path = write_topojson(
        tmp_path,
        [
            {"id": "QAT", "properties": {"ct": [51.19, 25.32]}},
            {"properties": {"ct": [10.0, 10.0]}},
            {"id": "", "properties": {"ct": [11.0, 11.0]}},
            {"id": "ZZZ", "properties": {}},
            {"id": "YYY"},
        ],
    )
    assert country_centroids(path)["iso3"].tolist() == ["QAT"]


def test_a_country_drawn_in_several_parts_keeps_the_centroid_of_its_first(tmp_path: Path) -> None:
    """Spain is listed as its mainland then the Canaries: arcs leave from Madrid's side, not the Atlantic."""
    path = write_topojson(
        tmp_path,
        [{"id": "ESP", "properties": {"ct": [-3.55, 40.39]}}, {"id": "ESP", "properties": {"ct": [-16.53, 28.28]}}],
    )
    assert country_centroids(path).values.tolist() == [["ESP", -3.55, 40.39]]


def test_the_shipped_centroids_give_one_mainland_point_per_state() -> None:
    centroids = country_centroids()
    assert centroids["iso3"].is_unique and len(centroids) > 190
    spain = centroids.set_index("iso3").loc["ESP"]
    assert -10 < spain["longitude"] < 4 and 36 < spain["latitude"] < 44
    assert centroids["longitude"].between(-180, 180).all() and centroids["latitude"].between(-90, 90).all()


def test_shapes_are_keyed_by_iso3_with_coordinates_rounded_to_a_tenth_of_a_degree(tmp_path: Path) -> None:
    square = [[[51.04, 24.56], [51.61, 24.56], [51.61, 26.15], [51.04, 24.56]]]
    path = write_geojson(
        tmp_path,
        [{"properties": {"iso3": "QAT"}, "geometry": {"type": "Polygon", "coordinates": square}}],
    )
    shapes = country_shapes(path)
    assert list(shapes) == ["QAT"]
    assert shapes["QAT"] == {
        "type": "Polygon",
        "coordinates": [[[51.0, 24.6], [51.6, 24.6], [51.6, 26.1], [51.0, 24.6]]],
    }


def test_rounding_keeps_the_nesting_of_multipolygons(tmp_path: Path) -> None:
    parts = [[[[1.26, 2.0], [3.0, 4.04]]], [[[5.54, 6.0], [7.0, 8.0]]]]
    path = write_geojson(
        tmp_path,
        [{"properties": {"iso3": "IDN"}, "geometry": {"type": "MultiPolygon", "coordinates": parts}}],
    )
    assert country_shapes(path)["IDN"]["coordinates"] == [[[[1.3, 2.0], [3.0, 4.0]]], [[[5.5, 6.0], [7.0, 8.0]]]]


def test_the_shipped_shapes_carry_no_more_than_one_decimal() -> None:
    def leaves(value):
        if isinstance(value, list):
            for item in value:
                yield from leaves(item)
        else:
            yield value

    shapes = country_shapes()
    assert shapes["RUS"]["type"] in {"Polygon", "MultiPolygon"}
    assert all(round(number, 1) == number for number in leaves(shapes["RUS"]["coordinates"]))
