"""Journeys through the sidebar: every kind of filter widget driven by mouse and keyboard, links that keep the view.

After each action the URL must hold the whole view, and the Overview's headline count must
equal what `python -m liaison meetings --json` lists for the same filters.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import parse_qs, urlparse

import pytest
from journeys import PATIENCE, cli_meetings, headline, page_menu, settled, wait_for_params
from playwright.sync_api import expect

from liaison.view.period import preset_months

pytestmark = pytest.mark.browser

MAY = {"from": ["2025-05"], "to": ["2025-05"]}


def on_page(name: str) -> re.Pattern:
    """The address of one page of the app, whatever its query string."""
    return re.compile(rf"/{name}(\?|$)")


def sidebar(page):
    return page.get_by_test_id("stSidebar")


def chosen(page, label: str):
    """The sidebar selectbox called `label`: its input's value is the option it shows as chosen."""
    return sidebar(page).get_by_role("combobox", name=label, exact=True)


def pick(page, label: str, typed: str, option: str | None = None) -> None:
    """Open the sidebar selectbox or multiselect called `label`, type, click the option, and leave the widget.

    A focused multiselect is a line taller than a resting one: the analyst's next click elsewhere
    first shrinks it and moves what lies below, so the journey leaves it as a person does, by
    closing the list and clicking the page's title.
    """
    box = sidebar(page).locator('[data-testid="stSelectbox"], [data-testid="stMultiSelect"]').filter(has_text=label)
    box.first.click()
    page.keyboard.type(typed)
    page.get_by_role("option", name=option or typed, exact=True).click()
    page.keyboard.press("Escape")
    page.locator("h1").first.click()


def test_one_month_in_three_actions_by_keyboard(page, server) -> None:
    """Click the period, type the month, press Enter: the URL, the caption and the figures follow."""
    page.goto(server)
    settled(page, "Latest meetings")
    sidebar(page).get_by_test_id("stSelectbox").filter(has_text="Period").click()
    page.keyboard.type("May 2025")
    page.keyboard.press("Enter")
    wait_for_params(page, MAY)
    settled(page, "Latest meetings")
    expect(page.get_by_test_id("stMain").get_by_test_id("stCaptionContainer").first).to_have_text("May 2025")
    assert headline(page) == len(cli_meetings(**{"from": "2025-05", "to": "2025-05"}))
    assert headline(page) < len(cli_meetings())
    assert page.requests_off_host == []


def test_first_and_last_month_picked_by_mouse_and_presets(page, server) -> None:
    page.goto(server)
    settled(page, "Latest meetings")
    pick(page, "From", "March 2024")
    wait_for_params(page, {"from": ["2024-03"], "to": [max(params_to_today(), "2025-11")]})
    pick(page, "To", "June 2024")
    wait_for_params(page, {"from": ["2024-03"], "to": ["2024-06"]})
    settled(page, "Latest meetings")
    assert headline(page) == len(cli_meetings(**{"from": "2024-03", "to": "2024-06"}))

    start, end = preset_months("last_year", date.today())
    sidebar(page).get_by_test_id("stSelectbox").filter(has_text="Period").click()
    page.get_by_role("option", name="Last year", exact=False).click()
    wait_for_params(page, {"from": [start], "to": [end]})
    settled(page, "Overview")
    expected = len(cli_meetings(**{"from": start, "to": end}))
    if expected:
        assert headline(page) == expected
    else:
        expect(page.get_by_text("No meeting matches these filters")).to_be_visible()


def params_to_today() -> str:
    today = date.today()
    return f"{today.year:04d}-{today.month:02d}"


def test_a_linked_period_survives_a_pill_a_country_and_a_button(page, server) -> None:
    """The reported loss: a link's period vanished at the first click anywhere."""
    page.goto(f"{server}/?country=QAT&from=2025-05&to=2025-05")
    settled(page, "Latest meetings")
    sidebar(page).get_by_role("button", name="Bilateral", exact=True).click()
    wait_for_params(page, {"country": ["QAT"], "format": ["bilateral"], **MAY})
    settled(page, "Latest meetings")
    assert headline(page) == len(
        cli_meetings(country="QAT", format="bilateral", **{"from": "2025-05", "to": "2025-05"})
    )

    pick(page, "Countries", "Morocco")
    wait_for_params(page, {"country": ["QAT", "MAR"], "format": ["bilateral"], **MAY})

    page.get_by_test_id("stButton").filter(has_text="Clear all filters").first.click()
    wait_for_params(page, {})
    settled(page, "Latest meetings")
    assert headline(page) == len(cli_meetings())
    expect(chosen(page, "Period")).to_have_value("All dates")


def test_search_region_bloc_and_topic_each_filter_like_the_command_line(page, server) -> None:
    page.goto(server)
    settled(page, "Latest meetings")
    search = sidebar(page).get_by_test_id("stTextInput").locator("input")
    search.click()
    page.keyboard.type("Vienna")
    page.keyboard.press("Enter")
    wait_for_params(page, {"q": ["Vienna"]})
    settled(page, "Latest meetings")
    assert headline(page) == len(cli_meetings(q="Vienna"))

    pick(page, "Regions", "Western Asia")
    wait_for_params(page, {"q": ["Vienna"], "region": ["Western Asia"]})
    settled(page, "Latest meetings")
    assert headline(page) == len(cli_meetings(q="Vienna", region="Western Asia"))

    search.fill("")
    search.press("Enter")
    wait_for_params(page, {"region": ["Western Asia"]})
    pick(page, "Blocs and organisations", "Shanghai", "SCO — Shanghai Cooperation Organisation")
    wait_for_params(page, {"region": ["Western Asia"], "bloc": ["SCO"]})
    settled(page, "Overview")
    assert headline(page) == len(cli_meetings(region="Western Asia", bloc="SCO"))

    pick(page, "Topics", "Terrorism")
    wait_for_params(page, {"region": ["Western Asia"], "bloc": ["SCO"], "topic": ["terrorism"]})
    settled(page, "Overview")
    expected = len(cli_meetings(region="Western Asia", bloc="SCO", topic="terrorism"))
    assert (headline(page) if expected else 0) == expected


def test_pages_language_back_forward_and_reload_keep_the_whole_view(page, server) -> None:
    page.goto(f"{server}/?country=QAT&from=2025-05&to=2025-05")
    settled(page, "Latest meetings")
    view = {"country": ["QAT"], **MAY}

    page_menu(page).get_by_role("link", name="Timeline").click()
    settled(page, "Meetings per month, by format")
    page.wait_for_url(on_page("timeline"), timeout=PATIENCE)
    wait_for_params(page, view)

    sidebar(page).get_by_text("Français").click()
    settled(page, "Réunions par mois, selon le format")
    wait_for_params(page, view | {"lang": ["fr"]})
    expect(chosen(page, "Période")).to_have_value("mai 2025")

    # The entry opens the page at its final address: a bare /map would be a history entry of its own,
    # and Back would land on it with every filter dropped.
    to_map = page_menu(page).get_by_role("link", name="Carte")
    target = urlparse(to_map.evaluate("link => link.href"))
    assert (target.path, parse_qs(target.query)) == ("/map", view | {"lang": ["fr"]})
    entries = page.evaluate("history.length")
    to_map.click()
    settled(page, "Lieux et délégations")
    page.wait_for_url(on_page("map"), timeout=PATIENCE)
    wait_for_params(page, view | {"lang": ["fr"]})
    assert page.evaluate("history.length") == entries + 1

    page.go_back()
    page.wait_for_url(on_page("timeline"), timeout=PATIENCE)
    settled(page, "Réunions par mois, selon le format")
    wait_for_params(page, view | {"lang": ["fr"]})
    page.go_back()
    settled(page, "Meetings per month, by format")
    wait_for_params(page, view)
    page.go_forward()
    settled(page, "Réunions par mois, selon le format")

    page.reload()
    settled(page, "Réunions par mois, selon le format")
    wait_for_params(page, view | {"lang": ["fr"]})
    expect(sidebar(page).get_by_test_id("stMultiSelect").first).to_contain_text("Qatar")
    assert page.requests_off_host == []


def test_a_copied_link_opens_the_same_view_even_at_overview(page, server) -> None:
    page.goto(f"{server}/overview?country=QAT&from=2025-05&to=2025-05&lang=fr")
    settled(page, "Vue d'ensemble")
    wait_for_params(page, {"country": ["QAT"], "lang": ["fr"], **MAY})
    assert page.get_by_text("Page not found").count() == 0
    assert headline(page, "Réunions") == len(cli_meetings(country="QAT", **{"from": "2025-05", "to": "2025-05"}))
    caption = page.get_by_test_id("stMain").get_by_test_id("stCaptionContainer").first
    expect(caption).to_have_text("mai 2025; pays : Qatar")
    assert page.get_by_text("Dates des réunions : 6–7 mai 2025").is_visible()
    assert page.requests_off_host == []
