"""The Meetings page: a parent listed before its margin talks, a link to it keeping the view, sources with addresses."""

from __future__ import annotations

import pytest
from journeys import params, settled, wait_for_params
from playwright.sync_api import expect

from liaison.dataset.store import load_dataset, resolve_data_dir
from liaison.view.query import meeting_table

BILATERAL = "2024-05-spain-mar-esp"
PARENT = "2024-05-spain-spanish-police-bicentenary"
PARENT_TITLE = "Bicentenary celebrations of the Spanish National Police"


def test_a_parent_is_listed_before_the_meetings_on_its_margins() -> None:
    """Even on the same day, and however the ids sort, each margin meeting follows its parent."""
    order = list(meeting_table(load_dataset(resolve_data_dir(None)))["meeting_id"])
    parents = load_dataset(resolve_data_dir(None)).meetings.dropna(subset=["parent_meeting_id"])
    assert len(parents) >= 5
    for meeting_id, parent in zip(parents["meeting_id"], parents["parent_meeting_id"], strict=True):
        assert order.index(parent) < order.index(meeting_id), meeting_id
    vienna = [meeting_id for meeting_id in order if meeting_id.startswith("2025-05-vienna-")]
    assert vienna[0] == "2025-05-vienna-mena-22"  # its id sorts after every bilateral's


def test_a_mini_parent_on_the_same_day_comes_first(mini) -> None:
    order = list(meeting_table(mini)["meeting_id"])
    assert order.index("vienna-22") == order.index("vienna-mar-qat") - 1


@pytest.mark.browser
def test_the_margins_link_opens_the_parent_and_keeps_the_filters(page, server) -> None:
    """From a bilateral, "held on the margins of" is a link: the parent is shown, the country filter stays."""
    page.goto(f"{server}/meetings?country=MAR&meeting={BILATERAL}")
    settled(page, "Held on the margins of")
    card = page.locator(f".st-key-meeting_card_{BILATERAL}")
    source = card.locator('a[href^="https://fr.le360.ma/"]')
    expect(source).to_have_count(1)
    expect(source).to_have_text(source.get_attribute("href"))
    expect(card.get_by_text("paragraph", exact=False).first).to_be_visible()
    link = card.locator(f'a[href="meetings?country=MAR&meeting={PARENT}"]')
    expect(link).to_have_text(PARENT_TITLE)
    link.click()
    wait_for_params(page, {"country": ["MAR"], "meeting": [PARENT]})
    settled(page, "Meetings held on its margins")
    expect(page.locator(f".st-key-meeting_card_{PARENT}")).to_be_visible()
    assert params(page)["country"] == ["MAR"]
    assert page.requests_off_host == []


@pytest.mark.browser
def test_view_as_table_builds_the_table_behind_the_chart_when_switched_on(page, server) -> None:
    """The table beside a chart is built only when asked for: a click on the switch shows it, with the view's months."""
    page.goto(f"{server}/timeline?format=bilateral")
    settled(page, "Meetings per month, by format")
    monthly = page.locator(".st-key-timeline_monthly_as_table")
    expect(page.get_by_test_id("stDataFrame")).to_have_count(0)
    monthly.get_by_text("View as table").click()
    grid = page.get_by_test_id("stDataFrame")
    expect(grid).to_have_count(1)
    expect(grid).to_contain_text("June 2022")  # the view's first bilateral month, in the reader's words
    expect(grid).to_contain_text("Bilateral")
    assert params(page) == {"format": ["bilateral"]}
