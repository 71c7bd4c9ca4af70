"""A journey with the machine-coded feed: switch it on by mouse, read the candidates apart, promote one.

The data is the bundled dataset plus the real GDELT export sample imported as its events layer
(skipped cleanly where ../shared is absent). The candidates' figure must equal what
`python -m liaison candidates --json` lists for the same filters.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
from pathlib import Path

import pytest
from gdelt_rows import sample_file
from journeys import (
    IDLE,
    PATIENCE,
    REPO,
    cli_candidates,
    cli_meetings,
    headline,
    settled,
    start_server,
    stop_server,
    wait_for_params,
)
from playwright.sync_api import expect

from components.feed_promote import CITE_WIDTH
from liaison.dataset.store import load_dataset
from liaison.feed.events import import_exports

pytestmark = pytest.mark.browser

ROW_HEIGHT = 35
"""The data editor's row height in pixels (the header is one row)."""
SCREENSHOTS = os.environ.get("LIAISON_FEED_SCREENSHOTS")
"""A folder to leave screenshots of Overview and Map in (unset: none are taken)."""


@pytest.fixture
def feed_server(shared, tmp_path: Path):
    folder = tmp_path / "data"
    shutil.copytree(REPO / "data", folder)
    list(import_exports([sample_file(shared)], folder))
    process, address = start_server(folder)
    yield folder, address
    stop_server(process)


def _shoot(page, name: str) -> None:
    if SCREENSHOTS:
        page.set_viewport_size({"width": 1440, "height": 1000})
        page.screenshot(path=str(Path(SCREENSHOTS) / f"feed_{name}.png"))
        page.set_viewport_size({"width": 1440, "height": 2400})


def test_switch_on_read_the_candidates_apart_and_promote_one(page, feed_server) -> None:
    """The switch by mouse writes feed=gdelt; every figure stays apart; a candidate goes to review pre-filled."""
    folder, server = feed_server
    page.goto(server)
    settled(page, "Latest meetings")
    curated = headline(page)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Include machine-coded events", exact=True).click()
    wait_for_params(page, {"feed": ["gdelt"]})
    settled(page, "Machine-coded candidates")
    assert headline(page, "Machine-coded candidates") == len(cli_candidates(folder))
    assert headline(page) == curated == len(cli_meetings(folder))
    expect(page.locator(".st-key-feed_quality")).to_contain_text("GDELT report(s) →", timeout=PATIENCE)
    expect(page.locator(".st-key-feed_headline")).to_contain_text("machine-coded, unverified")
    _shoot(page, "overview")

    page.goto(f"{server}/map?feed=gdelt")
    settled(page, "drawn as purple diamonds")
    expect(page.locator(".scattergeo .point").first).to_be_attached(timeout=PATIENCE)
    _shoot(page, "map")
    candidates_line = f"{len(cli_candidates(folder))} machine-coded GDELT candidate(s) of this view, unverified"
    assert candidates_line in _downloaded_svg(page, "map_states")
    assert "machine-coded" not in _downloaded_svg(page, "map_venues")  # the venue map draws no candidate

    page.goto(f"{server}/timeline?feed=gdelt")
    settled(page, "drawn as their own dashed line")
    page.locator(".st-key-timeline_monthly_as_table").get_by_text("View as table").click()
    grid = page.get_by_test_id("stDataFrame")
    expect(grid).to_contain_text("Machine-coded candidates (unverified)", timeout=PATIENCE)
    expect(grid).to_contain_text("October 2019")  # the sample's month, older than every curated meeting
    assert candidates_line in _downloaded_svg(page, "timeline_monthly")

    page.goto(f"{server}/meetings?feed=gdelt&country=USA")
    settled(page, "Machine-coded candidates")
    assert "USA" in page.url
    listed = cli_candidates(folder, country="USA")
    expect(page.get_by_text(f"{len(listed)} machine-coded candidate(s) match the filters")).to_be_visible()
    reported = next(c for c in listed if len(c["articles"]) > 1)
    with page.expect_download(timeout=PATIENCE) as started:
        page.locator(".st-key-feed_download button").first.click()
    with Path(started.value.path()).open(encoding="utf-8-sig", newline="") as handle:
        kept = list(csv.DictReader(handle))
    assert [row["candidate_id"] for row in kept] == [c["id"] for c in listed]
    assert {row["status"] for row in kept} == {"machine-coded, unverified"}
    assert all(row["main_article"] in c["articles"] for row, c in zip(kept, listed, strict=True))
    page.get_by_test_id("stSelectbox").filter(has_text="Candidate in full").click()
    label = re.compile(
        "^"
        + re.escape(reported["start_date"])
        + r" · United Kingdom – United States · "
        + re.escape(reported["place"])
        + "$"
    )
    page.get_by_role("option").filter(has_text=label).click()
    card = page.locator(".st-key-feed_card")
    expect(card).to_contain_text("machine-coded, unverified", timeout=PATIENCE)
    links = card.locator('a[href^="http"]')
    expect(links).to_have_count(len(reported["articles"]))
    assert {links.nth(i).get_attribute("href") for i in range(links.count())} == set(reported["articles"])

    card.get_by_role("button", name="Promote to a curated meeting").click()
    page.wait_for_url(re.compile(r"/add_meetings(\?|$)"), timeout=PATIENCE)
    settled(page, "Promote a machine-coded candidate")
    review = page.locator(".st-key-promoted_review")
    main = review.get_by_label("Address", exact=True)
    expect(main).to_have_value(re.compile(r"^https?://"))
    expect(review.get_by_label("Outlet", exact=True)).not_to_have_value("")
    expect(review).to_contain_text("1 of 1 further article(s) ticked")
    _untick_the_first_further_article(page)
    expect(review).to_contain_text("0 of 1 further article(s) ticked", timeout=PATIENCE)
    _untick_the_first_further_article(page)
    expect(review).to_contain_text("1 of 1 further article(s) ticked", timeout=PATIENCE)
    page.wait_for_selector(IDLE, timeout=PATIENCE)
    page.mouse.click(*_further_outlet_cell(page))
    page.keyboard.press("Delete")
    expect(review).to_contain_text("Further article 1 (", timeout=PATIENCE)
    expect(review).to_contain_text("name its outlet, or untick it.")
    expect(review.get_by_role("button", name="Save")).to_be_disabled()
    page.mouse.dblclick(*_further_outlet_cell(page))  # again: the warning moved the grid
    editor = page.locator("textarea.gdg-input")  # the grid's cell editor, drawn over the canvas
    editor.fill("IBTimes")
    editor.press("Enter")
    expect(review).not_to_contain_text("name its outlet, or untick it.", timeout=PATIENCE)
    review.get_by_role("button", name="Save").click()
    settled(page, "Saved.")
    assert len(cli_meetings(folder)) == curated + 1
    ds = load_dataset(folder)
    promoted = ds.meetings[ds.meetings["summary"].str.contains(reported["id"], regex=False)]["meeting_id"]
    cited = ds.evidence.loc[ds.evidence["meeting_id"].isin(promoted), "source_id"]
    cited_sources = ds.sources.set_index("source_id").loc[list(cited)]
    assert set(cited_sources["url"]) == set(reported["articles"])
    assert "IBTimes" in set(cited_sources["outlet"])


def _downloaded_svg(page, figure: str) -> str:
    """The SVG export of one figure, by its download button."""
    with page.expect_download(timeout=PATIENCE) as started:
        page.locator(f".st-key-{figure}_download_svg button").first.click()
    return Path(started.value.path()).read_text(encoding="utf-8")


def _further_outlet_cell(page) -> tuple[float, float]:
    """Where the first further article's Outlet cell (the column after "Cite") is drawn now."""
    box = page.locator(".st-key-promoted_further").get_by_test_id("stDataFrame").bounding_box()
    return box["x"] + CITE_WIDTH + 30, box["y"] + ROW_HEIGHT * 1.5


def _untick_the_first_further_article(page) -> None:
    """Click the first row's "Cite" box, with the mouse: the grid is drawn on a canvas."""
    grid = page.locator(".st-key-promoted_further").get_by_test_id("stDataFrame")
    box = grid.bounding_box()
    page.mouse.click(box["x"] + CITE_WIDTH / 2, box["y"] + ROW_HEIGHT * 1.5)
