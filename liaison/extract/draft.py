"""The extractor's record: one proposed meeting in the shape of the hand labels, and one article's result.

Typed once here, so the extractor, intake, the review table and the tests agree on every key
(`DRAFT_FIELDS` is the labels' order).
"""

from __future__ import annotations

from typing import NotRequired, TypedDict


class DraftMeeting(TypedDict, total=False):
    """One meeting as the extractor proposes it (`extract_article`), with the titles a reviewer keeps.

    `title` is the title in the article's language; `title_en` and `title_fr` are the titles
    to record, built by `with_titles` where the parts allow, else left to the reviewer.
    `parent` is the index of another draft of the same article.
    """

    title: str | None
    title_en: str | None
    title_fr: str | None
    series: str | None
    edition: int | str | None
    start_date: str | None
    end_date: str | None
    date_precision: str | None
    city: str | None
    country_iso3: str | None
    venue: str | None
    organizer: str | None
    format: str | None
    participant_states_iso3: list[str]
    parent: int | None
    topics: list[str]


DRAFT_FIELDS = tuple(key for key in DraftMeeting.__annotations__ if key not in ("title_en", "title_fr"))
"""The keys the extractor writes, in the labels' order (the two record titles come later, from intake)."""


class Extraction(TypedDict):
    """What `extract_article` returns for one text: its language and the meetings it proposes.

    `evidence` (from `extract_with_evidence` only) gives, per meeting, field → the sentence read;
    `problems` names what the text writes that cannot be read as written (a day no month has).
    """

    language: str
    meetings: list[DraftMeeting]
    problems: list[str]
    evidence: NotRequired[list[dict[str, str]]]
