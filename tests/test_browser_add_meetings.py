"""Journeys on Add meetings: an article already recorded drafts duplicates that are shown, linked, and not saved.

A journey that saves does so into its own copy of the bundled data (which records the Vienna
meetings), and counts the rows of that copy's meetings.csv to see what a click saved; drafting
writes nothing, so the journeys that only draft read the shared server on the bundled data.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from journeys import IDLE, PATIENCE, REPO, settled, start_server, stop_server
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

VIENNA_SEED = "004_da8b90398754ecf0.txt"


def meeting_rows(folder: Path) -> int:
    with (folder / "meetings.csv").open(encoding="utf-8", newline="") as handle:
        return sum(1 for _ in csv.DictReader(handle))


@pytest.fixture
def writable(tmp_path: Path):
    """The dashboard on a copy of the bundled data, stopped by its PID after the journey."""
    folder = shutil.copytree(REPO / "data", tmp_path / "data")
    process, address = start_server(folder)
    yield folder, address
    stop_server(process)


def draft_the_vienna_article(page, address: str, article: str, lang: str = "en") -> None:
    page.goto(f"{address}/add_meetings" + ("?lang=fr" if lang == "fr" else ""))
    settled(page, "Add and edit meetings" if lang == "en" else "Ajouter et modifier des réunions")
    page.locator(".st-key-article_outlet input").click()
    page.keyboard.type("DGSN-DGST")
    page.keyboard.press("Enter")
    page.wait_for_selector(IDLE, timeout=PATIENCE)
    page.locator(".st-key-article_text textarea").fill(article)
    page.keyboard.press("Control+Enter")
    page.wait_for_selector(IDLE, timeout=PATIENCE)
    page.locator(".st-key-article_draft button").click()
    settled(page, "already recorded as" if lang == "en" else "est déjà enregistrée")


def test_duplicates_are_linked_and_saved_only_when_ticked(page, writable, shared) -> None:
    """Save adds nothing while every draft is recorded; ticking one "save anyway" adds exactly that one."""
    folder, address = writable
    before = meeting_rows(folder)
    draft_the_vienna_article(page, address, (shared / "seeds" / VIENNA_SEED).read_text(encoding="utf-8"))
    expect(page.get_by_text("already recorded as")).to_have_count(6)
    link = page.locator('a[href="meetings?meeting=2025-05-vienna-mar-qat"]')
    expect(link).to_have_text(
        "Morocco–Qatar bilateral security talks on the margins of the 22nd Vienna regional meeting"
    )

    page.locator(".st-key-article_drafts_save button").click()
    settled(page, "Nothing saved: every draft is already recorded")
    assert meeting_rows(folder) == before

    page.get_by_text("Save row 1 anyway").click()
    settled(page, "1 meeting(s) ready to save; 5 already recorded will be skipped")
    page.locator(".st-key-article_drafts_save button").click()
    settled(page, "Saved. The data is now at revision")
    assert meeting_rows(folder) == before + 1
    assert page.requests_off_host == []


def test_the_link_of_a_duplicate_opens_the_recorded_meeting(page, server, shared) -> None:
    """The link opens the Meetings page on the recorded meeting, in a new tab so the drafts stay under review."""
    draft_the_vienna_article(page, server, (shared / "seeds" / VIENNA_SEED).read_text(encoding="utf-8"), "fr")
    with page.expect_popup() as opened:
        page.locator('a[href="meetings?lang=fr&meeting=2025-05-vienna-mar-qat"]').click()
    meeting = opened.value
    meeting.wait_for_selector(IDLE, timeout=PATIENCE)
    card = meeting.locator(".st-key-meeting_card_2025-05-vienna-mar-qat")
    expect(card.get_by_test_id("stHeading")).to_have_text(
        "Entretiens sécuritaires bilatéraux Maroc–Qatar en marge de la 22e réunion régionale de Vienne",
        timeout=PATIENCE,
    )
    assert page.requests_off_host == []


def test_the_upload_widget_speaks_french(page, server) -> None:
    """Streamlit's own English button and limits are hidden; the French ones are drawn in their place."""
    page.goto(f"{server}/add_meetings?lang=fr")
    settled(page, "…ou déposez-le (texte ou HTML, 20 Mo au plus)")
    dropzone = page.locator(".st-key-article_upload [data-testid='stFileUploaderDropzone']")
    page.wait_for_function(
        """selector => {
            const button = document.querySelector(selector);
            return button && getComputedStyle(button, '::after').content === '"Parcourir"';
        }""",
        arg=".st-key-article_upload [data-testid='stFileUploaderDropzone'] button",
        timeout=PATIENCE,
    )
    instructions = dropzone.evaluate("zone => getComputedStyle(zone, '::before').content")
    assert instructions == '"Glissez-déposez un fichier ici, ou parcourez vos fichiers : texte ou HTML, 20 Mo au plus."'
    expect(dropzone.get_by_test_id("stFileUploaderDropzoneInstructions")).to_be_hidden()
    expect(dropzone.get_by_text("Upload", exact=True)).to_be_hidden()
    assert dropzone.locator("button").inner_text() == ""
    assert page.requests_off_host == []
