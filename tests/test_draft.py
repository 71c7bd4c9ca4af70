"""The extractor's record is typed once: its keys are the hand labels' keys, and every reader uses them."""

from __future__ import annotations

import json
from pathlib import Path

from components.draft_review import COLUMNS
from liaison.extract.draft import DRAFT_FIELDS, DraftMeeting


def test_the_record_has_the_hand_labels_keys_in_their_order(shared: Path) -> None:
    labels = json.loads((shared / "sources" / "01.json").read_text(encoding="utf-8"))
    assert tuple(labels["meetings"][0]) == DRAFT_FIELDS


def test_the_review_table_shows_fields_of_the_record_only() -> None:
    assert set(COLUMNS) <= set(DraftMeeting.__annotations__)
    assert {"title_en", "title_fr", "participant_states_iso3", "parent"} <= set(COLUMNS)
