"""The dashboard served from a PostgreSQL store: the same pages, the same numbers, saves land in the database."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EDITOR, REPO, displayed, mini_tables, write_tables
from sqlalchemy.engine import make_url
from streamlit.testing.v1 import AppTest

from components.markdown import JOINER, md_escape
from liaison.dataset.database import DatabaseError, DatabaseStore
from liaison.dataset.store import Dataset
from liaison.dataset.stores import FolderStore, copy
from liaison.view.filters import Filters
from liaison.view.query import select
from liaison.words.i18n import t


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


def shown(at: AppTest) -> str:
    """The page's text as a reader sees it, without the invisible joiners that keep a URL from becoming a link."""
    return displayed(at).replace(JOINER, "")


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
    assert "The data at postgresql://someone:***@127.0.0.1:9/nowhere could not be read" in shown(at)
    assert at.code[0].value.startswith("cannot reach postgresql://someone:***@127.0.0.1:9/nowhere: ")
    assert "secret" not in shown(at) + at.code[0].value


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "The data at {} could not be read:"), ("fr", "Les données de {} n'ont pas pu être lues :")],
)
def test_an_empty_database_says_it_holds_no_dataset_not_a_traceback(
    lang: str, said: str, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database Liaison's tables were never copied into is named, password hidden, with how to fill it: the
    store's own message (as `validate` gives it), not PostgreSQL's error about a missing table. The hidden
    password's `***` is shown as written, not read as markdown emphasis, and the command can be copied."""
    url = make_url(database_url).set(password="secret").render_as_string(hide_password=False)
    store = DatabaseStore(url)
    with pytest.raises(DatabaseError) as empty:
        store.validate()
    message = str(empty.value)
    assert message.startswith(f"{store.location} holds no Liaison dataset: copy one in with") and "***" in message
    monkeypatch.setenv("LIAISON_DATA", url)
    at = start("app_pages/overview.py", lang=lang)
    assert not at.exception
    assert [error.value for error in at.error] == [t("data.unreadable.store", lang, folder=md_escape(store.location))]
    assert said.format(store.location) in shown(at)
    assert [code.value for code in at.code] == [message]
    assert "secret" not in shown(at) + message and "liaison_state" not in shown(at)


def test_a_database_url_whose_port_is_not_a_number_is_explained_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    """The store cannot even be opened: the page still names the URL, password hidden, and its bad port."""
    monkeypatch.setenv("LIAISON_DATA", "postgresql://someone:secret@127.0.0.1:abc/nowhere")
    at = start("app_pages/overview.py")
    assert not at.exception
    assert "The data at postgresql://someone:***@127.0.0.1:abc/nowhere could not be read" in shown(at)
    assert [code.value for code in at.code] == [
        "postgresql://someone:***@127.0.0.1:abc/nowhere: the port 'abc' is not a number "
        "(postgresql://user@host:5432/database)"
    ]
    assert "secret" not in shown(at)
