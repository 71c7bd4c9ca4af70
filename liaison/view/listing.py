"""A list of meetings one page at a time: searched, sorted and cut on the server, so a page holds its rows only.

The Meetings page shows about a hundred rows whatever the size of the view. Searching and
sorting happen here, over every meeting of the view, and only the page asked for leaves:
`search_keys` folds each meeting's text once per data version, `ordered` finds and orders
the meetings of a view (a small array of positions, cheap to keep), `page_of` cuts a page.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from liaison.words.folding import fold_words
from liaison.words.places import country_name

PAGE_SIZE = 100
SORTS = ("newest", "oldest", "title")
DEFAULT_SORT = "newest"
# What a search looks in, beside the names (English and French) and codes of the states taking part.
SEARCHED = ("title", "title_fr", "venue", "venue_fr", "city")
_ROW = "\x00"  # between rows of the text folded in one pass: not whitespace, so folding keeps it


def _fold_all(texts: list[str]) -> list[str]:
    """Each text folded as `fold_words` folds it, in one pass over all of them."""
    if not texts:
        return []
    return fold_words(_ROW.join(text.replace(_ROW, " ") for text in texts)).split(_ROW)


def search_keys(table: pd.DataFrame) -> pd.Series:
    """For each meeting of the table, by id, the folded text a search matches: titles, venue, city, states."""
    states = sorted({code for codes in table["states"] for code in codes})
    names = {code: f"{country_name(code, 'en')} {country_name(code, 'fr')} {code}" for code in states}
    texts = [table[column].fillna("").astype(str) for column in SEARCHED]
    joined = texts[0].str.cat(texts[1:], sep=" ")
    people = [" ".join(names[code] for code in codes) for codes in table["states"]]
    rows = [f"{text} {named}" for text, named in zip(joined.tolist(), people, strict=True)]
    return pd.Series(_fold_all(rows), index=pd.Index(table["meeting_id"], name="meeting_id"), dtype=object)


def search_terms(text: str) -> list[str]:
    """The words of a search, folded; a meeting matches when its text holds every one of them."""
    return fold_words(text).split()


def ordered(meetings: pd.DataFrame, keys: pd.Series | None, text: str, sort: str, lang: str = "en") -> np.ndarray:
    """Positions in `meetings` (newest first, as `meeting_table` orders them) of those matching `text`, in `sort` order.

    `keys` are the meetings' folded texts (`search_keys`); they are needed only for a search.
    `newest` keeps the given order (each parent before the talks on its margins), `oldest`
    puts the earliest start first, `title` orders by the title in `lang` ignoring case and
    accents (the same title: newest first); undated meetings come last in both date orders.
    An unknown `sort` is `newest`.
    """
    positions = np.arange(len(meetings))
    terms = search_terms(text)
    if terms and len(meetings):
        if keys is None:
            raise ValueError("a search needs the meetings' search keys")
        found = keys.reindex(meetings["meeting_id"]).fillna("")
        keep = np.ones(len(meetings), dtype=bool)
        for term in terms:
            keep &= found.str.contains(term, regex=False).to_numpy(dtype=bool)
        positions = positions[keep]
    if sort == "oldest":
        starts = meetings["start_date"].to_numpy()[positions]
        return positions[np.lexsort((starts.view("int64"), pd.isna(starts)))]
    if sort == "title":
        titles = meetings["title_fr" if lang == "fr" else "title"].fillna("").astype(str).to_numpy()[positions]
        folded = pd.Series(_fold_all(list(titles)), dtype=object)
        return positions[folded.argsort(kind="stable").to_numpy()]
    return positions


@dataclass(frozen=True)
class Listing:
    """One page of a list: its rows, which page it is of how many, and which rows of how many it holds."""

    rows: pd.DataFrame
    page: int
    pages: int
    matched: int
    first: int
    last: int


def page_of(meetings: pd.DataFrame, order: np.ndarray, page: int, size: int = PAGE_SIZE) -> Listing:
    """Page `page` (from 1) of `meetings` taken in `order`; a page past either end is the nearest one there is.

    `first` and `last` number the page's rows from 1 (both 0 when nothing matched).
    """
    pages = max(1, -(-len(order) // size))
    page = min(max(page, 1), pages)
    chosen = order[(page - 1) * size : page * size]
    rows = meetings.take(chosen).reset_index(drop=True)
    first = (page - 1) * size + 1 if len(chosen) else 0
    last = first + len(chosen) - 1 if len(chosen) else 0
    return Listing(rows=rows, page=page, pages=pages, matched=len(order), first=first, last=last)
