"""The venue map sends the busiest venues only, and says how many it left to the table."""

from __future__ import annotations

import json

from conftest import displayed

import liaison.figures.catalogue


def test_past_the_cap_the_venue_map_draws_the_busiest_venues_and_says_so(app, monkeypatch) -> None:
    monkeypatch.setattr(liaison.figures.catalogue, "VENUES_DRAWN", 2)
    at = app("app_pages/map.py")
    assert not at.exception
    deck = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    venues = {layer["id"]: layer for layer in deck["layers"]}["venues"]["data"]
    assert len(venues) == 2
    assert venues[0]["meetings"] >= venues[1]["meetings"]
    assert "The 2 busiest of 3 venues are drawn; the table of venues lists them all." in displayed(at)
    at.toggle(key="map_venues_as_table").set_value(True).run()
    assert max(len(frame.value) for frame in at.dataframe) >= 3


def test_under_the_cap_nothing_is_left_out_nor_said(app) -> None:
    at = app("app_pages/map.py")
    assert "busiest" not in displayed(at)
