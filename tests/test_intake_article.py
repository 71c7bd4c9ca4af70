"""One intake flow for the page and the command line: drafts, duplicates, and the article saved with its rows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EDITOR
from test_drafts import DRAFTS

from liaison.dataset.changes import LOG, StaleRevisionError, read_log, revision, save, snapshot, undo
from liaison.dataset.store import load_dataset
from liaison.dataset.stores import FolderStore
from liaison.intake.article import article_file, review, save_retrying, save_review
from liaison.intake.drafts import SourceInfo
from liaison.intake.geocode import GeocodingChain

SOURCE = SourceInfo(outlet="Press Agency", language="fr", url="https://example.org/a", published="2025-05-08")
ARTICLE = "Le 6 mai 2025, à Vienne, la 22e réunion régionale…"
CAIRO = [dict(DRAFTS[0], city="Cairo", country_iso3="EGY"), dict(DRAFTS[1], city="Cairo", country_iso3="EGY")]


def test_drafts_that_repeat_a_recorded_meeting_are_left_out_unless_kept(mini_folder: Path) -> None:
    drafted = review(snapshot(mini_folder), DRAFTS, SOURCE, GeocodingChain.for_folder(mini_folder, {}))
    assert set(drafted.duplicates) == set(drafted.draft_ids)
    assert drafted.added.empty and drafted.left_out == {
        drafted.draft_ids[0]: "vienna-22",
        drafted.draft_ids[1]: "vienna-mar-qat",
    }
    kept = drafted.keeping({drafted.draft_ids[1]})
    assert list(kept.added["meeting_id"]) == [drafted.draft_ids[1]]
    assert kept.added.iloc[0]["parent_meeting_id"] == "vienna-22"
    assert kept.keeping(drafted.duplicates).added.shape[0] == 2


def test_the_article_is_saved_with_its_rows_in_one_change(mini_folder: Path) -> None:
    drafted = review(snapshot(mini_folder), CAIRO, SOURCE, GeocodingChain.for_folder(mini_folder, {}))
    done = save_review(FolderStore(mini_folder), drafted, ARTICLE, "add from article", EDITOR)
    assert (mini_folder / article_file(drafted.source_id)).read_text(encoding="utf-8") == ARTICLE
    assert load_dataset(mini_folder).sources.iloc[-1]["source_id"] == drafted.source_id
    (entry,) = read_log(mini_folder)
    assert entry["attachments"] == [article_file(drafted.source_id)] and entry["revision"] == done.revision


def test_a_refused_save_writes_neither_rows_nor_article(mini_folder: Path) -> None:
    drafted = review(snapshot(mini_folder), CAIRO, SOURCE, GeocodingChain.for_folder(mini_folder, {}))
    retitled = drafted.base.frames["meetings"].assign(title="Retitled by someone else")
    save(mini_folder, {"meetings": retitled}, drafted.base.revision, "someone else", EDITOR)
    before = revision(mini_folder)
    with pytest.raises(StaleRevisionError):
        save_review(FolderStore(mini_folder), drafted, ARTICLE, "add from article", EDITOR)
    assert revision(mini_folder) == before and not (mini_folder / "articles").exists()


def test_a_review_that_adds_nothing_attaches_no_article(mini_folder: Path) -> None:
    """All drafts recorded already: no source row is added, so no article may claim an existing source's id."""
    drafted = review(snapshot(mini_folder), DRAFTS, SOURCE, GeocodingChain.for_folder(mini_folder, {}))
    save_review(FolderStore(mini_folder), drafted, ARTICLE, "nothing new", EDITOR)
    assert not (mini_folder / "articles").exists()


def test_a_batch_save_re_drafts_on_the_fresh_folder_when_someone_saved_first(mini_folder: Path) -> None:
    stale, places = snapshot(mini_folder), GeocodingChain.for_folder(mini_folder, {})
    other = review(stale, CAIRO[:1], SourceInfo(outlet="Other", language="fr"), places)
    save_review(FolderStore(mini_folder), other, None, "someone else", EDITOR)
    saved, done = save_retrying(FolderStore(mini_folder), CAIRO, SOURCE, places, ARTICLE, "batch", EDITOR)
    assert done.previous != stale.revision and len(saved.added) == 1  # the other Cairo meeting is recorded now
    assert saved.left_out and (mini_folder / article_file(saved.source_id)).is_file()
    assert len(load_dataset(mini_folder).sources) == len(stale.frames["sources"]) + 2


def test_undo_keeps_the_article_but_puts_the_tables_back(mini_folder: Path) -> None:
    before = revision(mini_folder)
    drafted = review(snapshot(mini_folder), CAIRO, SOURCE, GeocodingChain.for_folder(mini_folder, {}))
    done = save_review(FolderStore(mini_folder), drafted, ARTICLE, "add", EDITOR)
    assert undo(mini_folder, done.revision, EDITOR).revision == before
    assert (mini_folder / article_file(drafted.source_id)).is_file()
    assert json.loads((mini_folder / LOG).read_text(encoding="utf-8").splitlines()[-1])["action"] == "undo"


@pytest.mark.parametrize("path", ["meetings.csv", LOG, ".history/x/meetings.csv", "loose.txt", ".journal/a"])
def test_an_attachment_may_not_land_on_the_folders_own_files(mini_folder: Path, path: str) -> None:
    before = revision(mini_folder)
    with pytest.raises(ValueError, match="cannot be saved as an attachment"):
        save(mini_folder, {}, before, "attach", EDITOR, attachments={path: b"x"})
    assert revision(mini_folder) == before
