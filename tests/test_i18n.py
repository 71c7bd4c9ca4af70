"""Translations: both catalogues have every key, and every key the code asks for exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pandas as pd
import pytest

from liaison.words.i18n import catalogue, date_span_label, t, topic_labels

REPO = Path(__file__).resolve().parent.parent
CODE = [
    *REPO.glob("liaison/*.py"),
    *REPO.glob("components/*.py"),
    *REPO.glob("app_pages/*.py"),
    REPO / "dashboard.py",
]
LITERAL_KEY = re.compile(r"""\bt\(\s*["']([a-z_]+(?:\.[A-Za-z_0-9-]+)+)["']""")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_english_and_french_have_the_same_keys() -> None:
    assert set(catalogue("en")) == set(catalogue("fr"))


@pytest.mark.parametrize("key", sorted(catalogue("en")))
def test_both_languages_fill_the_same_placeholders(key) -> None:
    assert placeholders(catalogue("en")[key]) == placeholders(catalogue("fr")[key])
    assert catalogue("fr")[key].strip()


def test_every_key_the_code_uses_is_in_the_catalogue() -> None:
    used = {key for path in CODE for key in LITERAL_KEY.findall(path.read_text(encoding="utf-8"))}
    assert used, "the pattern found no key: the test would prove nothing"
    assert used - set(catalogue("en")) == set()


def test_messages_fill_their_placeholders() -> None:
    assert t("timeline.undated", "fr", count=2).startswith("2 réunion(s)")
    assert t("format.bilateral", "de") == "Bilateral"  # unknown language falls back to English


@pytest.mark.parametrize(
    ("start", "end", "precision", "lang", "expected"),
    [
        ("2025-05-06", "2025-05-07", "day", "fr", "6–7 mai 2025"),
        ("2025-05-28", "2025-05-28", "day", "en", "28 May 2025"),
        ("2024-09-30", "2024-10-02", "day", "en", "30 September 2024 – 2 October 2024"),
        ("2024-02-01", "2024-02-01", "month", "fr", "février 2024"),
        ("2023-01-01", "2023-01-01", "year", "en", "2023"),
    ],
)
def test_dates_are_written_no_more_precisely_than_known(start, end, precision, lang, expected) -> None:
    assert date_span_label(pd.Timestamp(start), pd.Timestamp(end), precision, lang) == expected


def test_topic_labels_read_the_taxonomy_in_the_language_and_keep_an_unknown_id() -> None:
    taxonomy = pd.DataFrame(
        {
            "topic_id": ["cyber", "maritime"],
            "label_en": ["Cyber security", "Maritime"],
            "label_fr": ["Cyber", "Maritime FR"],
        }
    )
    assert topic_labels(["maritime", "cyber", "space"], taxonomy, "fr") == ["Maritime FR", "Cyber", "space"]
    assert topic_labels(pd.Index(["cyber"]), taxonomy, "xx") == ["Cyber security"]
    assert topic_labels([], taxonomy, "en") == []
