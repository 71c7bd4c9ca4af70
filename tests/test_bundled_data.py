"""The bundled dataset: valid, complete against its sources, and free of the sources' sentences."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from liaison.dataset.store import DEFAULT_DATA_DIR, load_dataset, validate_folder
from liaison.view.filters import Filters
from liaison.view.query import select
from liaison.view.stored_table import filter_meetings


@pytest.fixture(scope="module")
def bundled():
    return load_dataset(DEFAULT_DATA_DIR)


def test_the_bundled_data_is_valid() -> None:
    assert [str(problem) for problem in validate_folder(DEFAULT_DATA_DIR)[1]] == []


def test_the_vienna_meeting_and_its_five_bilaterals(bundled) -> None:
    vienna = filter_meetings(bundled, Filters(text="22nd", month_from="2025-05", month_to="2025-05"))
    parent = vienna[vienna["format"] == "multilateral"].iloc[0]
    assert parent["venue"] == "Vienna International Centre" and parent["organizer"] == "UN-MT"
    margins = bundled.meetings[bundled.meetings["parent_meeting_id"] == parent["meeting_id"]]
    counterparts = bundled.participants[
        bundled.participants["meeting_id"].isin(margins["meeting_id"]) & (bundled.participants["role"] == "counterpart")
    ]
    assert sorted(counterparts["actor"]) == ["ARE", "PAK", "QAT", "SAU", "TUR"]


def test_the_moscow_meeting_with_the_fsb_on_its_margins(bundled) -> None:
    moscow = bundled.meetings[(bundled.meetings["series"].notna()) & (bundled.meetings["edition"] == 13)]
    assert len(moscow) == 1 and moscow.iloc[0]["organizer"] == "RU-SC"
    assert moscow.iloc[0]["reported_participants"].startswith("100")
    margin = bundled.meetings[bundled.meetings["parent_meeting_id"] == moscow.iloc[0]["meeting_id"]]
    agencies = bundled.participants[bundled.participants["meeting_id"].isin(margin["meeting_id"])]["agency"]
    assert "FSB" in set(agencies.dropna())


def test_qatar_in_may_2025_is_the_vienna_meeting_and_its_bilateral(bundled) -> None:
    ids = select(bundled, Filters(countries=("QAT",), month_from="2025-05", month_to="2025-05"))
    assert len(ids) == 2


def test_every_meeting_labelled_in_the_sources_is_in_the_dataset(bundled, shared: Path) -> None:
    """Each labelled meeting of the articles the dataset was built from (01–25, 39 meetings) is in it.

    Articles 26 onwards were added later as the extractor's held-out split and are not (yet) in
    the bundled data; 02 and 21 are one event.
    """
    table = bundled.meetings
    missing = []
    for path in sorted((shared / "sources").glob("*.json")):
        if not path.stem.isdigit() or int(path.stem) > 25:
            continue
        for label in json.loads(path.read_text(encoding="utf-8"))["meetings"]:
            same = table[table["format"] == label["format"]]
            if label["start_date"]:
                same = same[same["start_date"].dt.strftime("%Y-%m-%d") == label["start_date"]]
            else:
                same = same[same["date_precision"] == "unknown"]
            if same.empty:
                missing.append(f"{path.name}: {label['title']}")
    assert missing == []


WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int) -> set[tuple[str, ...]]:
    """Every run of `size` consecutive words; '|' marks a cut no run may cross."""
    runs: set[tuple[str, ...]] = set()
    for part in text.casefold().split("|"):
        words = WORD.findall(part)
        runs |= {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}
    return runs


def test_no_sentence_of_the_articles_is_copied_into_the_data(shared: Path) -> None:
    """Facts and citations only: no run of ten words from an article appears in our summaries or notes.

    Official names (of meetings and organisations) are facts the sources spell out, so they are
    cut out of our text before comparing.
    """
    texts = [*sorted((shared / "sources").glob("*.txt")), *sorted((shared / "seeds").glob("*.txt"))]
    article_shingles = set().union(*(shingles(path.read_text(encoding="utf-8"), 10) for path in texts))
    frames = validate_folder(DEFAULT_DATA_DIR)[0]
    meetings, organizations = frames["meetings"], frames["organizations"]
    names = [
        *meetings["title"],
        *meetings["title_fr"],
        *meetings["title_original"],
        *organizations["name"],
        *organizations["name_fr"],
    ]
    names = sorted({" ".join(WORD.findall(name.casefold())) for name in names if name}, key=len, reverse=True)
    written = [*meetings["summary"], *meetings["summary_fr"], *frames["evidence"]["note"]]
    copied = set()
    for text in written:
        words = " ".join(WORD.findall(text.casefold()))
        for name in names:
            words = words.replace(name, " | ")
        copied |= {" ".join(run) for run in shingles(words, 10) & article_shingles}
    assert copied == set()
