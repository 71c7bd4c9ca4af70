"""The Meetings page a page at a time (AppTest, mini dataset): search, order and page in the URL, downloads whole."""

from __future__ import annotations

import pytest
from conftest import REPO, displayed, url
from streamlit.testing.v1 import AppTest

import components.export_buttons
import components.meeting_list

NEWEST = ["moscow-13", "vienna-22", "vienna-mar-qat", "moscow-12", "riyadh-visit", "undated-madrid"]
TITLES = {meeting: f"Title {meeting}" for meeting in NEWEST} | {"vienna-mar-qat": "Morocco and Qatar meet in Vienna"}


def titles(at) -> list[str]:
    """The titles in the page's table, top to bottom."""
    return list(at.dataframe[0].value["Meeting"])


def ids(*meetings: str) -> list[str]:
    return [TITLES[meeting] for meeting in meetings]


@pytest.fixture
def two_a_page(monkeypatch):
    """Pages of two rows, so the six mini meetings take three pages."""
    monkeypatch.setattr(components.meeting_list, "PAGE_SIZE", 2)


def open_meetings(app, **params: str):
    """The Meetings page opened from a link with `params` (the `app` fixture names its page `page`: not a param).

    Requesting `app` is what points the dashboard at the mini data folder; the page is started here.
    """
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page("app_pages/meetings.py").run()
    assert not at.exception
    return at


def test_one_page_lists_the_whole_view_with_no_page_control(app) -> None:
    """At the size of the bundled data the list is one page: every meeting, newest first, no previous or next."""
    at = open_meetings(app)
    assert titles(at) == ids(*NEWEST)
    assert not [button for button in at.button if button.key in ("meetings_previous", "meetings_next")]
    assert at.text_input(key="meetings_find").value == "" and at.selectbox(key="meetings_sort").value == "newest"
    assert url(at) == {}


def test_a_search_in_the_url_is_shown_and_applied(app) -> None:
    """`find` folds case and accents, and looks in venues (Moscou) as well as titles."""
    at = open_meetings(app, find="MOSCOU")
    assert at.text_input(key="meetings_find").value == "MOSCOU"
    assert titles(at) == ids("moscow-13", "moscow-12")
    assert "2 of the 6 meetings of this view match the search" in displayed(at)


def test_typing_a_search_writes_it_to_the_url_and_starts_at_page_one(app, two_a_page) -> None:
    """From page 2 of all six, a search for Morocco (five meetings, three pages) opens at its first page."""
    at = open_meetings(app, page="2")
    at.text_input(key="meetings_find").input("  maroc ").run()
    assert url(at) == {"find": ["maroc"]}
    assert titles(at) == ids("moscow-13", "vienna-22") and "Rows 1–2 of 5" in displayed(at)
    at.text_input(key="meetings_find").input("").run()
    assert url(at) == {}


def test_a_search_that_finds_nothing_says_so(app) -> None:
    at = open_meetings(app, find="atlantis")
    assert not at.dataframe
    assert "No meeting of this view matches the search" in displayed(at)


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("oldest", ["riyadh-visit", "moscow-12", "vienna-22", "vienna-mar-qat", "moscow-13", "undated-madrid"]),
        ("title", ["vienna-mar-qat", "moscow-12", "moscow-13", "riyadh-visit", "undated-madrid", "vienna-22"]),
        ("nonsense", NEWEST),
    ],
)
def test_the_order_in_the_url_orders_the_whole_view(app, sort, expected) -> None:
    at = open_meetings(app, sort=sort)
    assert titles(at) == ids(*expected)
    assert at.selectbox(key="meetings_sort").value == (sort if sort != "nonsense" else "newest")


def test_choosing_an_order_writes_it_to_the_url_and_starts_at_page_one(app, two_a_page) -> None:
    at = open_meetings(app, page="3")
    at.selectbox(key="meetings_sort").set_value("oldest").run()
    assert url(at) == {"sort": ["oldest"]}
    assert titles(at) == ids("riyadh-visit", "moscow-12")
    at.selectbox(key="meetings_sort").set_value("newest").run()
    assert url(at) == {}  # the default is left out of the link


def test_the_page_in_the_url_is_the_page_shown(app, two_a_page) -> None:
    """`page=2` of pages of two: rows 3–4, with previous and next both available."""
    at = open_meetings(app, page="2")
    assert titles(at) == ids("vienna-mar-qat", "moscow-12")
    assert "Rows 3–4 of 6" in displayed(at)
    assert not at.button(key="meetings_previous").disabled and not at.button(key="meetings_next").disabled


def test_next_and_previous_turn_the_page_in_the_url(app, two_a_page) -> None:
    at = open_meetings(app)
    assert at.button(key="meetings_previous").disabled
    at.button(key="meetings_next").click().run()
    assert url(at) == {"page": ["2"]} and titles(at) == ids("vienna-mar-qat", "moscow-12")
    at.button(key="meetings_next").click().run()
    assert url(at) == {"page": ["3"]} and titles(at) == ids("riyadh-visit", "undated-madrid")
    assert at.button(key="meetings_next").disabled and "Rows 5–6 of 6" in displayed(at)
    at.button(key="meetings_previous").click().run()
    at.button(key="meetings_previous").click().run()
    assert url(at) == {} and titles(at) == ids("moscow-13", "vienna-22")


@pytest.mark.parametrize(("asked", "shown", "written"), [("9", 3, {"page": ["3"]}), ("two", 1, {}), ("0", 1, {})])
def test_a_page_outside_the_list_is_the_nearest_one(app, two_a_page, asked, shown, written) -> None:
    at = open_meetings(app, page=asked)
    assert titles(at) == ids(*NEWEST[2 * shown - 2 : 2 * shown])
    assert url(at) == written


def test_search_order_and_page_combine(app, two_a_page) -> None:
    """Page 2 of the five meetings Morocco (MAR) took part in, oldest first."""
    at = open_meetings(app, find="maroc", sort="oldest", page="2")
    assert titles(at) == ids("vienna-mar-qat", "moscow-13")
    assert "Rows 3–4 of 5" in displayed(at)


def test_a_filter_change_keeps_the_search_and_order_but_starts_at_page_one(app, two_a_page) -> None:
    at = open_meetings(app, page="2", sort="oldest")
    at.multiselect(key="f_country").set_value(["MAR"]).run()
    assert url(at) == {"country": ["MAR"], "sort": ["oldest"]}


def test_leaving_the_page_drops_its_search_order_and_page(app, two_a_page) -> None:
    at = open_meetings(app, country="MAR", find="vienna", sort="title", page="1")
    at.switch_page("app_pages/overview.py").run()
    assert url(at) == {"country": ["MAR"]}


def test_the_downloads_hold_every_meeting_of_the_view_not_the_page(app, two_a_page, monkeypatch) -> None:
    """Whatever page and search the table shows, CSV and XLSX are the rows of the whole view."""
    given = []
    real = components.export_buttons.data_downloads

    def recorded(ds, filters, meeting_ids, lang, key) -> None:
        given.append(list(meeting_ids))
        real(ds, filters, meeting_ids, lang, key)

    monkeypatch.setattr(components.export_buttons, "data_downloads", recorded)
    open_meetings(app, country="MAR", find="vienna", page="2")
    assert sorted(given[-1]) == sorted(["moscow-13", "vienna-22", "vienna-mar-qat", "riyadh-visit", "undated-madrid"])


def test_the_page_speaks_french_with_french_numbers(app, two_a_page) -> None:
    at = open_meetings(app, lang="fr", page="2", sort="title")
    assert "Titre, de A à Z" in at.selectbox(key="meetings_sort").options
    assert at.text_input(key="meetings_find").label == "Chercher dans ces réunions"
    assert "Lignes 3 à 4 sur 6" in displayed(at)
    assert at.button(key="meetings_next").label == "Suivante"


def test_french_thousands_are_spaced() -> None:
    assert components.meeting_list.number_label(12345, "fr") == "12\u202f345"
    assert components.meeting_list.number_label(12345, "en") == "12,345"
