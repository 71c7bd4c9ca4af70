"""The dashboard served from a PostgreSQL store: the same pages, the same numbers, saves land in the database."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EDITOR, REPO, displayed, mini_tables, write_tables
from streamlit.testing.v1 import AppTest

from liaison.dataset.database import DatabaseStore
from liaison.dataset.store import Dataset
from liaison.dataset.stores import FolderStore, copy
from liaison.view.filters import Filters
from liaison.view.query import select


@pytest.fixture
def served(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> DatabaseStore:
    store = DatabaseStore(database_url)
    copy(FolderStore(write_tables(tmp_path / "data", mini_tables())), store, EDITOR)
    monkeypatch.setenv("LIAISON_DATA", database_url)
    return store


def start(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(page)
    return at.run()


def test_the_overview_reads_the_database(served: DatabaseStore, mini: Dataset) -> None:
    at = start("app_pages/overview.py", country="RUS")
    assert not at.exception
    meetings = [metric.value for metric in at.metric if metric.label == "Meetings"]
    assert meetings == [str(len(select(mini, Filters(countries=("RUS",)))))]


def test_an_edit_on_the_page_is_saved_in_the_database_with_its_editor(served: DatabaseStore) -> None:
    at = start("app_pages/add_meetings.py")
    assert f"Changes are saved to {served.location}" in displayed(at).replace("\u2060", "")
    at.text_input(key="edit_author").set_value("Analyst One")
    at.selectbox(key="edit_meeting").set_value("moscow-12").run()
    at.text_input(key="edit_moscow-12_title").set_value("Twelfth meeting, corrected")
    at.button(key="edit_save").click().run()
    assert "Saved." in displayed(at)
    meetings = served.load().meetings.set_index("meeting_id")
    assert meetings.loc["moscow-12", "title"] == "Twelfth meeting, corrected"
    entry = served.read_log()[-1]
    assert entry["summary"] == "edit moscow-12" and entry["who"]["name"] == "Analyst One"


def test_a_database_that_cannot_be_reached_is_explained_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIAISON_DATA", "postgresql://someone:secret@127.0.0.1:9/nowhere")
    at = start("app_pages/overview.py")
    assert not at.exception
    assert "cannot reach postgresql://someone:***@127.0.0.1:9/nowhere" in displayed(at)
    assert "secret" not in displayed(at)
