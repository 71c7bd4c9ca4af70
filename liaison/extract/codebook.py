"""The codebook an extraction reads: the topics and their keywords, and the organisations it can name.

It comes from the dataset being fed (its `taxonomy` and `organizations` tables), never from
a folder the extractor finds by itself: drafts for another data folder get that folder's
topics and organisers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

import pandas as pd

from liaison.words.folding import fold


class Organisation(NamedTuple):
    """An organisation as drafts name it, and the folded names and acronyms that point to it."""

    name_en: str
    name_fr: str
    kind: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class Codebook:
    """Topic id → its English and French keywords; the organisations, in table order."""

    topics: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    organisations: tuple[Organisation, ...] = ()

    @classmethod
    def from_tables(cls, taxonomy: pd.DataFrame, organizations: pd.DataFrame) -> Codebook:
        """The codebook of a dataset, from its tables as read (text) or loaded (typed)."""
        topics = {
            str(row["topic_id"]): tuple(
                word.strip()
                for word in f"{_text(row['keywords_en'])};{_text(row['keywords_fr'])}".split(";")
                if word.strip()
            )
            for row in taxonomy.to_dict("records")
        }
        organisations = []
        for row in organizations.to_dict("records"):
            names = {_text(row[column]) for column in ("name", "name_fr", "acronym", "acronym_fr", "org_id")}
            folded = tuple(sorted({fold(name) for name in names if len(name) > 2}, key=len, reverse=True))
            english = _text(row["acronym"]) or _text(row["name"])
            french = _text(row["acronym_fr"]) or _text(row["name_fr"])
            organisations.append(Organisation(english, french, _text(row["kind"]), folded))
        return cls(topics, tuple(organisations))


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
