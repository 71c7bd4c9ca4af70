"""Journeys through the export buttons: every download a user can click, checked as the file they get.

Each journey starts from a shared link (Qatar, May 2025), clicks the buttons with the mouse,
saves what the browser downloads, reads it back (image size and caption, PDF pages, slides,
rows) and checks that the click left the view, and so the URL, as it was.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ElementTree
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from journeys import PATIENCE, cli_meetings, headline, params, settled
from PIL import Image
from pptx import Presentation
from pypdf import PdfReader

from liaison.dataset.store import DEFAULT_DATA_DIR, load_dataset
from liaison.figures.catalogue import build_figure
from liaison.publish.briefing import BRIEFING_FIGURES, ROWS_PER_SLIDE, SOURCES_PER_SLIDE
from liaison.publish.export import CAPTION_BOTTOM, CAPTION_COLOUR, CAPTION_LINE, caption_for, captioned, view_sources
from liaison.view.filters import Filters
from liaison.view.query import select

pytestmark = pytest.mark.browser

LINK = "country=QAT&from=2025-05&to=2025-05"
VIEW = {"country": ["QAT"], "from": ["2025-05"], "to": ["2025-05"]}
FILTERS = Filters(countries=("QAT",), month_from="2025-05", month_to="2025-05")
# Each page's figures: the key of its panel on the page, and its name for `python -m liaison export`.
PAGES = {
    "timeline": ("Meetings per month, by format", {"timeline_monthly": "timeline", "timeline_spans": "lanes"}),
    "map": ("Venues and delegations", {"map_states": "map", "map_venues": "venues"}),
    "topics": (
        "Who discusses what",
        {"topics_bars": "topics", "topics_months": "topic-months", "topics_states": "topic-states"},
    ),
}
TOOLBAR_CAMERA = '.modebar-btn[data-title="Download plot as a png"]'


@pytest.fixture(scope="module")
def bundled():
    return load_dataset(DEFAULT_DATA_DIR)


@pytest.fixture(scope="module")
def ids(bundled):
    return select(bundled, FILTERS)


def download(page, key: str, folder: Path) -> Path:
    """Click the download button with this key, as a person does, and save the file the browser gets."""
    button = page.locator(f".st-key-{key} button").first
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=PATIENCE) as started:
        button.click()
    saved = folder / started.value.suggested_filename
    started.value.save_as(saved)
    return saved


def caption_pixels(png: Image.Image, lines: int) -> int:
    """How many pixels of the caption's grey text the strip of its lines holds (at scale 2)."""
    band = (CAPTION_LINE * lines + CAPTION_BOTTOM) * 2
    strip = png.convert("RGB").crop((0, png.height - band, png.width // 2, png.height))
    target = tuple(int(CAPTION_COLOUR[index : index + 2], 16) for index in (1, 3, 5))
    return sum(
        1
        for rgb in strip.get_flattened_data()
        if all(abs(channel - goal) < 40 for channel, goal in zip(rgb, target, strict=True))
    )


def check_figure_files(files: dict[str, Path], name: str, bundled, ids) -> None:
    """PNG at print width with its caption drawn under the plot, SVG and PDF valid and captioned."""
    figure = build_figure(name, bundled, ids)
    drawn = captioned(figure, caption_for(bundled, FILTERS, ids, date.today()))
    lines = drawn.layout.annotations[-1].text.count("<br>") + 1
    with Image.open(files["png"]) as png:
        assert png.width >= 3200, name
        assert png.height == int(drawn.layout.height) * 2 > int(figure.layout.height) * 2, name
        assert caption_pixels(png, lines) > 1000, f"{name}: no caption under the plot"
    svg = files["svg"].read_bytes()
    root = ElementTree.fromstring(svg)
    assert root.tag.endswith("svg") and b"Liaison dataset" in svg and b"Qatar" in svg, name
    reader = PdfReader(files["pdf"])
    assert len(reader.pages) == 1 and "Liaison dataset" in reader.pages[0].extract_text(), name


def assert_no_toolbar_camera(page) -> None:
    """The toolbar's camera saved a small uncaptioned image: it is gone, the rest of the toolbar is not."""
    page.locator(".js-plotly-plot .modebar-btn").first.wait_for(state="attached", timeout=PATIENCE)
    assert page.locator(TOOLBAR_CAMERA).count() == 0
    assert page.locator(".js-plotly-plot .modebar-btn").count() > 0


@pytest.mark.parametrize("page_name", ["timeline", "topics"])
def test_every_figure_downloads_captioned_in_every_format_and_keeps_the_view(
    page, server, tmp_path, bundled, ids, page_name
) -> None:
    heading, figures = PAGES[page_name]
    page.goto(f"{server}/{page_name}?{LINK}")
    settled(page, heading)
    assert_no_toolbar_camera(page)
    for key, name in figures.items():
        files = {fmt: download(page, f"{key}_download_{fmt}", tmp_path) for fmt in ("png", "svg", "pdf")}
        assert [path.name for path in files.values()] == [f"liaison-{key}.{fmt}" for fmt in ("png", "svg", "pdf")]
        check_figure_files(files, name, bundled, ids)
    assert params(page) == VIEW
    assert page.requests_off_host == []


def test_both_maps_download_as_images_framed_on_the_view(page, server, tmp_path, bundled, ids) -> None:
    """The choropleth and the venue map's rendition: captioned files, zoomed on the view on the page too."""
    page.goto(f"{server}/map?{LINK}")
    settled(page, "Venues and delegations")
    assert_no_toolbar_camera(page)
    longitudes = page.evaluate("() => document.querySelector('.js-plotly-plot').layout.geo.lonaxis.range")
    assert longitudes[1] - longitudes[0] < 150 and longitudes[0] < 51.2 < longitudes[1]  # Qatar, not the world
    for key, name in PAGES["map"][1].items():
        files = {fmt: download(page, f"{key}_download_{fmt}", tmp_path) for fmt in ("png", "svg", "pdf")}
        check_figure_files(files, name, bundled, ids)
    venues = ElementTree.fromstring((tmp_path / "liaison-map_venues.svg").read_bytes())
    assert sum("scattergeo" in (element.get("class") or "") for element in venues.iter()) >= 3
    assert params(page) == VIEW
    assert page.requests_off_host == []


def test_the_rows_download_as_csv_and_xlsx_with_exactly_the_meetings_shown(page, server, tmp_path) -> None:
    listed = len(cli_meetings(country="QAT", **{"from": "2025-05", "to": "2025-05"}))
    page.goto(f"{server}/?{LINK}")
    settled(page, "Latest meetings")
    assert headline(page) == listed
    for page_key, path in (("overview_rows", None), ("meetings_rows", "meetings")):
        if path:
            page.goto(f"{server}/{path}?{LINK}")
            settled(page, "Download the rows behind this view")
        rows = list(csv.DictReader(io.StringIO(download(page, f"{page_key}_csv", tmp_path).read_text("utf-8-sig"))))
        assert len(rows) == listed and all(
            "QAT" in row["states"].split() or row["country_iso3"] == "QAT" for row in rows
        )
        workbook = openpyxl.load_workbook(download(page, f"{page_key}_xlsx", tmp_path))
        assert workbook["meetings"].max_row == listed + 1
        assert params(page) == VIEW
    assert page.requests_off_host == []


def test_the_briefing_pack_builds_on_click_and_both_files_say_the_view(page, server, tmp_path, bundled, ids) -> None:
    """A link's period survives the build; the deck and the PDF have the pages the view needs."""
    page.goto(f"{server}/?{LINK}")
    settled(page, "Latest meetings")
    page.locator(".st-key-briefing_build button").first.click()
    page.locator(".st-key-briefing_download_pptx button").first.wait_for(state="visible", timeout=PATIENCE * 3)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=PATIENCE)
    assert params(page) == VIEW
    drawn = sum(1 for name in BRIEFING_FIGURES if build_figure(name, bundled, ids).data)
    sources = len(view_sources(bundled, ids))
    slides = 2 + -(-len(ids) // ROWS_PER_SLIDE) + drawn + max(1, -(-sources // SOURCES_PER_SLIDE))
    deck = Presentation(download(page, "briefing_download_pptx", tmp_path))
    assert len(deck.slides) == slides
    assert deck.slides[0].shapes.title.text == "Qatar — May 2025"
    assert len(PdfReader(download(page, "briefing_download_pdf", tmp_path)).pages) == slides
    assert params(page) == VIEW
    assert page.requests_off_host == []
