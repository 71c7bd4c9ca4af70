"""A journey with the machine-coded feed: switch it on by mouse, read the candidates apart, promote one.

The data is the bundled dataset plus the real GDELT export sample imported as its events layer
(skipped cleanly where ../shared is absent). The candidates' figure must equal what
`python -m liaison candidates --json` lists for the same filters.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from gdelt_rows import sample_file
from journeys import (
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

from liaison.feed.events import import_exports

pytestmark = pytest.mark.browser

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

    page.goto(f"{server}/meetings?feed=gdelt&country=USA")
    settled(page, "Machine-coded candidates")
    assert "USA" in page.url
    count = len(cli_candidates(folder, country="USA"))
    expect(page.get_by_text(f"{count} machine-coded candidate(s) match the filters")).to_be_visible()
    page.get_by_test_id("stSelectbox").filter(has_text="Candidate in full").click()
    page.get_by_role("option").first.click()
    card = page.locator(".st-key-feed_card")
    expect(card).to_contain_text("machine-coded, unverified", timeout=PATIENCE)
    link = card.locator('a[href^="http"]').first
    expect(link).to_be_visible()
    assert link.get_attribute("href") in {
        article for c in cli_candidates(folder, country="USA") for article in c["articles"]
    }

    card.get_by_role("button", name="Promote to a curated meeting").click()
    page.wait_for_url(re.compile(r"/add_meetings(\?|$)"), timeout=PATIENCE)
    settled(page, "Promote a machine-coded candidate")
    review = page.locator(".st-key-promoted_review")
    expect(review.get_by_label("Address", exact=True)).to_have_value(re.compile(r"^https?://"))
    expect(review.get_by_label("Outlet", exact=True)).not_to_have_value("")
    review.get_by_role("button", name="Save").click()
    settled(page, "Saved.")
    assert len(cli_meetings(folder)) == curated + 1
