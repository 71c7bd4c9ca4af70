"""Team mode behind a signing-in proxy: the editor named in LIAISON_EDITORS changes the data, under their name;
anyone else — another identity, or none — reads and is never offered a way to change anything."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import mini_tables, write_tables
from journeys import IDLE, PATIENCE, page_menu, settled, start_server, stop_server
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

EDITOR = "ana@min.example"


@pytest.fixture(scope="module")
def proxied(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """The dashboard in header mode on a writable copy of the small dataset, and that copy."""
    folder = write_tables(tmp_path_factory.mktemp("team") / "data", mini_tables())
    process, url = start_server(folder, {"LIAISON_AUTH": "header", "LIAISON_EDITORS": EDITOR})
    yield url, folder
    stop_server(process)


def _as(browser, identity: str | None):
    """A tab whose every request (the page and its websocket) carries the proxy's identity header."""
    headers = {"X-Forwarded-User": identity} if identity else {}
    context = browser.new_context(viewport={"width": 1440, "height": 1600}, extra_http_headers=headers)
    return context, context.new_page()


def test_the_named_editor_edits_a_meeting_and_the_log_names_them(browser, proxied) -> None:
    url, folder = proxied
    context, page = _as(browser, EDITOR)
    try:
        page.goto(url)
        settled(page, "Latest meetings")
        # The name is data, so it is escaped: a word joiner keeps "@" from becoming a mail link.
        signed = re.compile(r"Signed in as ana\u2060?@min\.example: editor\.")
        expect(page.get_by_test_id("stSidebar")).to_contain_text(signed)
        page_menu(page).get_by_role("link", name="Add meetings").click()
        settled(page, "Changes are saved as ana")
        page.get_by_role("tab", name="Edit a meeting").click()
        page.get_by_role("combobox", name="Meeting to edit").click()
        page.get_by_role("option", name="Title riyadh-visit").click()
        page.wait_for_selector(IDLE, timeout=PATIENCE)
        title = page.get_by_label("Title (English)")
        title.fill("Riyadh visit, retitled by the editor")
        page.get_by_role("button", name="Save").last.click()
        settled(page, "Saved. The data is now at revision")
        last = json.loads((folder / "changes.log").read_text(encoding="utf-8").splitlines()[-1])
        assert last["who"] == {"identity": EDITOR, "name": EDITOR, "mode": "header"}
        assert last["summary"] == "edit riyadh-visit"
    finally:
        context.close()


@pytest.mark.parametrize("identity", ["eve@min.example", None], ids=["another identity", "no identity"])
def test_anyone_else_reads_only(browser, proxied, identity) -> None:
    url, folder = proxied
    before = (folder / "meetings.csv").read_bytes()
    context, page = _as(browser, identity)
    try:
        page.goto(url)
        settled(page, "Latest meetings")
        navigation = page_menu(page)
        expect(navigation.get_by_role("link", name="Meetings", exact=True)).to_be_visible()
        expect(navigation.get_by_role("link", name="Add meetings")).to_have_count(0)
        page.goto(f"{url}/add_meetings")
        page.wait_for_selector(IDLE, timeout=PATIENCE)
        expect(page.get_by_role("heading", name="Add and edit meetings")).to_have_count(0)
        assert (folder / "meetings.csv").read_bytes() == before
    finally:
        context.close()
