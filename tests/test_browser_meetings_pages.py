"""The Meetings list in a real browser: typed search, order, previous/next, a row picked by mouse, the URL, back.

What the table shows is read from the browser itself: the data grid's own "Download as CSV"
saves the rows the browser received, so these journeys also check that no more than one page
of rows ever reaches it, on the bundled data (one page) and on a generated folder of 350.
"""

from __future__ import annotations

import csv
import importlib.util
import time
from pathlib import Path

import pytest
from journeys import IDLE, PATIENCE, params, settled, start_server, stop_server, wait_for_params
from playwright.sync_api import expect

from liaison.dataset.store import load_dataset, resolve_data_dir
from liaison.view.listing import ordered, page_of, search_keys
from liaison.view.query import meeting_table
from liaison.words.folding import fold_words

pytestmark = pytest.mark.browser
SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
MEETINGS = 350
# The grid saves its CSV through the browser's file picker when there is one; without it, as a download.
NO_FILE_PICKER = "window.showSaveFilePicker = undefined"
ROW_HEIGHT = 35  # the data grid's header and rows, in CSS pixels


class Oracle:
    """What the page should list, from the domain: one dataset, the whole view newest first."""

    def __init__(self, folder: Path | None) -> None:
        self.table = meeting_table(load_dataset(resolve_data_dir(folder)))
        self.keys = search_keys(self.table)

    def page(self, find: str = "", sort: str = "newest", number: int = 1) -> list[tuple[str, str]]:
        """(meeting id, title) of each row of one page."""
        rows = page_of(self.table, ordered(self.table, self.keys, find, sort), number).rows
        return list(zip(rows["meeting_id"], rows["title"], strict=True))

    def matched(self, find: str) -> int:
        return len(ordered(self.table, self.keys, find, "newest"))


def grid_rows(page) -> list[dict[str, str]]:
    """The rows the browser holds in the Meetings table, as the grid's own CSV download gives them."""
    grid = page.get_by_test_id("stDataFrame").first
    grid.hover()
    with page.expect_download(timeout=PATIENCE) as download:
        # Reading what the browser holds is the test's own look, not a user's action: the toolbar
        # shows only while hovered, and a redraw of the grid can take the hover away mid-click.
        grid.get_by_role("button", name="Download as CSV").dispatch_event("click")
    with Path(download.value.path()).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def titles(page) -> list[str]:
    return [row["Meeting"] for row in grid_rows(page)]


def wait_for_titles(page, expected: list[str]) -> None:
    """Wait until the table the browser holds lists exactly these titles (it is redrawn after the rerun)."""
    deadline = time.monotonic() + PATIENCE / 1000
    while (shown := titles(page)) != expected:
        if time.monotonic() > deadline:
            raise AssertionError(f"the table lists {shown[:3]}… ({len(shown)} rows), expected {expected[:3]}…")
        page.wait_for_selector(IDLE, timeout=PATIENCE)


def pick_row(page, row: int) -> None:
    """Tick a row of the table with the mouse, in its selection column (the grid is drawn on a canvas)."""
    box = page.get_by_test_id("stDataFrame").first.bounding_box()
    page.mouse.click(box["x"] + 16, box["y"] + ROW_HEIGHT * (row + 1) + ROW_HEIGHT / 2)


def search(page, text: str) -> None:
    box = page.locator(".st-key-meetings_find input")
    box.click()
    box.fill("")
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def order_by(page, label: str) -> None:
    page.locator(".st-key-meetings_sort").click()
    page.get_by_role("option", name=label, exact=True).click()


def open_meetings(page, address: str, query: str = "", text: str = "Find in these meetings") -> None:
    page.add_init_script(NO_FILE_PICKER)
    page.goto(f"{address}/meetings{query}")
    settled(page, text)


def test_search_order_and_a_row_picked_by_mouse_on_the_bundled_data(page, server) -> None:
    """One page: a typed search narrows it, an order reorders it, a clicked row opens that meeting; back undoes."""
    oracle = Oracle(None)
    open_meetings(page, server)
    assert len(grid_rows(page)) == len(oracle.table) == 46  # one page: every meeting, as before
    expect(page.locator(".st-key-meetings_next")).to_have_count(0)

    search(page, "RUSSIE")  # a state's French name, in capitals: no title says it
    wait_for_params(page, {"find": ["RUSSIE"]})
    found = oracle.page("RUSSIE")
    settled(page, f"{len(found)} of the 46 meetings of this view match the search")
    assert len(found) == 6
    wait_for_titles(page, [title for _, title in found])

    order_by(page, "Oldest first")
    wait_for_params(page, {"find": ["RUSSIE"], "sort": ["oldest"]})
    oldest = oracle.page("RUSSIE", "oldest")
    assert oldest != found
    wait_for_titles(page, [title for _, title in oldest])
    starts = [row["Start"] for row in grid_rows(page)]
    assert starts == sorted(starts) and all(starts)

    pick_row(page, 1)
    chosen = oldest[1][0]
    wait_for_params(page, {"find": ["RUSSIE"], "sort": ["oldest"], "meeting": [chosen]})
    settled(page, "Cite this meeting")
    expect(page.locator(f".st-key-meeting_card_{chosen}")).to_be_visible()

    page.go_back()
    wait_for_params(page, {"find": ["RUSSIE"], "sort": ["oldest"]})
    settled(page, "Select a meeting in the table")
    page.go_back()
    wait_for_params(page, {"find": ["RUSSIE"]})
    wait_for_titles(page, [title for _, title in found])
    assert page.requests_off_host == []


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """The dashboard on a generated folder of 350 meetings (scripts/synthetic.py): four pages of rows."""
    spec = importlib.util.spec_from_file_location("synthetic", SCRIPTS / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    folder = tmp_path_factory.mktemp("meetings-pages") / "data"
    module.write_folder(MEETINGS, folder)
    process, address = start_server(folder)
    yield folder, address
    stop_server(process)


def test_pages_of_a_long_list_keep_to_one_page_of_rows_and_live_in_the_url(page, big) -> None:
    """Next, a row on page 2, another order, a search: each in the URL; a copied link and back reopen the same rows."""
    folder, address = big
    oracle = Oracle(folder)
    open_meetings(page, address, text=f"Rows 1–100 of {MEETINGS}")
    wait_for_titles(page, [title for _, title in oracle.page()])  # 100 rows of 350: one page reached the browser
    expect(page.locator(".st-key-meetings_previous button")).to_be_disabled()

    page.locator(".st-key-meetings_next button").click()
    wait_for_params(page, {"page": ["2"]})
    settled(page, f"Rows 101–200 of {MEETINGS}")
    second = oracle.page(number=2)
    wait_for_titles(page, [title for _, title in second])

    pick_row(page, 3)
    on_page_two = second[3][0]
    wait_for_params(page, {"page": ["2"], "meeting": [on_page_two]})
    expect(page.locator(f".st-key-meeting_card_{on_page_two}")).to_be_visible(timeout=PATIENCE)

    order_by(page, "Title, A to Z")
    wait_for_params(page, {"sort": ["title"], "meeting": [on_page_two]})  # another order starts again at page 1
    settled(page, f"Rows 1–100 of {MEETINGS}")
    by_title = [title for _, title in oracle.page(sort="title")]
    wait_for_titles(page, by_title)
    assert by_title == sorted(by_title, key=fold_words)  # accents and case folded: "Gómez" before "Guadalupe"
    pick_row(page, 3)  # the same place as the pick on page 2: a new pick here, not that one undone
    by_title_third = oracle.page(sort="title")[3][0]
    wait_for_params(page, {"sort": ["title"], "meeting": [by_title_third]})
    expect(page.locator(f".st-key-meeting_card_{by_title_third}")).to_be_visible(timeout=PATIENCE)

    search(page, "Terrorism")
    wait_for_params(page, {"sort": ["title"], "find": ["Terrorism"], "meeting": [by_title_third]})
    matched = oracle.matched("Terrorism")
    assert 0 < matched <= 100
    settled(page, f"{matched} of the {MEETINGS} meetings of this view match the search")
    found = [title for _, title in oracle.page("Terrorism", "title")]
    wait_for_titles(page, found)

    other = page.context.new_page()  # the link, copied into another tab
    other.add_init_script(NO_FILE_PICKER)
    other.goto(page.url)
    settled(other, "match the search")
    assert params(other) == params(page)
    wait_for_titles(other, found)
    other.close()

    # Back steps through what the analyst saw, one action at a time.
    page.go_back()
    wait_for_params(page, {"sort": ["title"], "meeting": [by_title_third]})
    wait_for_titles(page, by_title)
    page.go_back()
    wait_for_params(page, {"sort": ["title"], "meeting": [on_page_two]})
    page.go_back()
    wait_for_params(page, {"page": ["2"], "meeting": [on_page_two]})
    settled(page, f"Rows 101–200 of {MEETINGS}")
    wait_for_titles(page, [title for _, title in second])
    assert page.requests_off_host == []
