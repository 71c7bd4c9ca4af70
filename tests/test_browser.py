"""Real-browser journeys: the dashboard served by Streamlit, driven in Debian chromium by Playwright."""

from __future__ import annotations

import math
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from conftest import mini_tables, write_tables
from PIL import Image
from playwright.sync_api import expect, sync_playwright

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(data: Path | None) -> tuple[subprocess.Popen, str]:
    """The dashboard on a free local port, on `data` (else the bundled data); waits until it is healthy."""
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key != "LIAISON_DATA"}
    if data is not None:
        env["LIAISON_DATA"] = str(data)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(REPO / "dashboard.py"),
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                if response.status == 200:
                    return process, url
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("streamlit did not start") from None
            time.sleep(0.2)


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The dashboard on the bundled data; stopped by its PID afterwards."""
    process, url = start_server(None)
    yield url
    stop_server(process)


HOSTILE = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory) -> Iterator[str]:
    """The dashboard on a small dataset whose Moscow meeting title carries markup."""
    tables = mini_tables()
    next(row for row in tables["meetings"] if row["meeting_id"] == "moscow-13")["title"] = HOSTILE
    process, url = start_server(write_tables(tmp_path_factory.mktemp("hostile") / "data", tables))
    yield url
    stop_server(process)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Debian chromium is missing: `make test` installs it (apt-get install chromium)")
    with sync_playwright() as driver:
        browser = driver.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 2400})
    page = context.new_page()
    page.requests_off_host = []
    hosts = ("", "127.0.0.1")

    def watch(request) -> None:
        if urlparse(request.url).hostname not in hosts and not request.url.startswith(("data:", "blob:")):
            page.requests_off_host.append(request.url)

    page.on("request", watch)
    yield page
    context.close()


def settled(page, text: str) -> None:
    """Wait until the rerun is over and `text` is visible."""
    page.wait_for_selector(IDLE, timeout=30_000)
    page.get_by_text(text, exact=False).first.wait_for(state="visible", timeout=30_000)
    page.wait_for_selector(IDLE, timeout=30_000)


def params(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def test_filter_to_qatar_switch_page_and_language(page, server) -> None:
    """An analyst's first minute: filter to Qatar, read the Vienna meeting, change page, read it in French."""
    page.goto(server)
    settled(page, "Latest meetings")

    country = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first
    country.click()
    page.keyboard.type("Qatar")
    page.get_by_role("option", name="Qatar").click()
    page.keyboard.press("Escape")
    page.wait_for_url("**country=QAT**", timeout=30_000)
    latest = page.get_by_test_id("stDataFrame").first
    expect(latest).not_to_contain_text("Moscow", timeout=30_000)
    expect(latest).to_contain_text("22nd Regional Meeting of Heads of Intelligence")
    expect(latest).to_contain_text("Morocco–Qatar bilateral security talks")
    assert params(page)["country"] == ["QAT"]

    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Timeline").click()
    settled(page, "Meetings per month, by format")
    assert "/timeline" in page.url and params(page)["country"] == ["QAT"]
    assert page.get_by_test_id("stSidebar").get_by_text("Qatar").first.is_visible()

    page.get_by_test_id("stSidebar").get_by_text("Français").click()
    settled(page, "Réunions par mois, selon le format")
    assert params(page) == {"country": ["QAT"], "lang": ["fr"]}
    assert page.get_by_role("heading", name="Chronologie").is_visible()

    page.go_back()
    settled(page, "Meetings per month, by format")
    assert params(page) == {"country": ["QAT"]}
    assert page.requests_off_host == []


def test_a_copied_link_opens_the_same_view(page, server) -> None:
    page.goto(f"{server}/overview?country=QAT&from=2025-05&to=2025-05&lang=fr")
    settled(page, "Vue d'ensemble")
    metric = page.get_by_test_id("stMetric").filter(has_text="Réunions").first
    assert metric.get_by_test_id("stMetricValue").inner_text() == "2"
    assert page.get_by_text("mai 2025 à mai 2025", exact=False).first.is_visible()
    assert page.requests_off_host == []


def choropleth_shape(page, iso3: str):
    """The drawn shape of one state in the plotly choropleth."""
    index = page.evaluate(
        """code => Array.from(document.querySelectorAll('path.choroplethlocation'))
                 .findIndex(path => path.__data__ && path.__data__.loc === code)""",
        iso3,
    )
    assert index >= 0, f"{iso3} is not drawn"
    return page.locator("path.choroplethlocation").nth(index)


def deck_pixel(page, longitude: float, latitude: float) -> tuple[float, float]:
    """Where a place is on the venue map's canvas (Web Mercator at the map's initial view)."""
    box = page.get_by_test_id("stDeckGlJsonChart").locator("canvas").first.bounding_box()
    scale = 512 * 2**1.2 / (2 * math.pi)

    def mercator(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    x = box["x"] + box["width"] / 2 + scale * math.radians(longitude - 25)
    y = box["y"] + box["height"] / 2 - scale * (mercator(latitude) - mercator(28))
    return x, y


def test_the_map_draws_the_world_offline_and_a_click_on_a_state_filters_everything(page, server) -> None:
    page.goto(f"{server}/map")
    settled(page, "States by number of meetings")
    drawn = page.evaluate(
        """() => Array.from(document.querySelectorAll('path.choroplethlocation'))
                 .filter(path => (path.getAttribute('d') || '').length > 10).length"""
    )
    assert drawn >= 190, f"only {drawn} country shapes drawn"
    page.get_by_test_id("stDeckGlJsonChart").locator("canvas").first.wait_for(state="visible")

    shape = choropleth_shape(page, "SAU").bounding_box()
    page.mouse.move(shape["x"] + shape["width"] / 2, shape["y"] + shape["height"] / 2)
    page.mouse.click(shape["x"] + shape["width"] / 2, shape["y"] + shape["height"] / 2)
    page.wait_for_url("**country=SAU**", timeout=30_000)
    settled(page, "countries: Saudi Arabia")

    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Overview").click()
    settled(page, "Latest meetings")
    assert params(page)["country"] == ["SAU"]
    assert page.requests_off_host == []


def hover_until_tooltip(page, longitude: float, latitude: float, text: str) -> tuple[float, float]:
    """Hover a place until deck.gl answers with its tooltip; return where on the page the place was.

    The map draws after the script run, and the page above it may still grow (the choropleth
    loads its boundaries), moving the canvas: the place's pixel is worked out again each time.
    """
    tooltip = page.locator(".deck-tooltip, #deck-tooltip").first
    deadline = time.monotonic() + 45
    offset = 0
    while time.monotonic() < deadline:
        x, y = deck_pixel(page, longitude, latitude)
        page.mouse.move(x + offset, y)
        page.wait_for_timeout(400)
        if tooltip.count() and text in (tooltip.text_content() or ""):
            return x + offset, y
        offset = 1 - offset
    raise AssertionError(f"no tooltip with {text!r} at ({longitude}, {latitude})")


def test_a_click_on_a_state_of_the_venue_map_filters_to_it(page, server) -> None:
    page.goto(f"{server}/map")
    settled(page, "Venues and delegations")
    hover_until_tooltip(page, 130, 62, "Russia")  # eastern Siberia: Russia, away from every arc
    page.wait_for_selector(IDLE, timeout=30_000)
    page.wait_for_timeout(2000)  # deck.gl renders in software here: let the page settle before the click
    page.mouse.click(*hover_until_tooltip(page, 130, 62, "Russia"))
    page.wait_for_url("**country=RUS**", timeout=45_000)
    assert params(page).get("country") == ["RUS"]
    assert page.requests_off_host == []


def test_markup_in_the_data_shows_as_text_on_both_maps(page, hostile_server) -> None:
    page.goto(f"{hostile_server}/map")
    settled(page, "Venues and delegations")
    page.wait_for_timeout(1500)

    shape = choropleth_shape(page, "RUS").bounding_box()
    page.mouse.move(shape["x"] + shape["width"] * 0.6, shape["y"] + shape["height"] * 0.6)
    expect(page.locator(".hoverlayer")).to_contain_text("<img src=x onerror=", timeout=10_000)

    hover_until_tooltip(page, 37.6156, 55.7522, "<script>window.__xss=2</script>")  # the Moscow venue
    assert page.evaluate("() => window.__xss") is None


def test_a_figure_downloads_as_png_without_resetting_the_view(page, server, tmp_path) -> None:
    page.goto(f"{server}/timeline?country=QAT")
    settled(page, "Meetings per month, by format")
    with page.expect_download(timeout=60_000) as download:
        page.get_by_test_id("stDownloadButton").filter(has_text="PNG").first.click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "liaison-timeline_monthly.png"
    with Image.open(saved) as png:
        assert png.format == "PNG" and png.width >= 1600
    assert params(page) == {"country": ["QAT"]}
    assert page.get_by_text("Meetings per month, by format").first.is_visible()
    assert page.requests_off_host == []
