"""The Add meetings page, with AppTest on a copy of the mini dataset: draft, review, save, edit, undo."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import EDITOR, REPO, displayed
from streamlit.testing.v1 import AppTest

from liaison.dataset.changes import read_log, revision, save, snapshot
from liaison.dataset.store import load_dataset

PAGE = "app_pages/add_meetings.py"
VIENNA_SEED = "004_da8b90398754ecf0.txt"
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


def test_bad_input_is_named_in_the_readers_language(app) -> None:
    at = app(PAGE, lang="fr")
    at.text_area(key="article_text").set_value("   ")
    at.button(key="article_draft").click().run()
    assert "article : le fichier est vide" in displayed(at) and "the file is empty" not in displayed(at)


def test_an_impossible_date_is_refused_in_the_readers_language(app, mini_folder: Path) -> None:
    before = revision(mini_folder)
    at = app(PAGE, lang="fr")
    at.text_area(key="article_text").set_value(ARTICLE.replace("12 mars 2025", "31 février 2025"))
    at.button(key="article_draft").click().run(timeout=60)
    assert [block.value for block in at.code] == ["« 31 février 2025 » n'est pas une date : 2025-02 n'a pas de jour 31"]
    assert "corrigez-les dans le texte" in displayed(at) and "article_drafts" not in at.session_state
    assert revision(mini_folder) == before


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


@pytest.fixture
def bundled_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled data, which records the Vienna meetings, as the app's data folder."""
    folder = shutil.copytree(REPO / "data", tmp_path / "data")
    monkeypatch.setenv("LIAISON_DATA", str(folder))
    return folder


def _drafted(shared: Path, **params: str) -> AppTest:
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(PAGE)
    at.run()
    at.text_input(key="article_outlet").set_value("DGSN-DGST")
    at.text_area(key="article_text").set_value((shared / "seeds" / VIENNA_SEED).read_text(encoding="utf-8"))
    at.button(key="article_draft").click().run()
    assert not at.exception
    return at


def test_drafts_already_recorded_are_shown_and_not_saved_unless_ticked(shared: Path, bundled_copy: Path) -> None:
    """All six Vienna drafts link to their record; Save adds nothing; "save anyway" on one adds exactly that one."""
    at = _drafted(shared)
    notices = [block.value for block in at.markdown if "already recorded as" in block.value]
    assert len(notices) == 6
    assert any("(meetings?meeting=2025-05-vienna-mar-qat)" in notice for notice in notices)
    assert "Every draft is already recorded" in displayed(at)
    before = len(load_dataset(bundled_copy).meetings)
    at.button(key="article_drafts_save").click().run()
    assert "Nothing saved: every draft is already recorded" in displayed(at)
    assert len(load_dataset(bundled_copy).meetings) == before
    at.checkbox(key="article_drafts_anyway_1").check().run()
    assert "1 meeting(s) ready to save; 5 already recorded will be skipped" in displayed(at)
    at.button(key="article_drafts_save").click().run()
    assert "Saved. The data is now at revision" in displayed(at)
    meetings = load_dataset(bundled_copy).meetings
    assert len(meetings) == before + 1
    added = meetings[~meetings["meeting_id"].str.startswith("2025-05-vienna-")].iloc[-1]
    assert (added["title"], added["title_fr"]) == ("Morocco–Qatar talks (Vienna)", "Entretiens Maroc–Qatar (Vienne)")
    assert added["parent_meeting_id"] == "2025-05-vienna-mena-22"  # the skipped draft's record, not a new copy
    participants = load_dataset(bundled_copy).participants
    assert set(participants.loc[participants["meeting_id"] == added["meeting_id"], "actor"]) == {"MAR", "QAT"}


def test_drafts_read_in_french_in_the_french_interface(shared: Path, bundled_copy: Path) -> None:
    """Format, precision and states are labelled in French, the French title comes first, the notice is French."""
    at = _drafted(shared, lang="fr")
    editor = at.dataframe[0].proto
    columns = json.loads(editor.columns)
    assert list(editor.column_order[:2]) == ["title_fr", "title_en"]
    labels = {
        name: {option["value"]: option["label"] for option in column.get("type_config", {}).get("options", [])}
        for name, column in columns.items()
    }
    assert labels["format"]["multilateral"] == "Multilatérale" and labels["date_precision"]["day"] == "Jour"
    assert labels["participant_states_iso3"]["AUT"] == "Autriche" and labels["country_iso3"]["MAR"] == "Maroc"
    assert columns["title"]["label"] == "Titre tel que dans la source (français)"
    text = displayed(at)
    assert "La ligne 1 est déjà enregistrée : [Entretiens sécuritaires bilatéraux Maroc–Qatar" in text
    assert "meetings?lang=fr&meeting=2025-05-vienna-mar-qat" in text
    assert "Ligne 0 : le titre est encore en français" in text
    frame = at.session_state["article_drafts"]["frame"]
    assert frame.iloc[1]["title_fr"] == "Entretiens Maroc–Qatar (Vienne)"
    assert frame.iloc[1]["participant_states_iso3"] == ["MAR", "QAT"]


def test_a_stale_edit_can_be_re_applied_on_top_of_the_other_change(app, mini_folder: Path) -> None:
    """Someone retitles the meeting in French while I fix its English title: mine is refused, then re-applied."""
    at = app(PAGE)
    at.selectbox(key="edit_meeting").set_value("moscow-12").run()
    meetings = snapshot(mini_folder).frames["meetings"]
    other = meetings.assign(title_fr=meetings["title_fr"].where(meetings["meeting_id"] != "moscow-12", "Titre de Bo"))
    save(mini_folder, {"meetings": other}, revision(mini_folder), "bo's edit", EDITOR)
    at.text_input(key="edit_moscow-12_title").set_value("Twelfth meeting, corrected")
    at.button(key="edit_save").click().run()
    assert "Someone saved a change since you opened this" in displayed(at)
    assert load_dataset(mini_folder).meetings.set_index("meeting_id").loc["moscow-12", "title"] == "Title moscow-12"
    assert "Your change to Title (English) is kept" in displayed(at)
    assert at.text_input(key="edit_moscow-12_title_fr").value == "Titre de Bo"  # the form now shows theirs
    at.button(key="edit_reapply").click().run()
    assert "Saved." in displayed(at)
    row = load_dataset(mini_folder).meetings.set_index("meeting_id").loc["moscow-12"]
    assert (row["title"], row["title_fr"]) == ("Twelfth meeting, corrected", "Titre de Bo")
