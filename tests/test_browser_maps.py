"""Journeys on the Map page: the world drawn offline, a click on a state filters everything, markup stays text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import mini_tables, write_tables
from journeys import (
    IDLE,
    PATIENCE,
    choropleth_shape,
    click_in_one_go,
    hover_until_tooltip,
    page_menu,
    params,
    settled,
    start_server,
    stop_server,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

HOSTILE = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory) -> Iterator[str]:
    """The dashboard on a small dataset whose Moscow meeting title carries markup."""
    tables = mini_tables()
    next(row for row in tables["meetings"] if row["meeting_id"] == "moscow-13")["title"] = HOSTILE
    process, url = start_server(write_tables(tmp_path_factory.mktemp("hostile") / "data", tables))
    yield url
    stop_server(process)


def maps_at_rest(page) -> None:
    """Wait until both maps are drawn and the venue map no longer moves.

    The choropleth above it loads its boundaries after the script run and grows, pushing the
    venue map down: a click aimed before that lands elsewhere. Its shapes being drawn and the
    canvas keeping its place over two animation frames is the app's own "ready" state.
    """
    page.wait_for_selector(IDLE, timeout=PATIENCE)
    page.wait_for_function(
        """() => Array.from(document.querySelectorAll('path.choroplethlocation'))
                 .some(path => (path.getAttribute('d') || '').length > 10)""",
        timeout=PATIENCE,
    )
    page.wait_for_function(
        """() => new Promise(resolve => {
            const canvas = document.querySelector('[data-testid="stDeckGlJsonChart"] canvas');
            if (!canvas) return resolve(false);
            const before = canvas.getBoundingClientRect().top;
            requestAnimationFrame(() => requestAnimationFrame(() =>
                resolve(canvas.getBoundingClientRect().top === before && canvas.height > 0)));
        })""",
        timeout=PATIENCE,
    )


def test_the_map_draws_the_world_offline_and_a_click_on_a_state_filters_everything(page, server) -> None:
    page.goto(f"{server}/map")
    settled(page, "States by number of meetings")
    maps_at_rest(page)
    drawn = page.evaluate(
        """() => Array.from(document.querySelectorAll('path.choroplethlocation'))
                 .filter(path => (path.getAttribute('d') || '').length > 10).length"""
    )
    assert drawn >= 190, f"only {drawn} country shapes drawn"
    page.get_by_test_id("stDeckGlJsonChart").locator("canvas").first.wait_for(state="visible")

    shape = choropleth_shape(page, "SAU").bounding_box()
    page.mouse.move(shape["x"] + shape["width"] / 2, shape["y"] + shape["height"] / 2)
    page.mouse.click(shape["x"] + shape["width"] / 2, shape["y"] + shape["height"] / 2)
    page.wait_for_url("**country=SAU**", timeout=PATIENCE)
    settled(page, "countries: Saudi Arabia")

    page_menu(page).get_by_role("link", name="Overview").click()
    settled(page, "Latest meetings")
    assert params(page)["country"] == ["SAU"]
    assert page.requests_off_host == []


def test_a_click_on_a_state_of_the_venue_map_filters_to_it(page, server) -> None:
    page.goto(f"{server}/map")
    settled(page, "Venues and delegations")
    maps_at_rest(page)
    # Eastern Siberia: Russia, away from every arc; the tooltip proves deck.gl picks it right there.
    # The press and release go in one step (see `click_in_one_go`); deck.gl picks on the press,
    # which must stay well under its 250 ms click window without a GPU (see `maps.venue_deck`).
    assert click_in_one_go(page, *hover_until_tooltip(page, 130, 62, "Russia")) == "CANVAS"
    page.wait_for_url("**country=RUS**", timeout=PATIENCE)
    assert params(page).get("country") == ["RUS"]
    assert page.requests_off_host == []


def test_markup_in_the_data_shows_as_text_on_both_maps(page, hostile_server) -> None:
    page.goto(f"{hostile_server}/map")
    settled(page, "Venues and delegations")
    maps_at_rest(page)

    shape = choropleth_shape(page, "RUS").bounding_box()
    page.mouse.move(shape["x"] + shape["width"] * 0.6, shape["y"] + shape["height"] * 0.6)
    expect(page.locator(".hoverlayer")).to_contain_text("<img src=x onerror=", timeout=10_000)

    hover_until_tooltip(page, 37.6156, 55.7522, "<script>window.__xss=2</script>")  # the Moscow venue
    assert page.evaluate("() => window.__xss") is None
