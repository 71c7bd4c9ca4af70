"""The Add meetings page, with AppTest on a copy of the mini dataset: draft, review, save, edit, undo."""

from __future__ import annotations

from pathlib import Path

from conftest import displayed

from liaison.changes import read_log
from liaison.store import load_dataset

PAGE = "app_pages/add_meetings.py"
ARTICLE = (
    "Rabat, 12 mars 2025 - Le directeur général de la sûreté nationale marocaine s'est entretenu mardi à Rabat "
    "avec le chef du renseignement qatari. Les deux responsables ont évoqué la lutte contre le terrorisme."
)


def test_an_article_becomes_drafts_that_save_with_their_source(app, mini_folder: Path) -> None:
    at = app(PAGE)
    at.text_input(key="article_outlet").set_value("Agence test")
    at.text_input(key="article_published").set_value("2025-03-12")
    at.text_area(key="article_text").set_value(ARTICLE)
    at.button(key="article_draft").click().run(timeout=60)
    assert not at.exception
    drafts = at.session_state["article_drafts"]["frame"]
    assert len(drafts) >= 1 and "MAR" in drafts.iloc[0]["participant_states_iso3"]
    assert "ready to save" in displayed(at)
    at.button(key="article_drafts_save").click().run(timeout=60)
    assert "Saved. The data is now at revision" in displayed(at)
    ds = load_dataset(mini_folder)
    assert len(ds.meetings) > 6 and ds.sources.iloc[-1]["outlet"] == "Agence test"
    assert list((mini_folder / "articles").glob("*.txt"))
    assert read_log(mini_folder)[-1]["action"] == "save"


def test_bad_input_is_named_and_nothing_is_drafted(app) -> None:
    at = app(PAGE)
    at.text_area(key="article_text").set_value("   ")
    at.button(key="article_draft").click().run()
    assert "the file is empty" in displayed(at) and "article_drafts" not in at.session_state


def test_a_draft_without_a_source_cannot_be_saved(app) -> None:
    at = app(PAGE)
    assert "Name the outlet the article comes from" in displayed(at)
    assert at.button(key="hand_drafts_save").disabled


def test_editing_a_meeting_saves_and_undo_puts_it_back(app, mini_folder: Path) -> None:
    at = app(PAGE)
    at.selectbox(key="edit_meeting").set_value("moscow-12").run()
    at.text_input(key="edit_moscow-12_title").set_value("Twelfth meeting, corrected")
    at.button(key="edit_save").click().run()
    assert "Saved." in displayed(at)
    assert load_dataset(mini_folder).meetings.set_index("meeting_id").loc["moscow-12", "title"] == (
        "Twelfth meeting, corrected"
    )
    at.run()
    at.button(key="edit_undo").click().run()
    assert "Undone" in displayed(at)
    assert load_dataset(mini_folder).meetings.set_index("meeting_id").loc["moscow-12", "title"] == "Title moscow-12"


def test_an_edit_that_breaks_a_rule_is_refused_with_the_reason(app, mini_folder: Path) -> None:
    at = app(PAGE)
    at.selectbox(key="edit_meeting").set_value("moscow-12").run()
    at.text_input(key="edit_moscow-12_end_date").set_value("2024-03-01")
    at.button(key="edit_save").click().run()
    assert "would not be valid" in displayed(at)
    assert any("end_date: ends before start_date (2024-03-01 < 2024-04-01)" in block.value for block in at.code)
    assert str(load_dataset(mini_folder).meetings.set_index("meeting_id").loc["moscow-12", "end_date"].date()) == (
        "2024-04-01"
    )
