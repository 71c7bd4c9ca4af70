"""One page of a meeting list: the search folds accents and case over titles, venues and states; orders; pages."""

from __future__ import annotations

import pandas as pd
import pytest

from liaison.view.listing import ordered, page_of, search_keys
from liaison.view.query import meeting_table

NEWEST = ["moscow-13", "vienna-22", "vienna-mar-qat", "moscow-12", "riyadh-visit", "undated-madrid"]


@pytest.fixture
def table(mini) -> pd.DataFrame:
    """The mini meeting table, newest first, with one accented title to fold."""
    base = meeting_table(mini)
    assert list(base["meeting_id"]) == NEWEST
    titles = base["title"].where(base["meeting_id"] != "riyadh-visit", "Échanges sur l’éthique à Genève")
    return base.assign(title=titles)


def found(table: pd.DataFrame, text: str, sort: str = "newest", lang: str = "en") -> list[str]:
    return list(table["meeting_id"].take(ordered(table, search_keys(table), text, sort, lang)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", NEWEST),
        ("geneve", ["riyadh-visit"]),  # accents folded in the text
        ("GENÈVE", ["riyadh-visit"]),  # and in the search, with case
        ("l'ethique", ["riyadh-visit"]),  # a curly apostrophe meets a straight one
        ("Moscou", ["moscow-13", "moscow-12"]),  # the venue's French name: no title says it
        ("qatar", ["vienna-22", "vienna-mar-qat"]),  # a state taking part: vienna-22's title does not name it
        ("Espagne", ["undated-madrid"]),  # a state's French name
        ("sau", ["riyadh-visit"]),  # a state's code
        ("vienna   qatar", ["vienna-22", "vienna-mar-qat"]),  # every word must be found, anywhere
        ("moscow qatar", []),
        ("nowhere", []),
    ],
)
def test_a_search_finds_titles_venues_and_states_folded(table, text, expected) -> None:
    """Case, accents and apostrophes do not matter; a state is found by its English or French name or code."""
    assert found(table, text) == expected


@pytest.mark.parametrize(
    ("sort", "lang", "expected"),
    [
        ("newest", "en", NEWEST),  # the table's own order: each parent before the talks on its margins
        ("unknown", "en", NEWEST),
        ("oldest", "en", ["riyadh-visit", "moscow-12", "vienna-22", "vienna-mar-qat", "moscow-13", "undated-madrid"]),
        # "Échanges…" folded is "echanges", before "Morocco…", then the "Title …"s
        (
            "title",
            "en",
            ["riyadh-visit", "vienna-mar-qat", "moscow-12", "moscow-13", "undated-madrid", "vienna-22"],
        ),
        # French titles: "Titre …" for all, so the ids order them
        (
            "title",
            "fr",
            ["moscow-12", "moscow-13", "riyadh-visit", "undated-madrid", "vienna-22", "vienna-mar-qat"],
        ),
    ],
)
def test_meetings_are_ordered_on_the_whole_view(table, sort, lang, expected) -> None:
    """Undated meetings last by date; titles folded, in the reader's language."""
    assert found(table, "", sort, lang) == expected


def test_searching_and_ordering_combine(table) -> None:
    """The matches only, in the order asked for."""
    assert found(table, "moscow", "oldest") == ["moscow-12", "moscow-13"]


def test_a_search_without_keys_is_refused(table) -> None:
    """A search never silently matches everything."""
    with pytest.raises(ValueError, match="search keys"):
        ordered(table, None, "vienna", "newest")


@pytest.mark.parametrize(
    ("page", "size", "expected_page", "ids", "first", "last", "pages"),
    [
        (1, 4, 1, NEWEST[:4], 1, 4, 2),
        (2, 4, 2, NEWEST[4:], 5, 6, 2),
        (9, 4, 2, NEWEST[4:], 5, 6, 2),  # past the end: the last page
        (0, 4, 1, NEWEST[:4], 1, 4, 2),
        (3, 2, 3, NEWEST[4:], 5, 6, 3),
        (1, 100, 1, NEWEST, 1, 6, 1),
    ],
)
def test_a_page_holds_its_rows_only(table, page, size, expected_page, ids, first, last, pages) -> None:
    """A page outside the list is the nearest page there is; rows are numbered from 1."""
    listing = page_of(table, ordered(table, None, "", "newest"), page, size)
    assert list(listing.rows["meeting_id"]) == ids
    assert (listing.page, listing.pages, listing.first, listing.last, listing.matched) == (
        expected_page,
        pages,
        first,
        last,
        6,
    )
    assert list(listing.rows.index) == list(range(len(ids)))  # labelled columns line up with the rows


def test_nothing_found_is_one_empty_page(table) -> None:
    """No match: page 1 of 1, rows 0 to 0."""
    listing = page_of(table, ordered(table, search_keys(table), "nowhere", "newest"), 3, 2)
    assert listing.rows.empty and (listing.page, listing.pages, listing.first, listing.last, listing.matched) == (
        1,
        1,
        0,
        0,
        0,
    )
