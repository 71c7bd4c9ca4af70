"""Adding meetings from an article: extract, draft rows, flag what is recorded, save with the article.

The Add meetings page and `python -m liaison ingest` both go through here, so a text gives
the same drafts, the same "already recorded" verdicts and the same saved rows in either.
The article is written in the same save as its rows, under the store's lock and in the
same change-log line: a source row never exists without its text, nor the reverse.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

import pandas as pd

from liaison.dataset.access import Editor
from liaison.dataset.changes import Saved, Snapshot, check_against
from liaison.dataset.schema import Problem
from liaison.dataset.stores import Store
from liaison.extract.article import extract_with_evidence
from liaison.extract.codebook import Codebook
from liaison.extract.dates import ImpossibleDate
from liaison.extract.draft import DraftMeeting
from liaison.intake.drafts import EXTRACTED, Geocoder, Origin, SourceInfo, draft_rows, with_titles, without_drafts
from liaison.intake.duplicates import Duplicate, find_duplicates

ARTICLES = "articles"


@dataclass(frozen=True)
class Proposal:
    """What the extractor proposes for one text: its language, the drafts, per draft field → sentence,
    and the problems that stop the text from being drafted as it is (a date no calendar has)."""

    language: str
    drafts: list[DraftMeeting]
    evidence: list[dict[str, str]]
    problems: list[ImpossibleDate]


def codebook_of(frames: Mapping[str, pd.DataFrame]) -> Codebook:
    """The topics and organisations of the dataset the drafts are for."""
    return Codebook.from_tables(frames["taxonomy"], frames["organizations"])


def propose(
    text: str, published: date | None, lang: str | None, frames: Mapping[str, pd.DataFrame], geocoder: Geocoder | None
) -> Proposal:
    """Draft meetings of `text` against the dataset in `frames`, titled in both languages where the parts allow."""
    extracted = extract_with_evidence(text, published, lang, codebook=codebook_of(frames))
    drafts = with_titles(extracted["meetings"], extracted["language"], geocoder)
    return Proposal(extracted["language"], drafts, extracted["evidence"], extracted["problems"])


@dataclass(frozen=True)
class Review:
    """The drafts as rows of a folder, which of them repeat a recorded meeting, and which are left out.

    `drafted` is the folder's tables with every draft added; `draft_ids` the meeting ids the
    drafts got, in draft order; `duplicates` maps a draft id to the recorded meeting it
    repeats; `left_out` those of them not saved (all, unless the reviewer says "save anyway").
    """

    base: Snapshot
    drafted: dict[str, pd.DataFrame]
    draft_ids: tuple[str, ...]
    duplicates: Mapping[str, Duplicate]
    left_out: Mapping[str, str] = field(default_factory=dict)

    @cached_property
    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables to save: the drafted ones without the drafts left out."""
        return without_drafts(self.base.frames, self.drafted, self.left_out) if self.left_out else self.drafted

    @property
    def added(self) -> pd.DataFrame:
        """The meetings this review would save."""
        return self.tables["meetings"].iloc[len(self.base.frames["meetings"]) :]

    @property
    def source_id(self) -> str:
        """The main source's id: the first the drafts added (the article, when there is one)."""
        return str(self.tables["sources"].iloc[len(self.base.frames["sources"])]["source_id"])

    def keeping(self, draft_ids: Collection[str]) -> Review:
        """The same drafts with these duplicates saved anyway and the other duplicates left out."""
        left_out = {key: match.recorded_id for key, match in self.duplicates.items() if key not in draft_ids}
        return Review(self.base, self.drafted, self.draft_ids, self.duplicates, left_out)

    def problems(self) -> list[Problem]:
        """Every problem the folder would have once saved (none: it may be saved)."""
        return check_against(self.base.frames, self.base.problems, self.tables)


def review(
    base: Snapshot,
    drafts: list[DraftMeeting],
    source: SourceInfo,
    geocoder: Geocoder | None,
    keep: Collection[str] = (),
    also: Sequence[SourceInfo] = (),
    origin: Origin = EXTRACTED,
) -> Review:
    """The drafts as rows of the folder in `base`, citing `source` and `also`; duplicates not in `keep` left out."""
    drafted = draft_rows(base.frames, drafts, source, geocoder, also, origin)
    draft_ids = tuple(drafted["meetings"]["meeting_id"].iloc[len(base.frames["meetings"]) :])
    return Review(base, drafted, draft_ids, find_duplicates(base.frames, drafted)).keeping(keep)


def article_file(source_id: str) -> str:
    """Where a source's article is kept inside the data folder."""
    return f"{ARTICLES}/{source_id}.txt"


def save_review(store: Store, reviewed: Review, article: str | None, summary: str, editor: Editor | None) -> Saved:
    """Save the reviewed rows, and the article they come from, as one change on the revision they were read at."""
    return store.save(reviewed.tables, reviewed.base.revision, summary, editor, _attachments(reviewed, article))


def _attachments(reviewed: Review, article: str | None) -> dict[str, bytes]:
    """The article, when the review adds meetings (a review left with none adds no source either)."""
    if not article or reviewed.added.empty:
        return {}
    return {article_file(reviewed.source_id): article.encode("utf-8")}


def save_retrying(
    store: Store,
    drafts: list[DraftMeeting],
    source: SourceInfo,
    geocoder: Geocoder | None,
    article: str | None,
    summary: str,
    editor: Editor | None,
    keep_duplicates: bool = False,
) -> tuple[Review, Saved]:
    """Draft and save on the store as it is at the moment of saving, re-drafting if someone saved first.

    For a batch writer: ids, duplicates and checks are worked out again on the fresh tables,
    so a concurrent save delays it instead of turning it away. Raises DatasetError when the
    drafts no longer fit; returns the review that was saved, and the save.
    """
    saved: list[Review] = []

    def apply(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
        drafted = review(Snapshot(frames, [], ""), drafts, source, geocoder)
        saved[:] = [drafted.keeping(drafted.duplicates if keep_duplicates else ())]
        return saved[0].tables

    done = store.save_with_retry(apply, summary, editor, attachments=lambda _: _attachments(saved[0], article))
    return saved[0], done
