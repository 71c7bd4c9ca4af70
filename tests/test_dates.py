"""Dates in news text: what each expression states, completed only from the article's own date.

Issue 12: an impossible date ("31 février 2025", "30 February 2025") is not a date at all; it
must never roll over into the first days of March.
"""

from __future__ import annotations

from datetime import date

import pytest
from conftest import BUNDLED_CODEBOOK

from liaison.extract.article import extract_article
from liaison.extract.dates import When, find_dates, find_duration, parse_published, year_from_weekday


def day(value: str) -> When:
    parsed = date.fromisoformat(value)
    return When(parsed, parsed, "day")


def resolved(text: str, lang: str, reference: When | None = None, article_years: tuple[int, ...] = ()) -> list:
    return [mention.when for mention in find_dates(text, lang, reference, article_years)]


def test_a_stated_year_wins_over_the_articles_date() -> None:
    assert resolved("Le ministre a reçu le 6 mai 2023 son homologue.", "fr", day("2025-06-10")) == [day("2023-05-06")]


def test_a_day_without_a_year_takes_the_year_that_puts_it_nearest_the_articles_date() -> None:
    """ "5 janvier" in an article of 28 December 2024 is a week later, in 2025, not eleven months earlier."""
    assert resolved("Le ministre a reçu le 5 janvier son homologue.", "fr", day("2024-12-28")) == [day("2025-01-05")]


def test_derniers_and_prochain_say_which_side_of_the_article_the_day_falls() -> None:
    """Five days before 10 January, "le 10 janvier dernier" is last year's and "le 3 janvier prochain" next year's."""
    assert resolved("le 10 janvier dernier", "fr", day("2025-01-05")) == [day("2024-01-10")]
    assert resolved("le 3 janvier prochain", "fr", day("2025-01-05")) == [day("2026-01-03")]


def test_without_the_articles_date_no_year_is_invented() -> None:
    """dateparser would fill today's year; the module keeps the day and month and leaves the year open."""
    (mention,) = find_dates("le 5 mai", "fr", None)
    assert (mention.when, mention.month, mention.days) == (None, 5, (5, 5))


def test_a_year_stated_elsewhere_in_the_sentence_completes_a_day_without_one() -> None:
    text = "Les réunions du 5 mai et du 20 juin 2023 ont eu lieu à Rabat."
    assert resolved(text, "fr", day("2025-01-05")) == [day("2023-05-05"), day("2023-06-20")]


def test_a_founding_year_is_marked_historical_and_does_not_date_the_meeting() -> None:
    (founded, meeting) = find_dates("L'organisation, fondée en 1963, s'est réunie le 5 mai.", "fr", day("2025-06-01"))
    assert "historical" in founded.marks
    assert meeting.when == day("2025-05-05")


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("mardi", "fr", "2024-03-05"),
        ("on Thursday", "en", "2024-03-07"),
        ("last Thursday", "en", "2024-02-29"),
        ("next Tuesday", "en", "2024-03-12"),
        ("mardi prochain", "fr", "2024-03-12"),
    ],
)
def test_a_weekday_is_resolved_against_the_articles_own_date(text: str, lang: str, expected: str) -> None:
    """In an article of Thursday 7 March 2024: the last such day, or the next one when announced."""
    assert resolved(text, lang, day("2024-03-07")) == [day(expected)]


def test_a_weekday_in_an_article_dated_to_the_month_gives_only_the_month_and_to_the_year_nothing() -> None:
    march = When(date(2024, 3, 1), date(2024, 3, 1), "month")
    assert resolved("dimanche", "fr", march) == [march]
    assert resolved("dimanche", "fr", When(date(2024, 1, 1), date(2024, 1, 1), "year")) == [None]


def test_a_weekday_fixes_the_year_only_when_one_year_near_the_articles_fits() -> None:
    """Thursday 17 November is 2022 near 2022; near both 2016 and 2022 it could be either."""
    assert year_from_weekday(11, 17, 3, [2022]) == 2022
    assert year_from_weekday(11, 17, 3, [2016, 2022]) is None
    assert resolved("on Thursday 17 November", "en", None, (2022,)) == [day("2022-11-17")]


def test_english_may_and_march_are_months_only_with_a_capital() -> None:
    assert [m.kind for m in find_dates("they may 2025", "en", None)] == ["year"]
    assert resolved("in May 2025", "en") == [When(date(2025, 5, 1), date(2025, 5, 1), "month")]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [("hier", "fr", day("2025-06-09")), ("last month", "en", When(date(2025, 5, 1), date(2025, 5, 1), "month"))],
)
def test_relative_words_count_from_the_articles_date(text: str, lang: str, expected: When) -> None:
    assert resolved(text, lang, day("2025-06-10")) == [expected]


@pytest.mark.parametrize(
    ("text", "days"),
    [("a two-day meeting", 2), ("une réunion étalée sur trois jours", 3), ("a 4-day visit", 4), ("a meeting", None)],
)
def test_find_duration_reads_how_many_days_a_sentence_says(text: str, days: int | None) -> None:
    assert find_duration(text) == days


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-05-07", day("2024-05-07")),
        (" 2024-05 ", When(date(2024, 5, 1), date(2024, 5, 1), "month")),
        ("2024", When(date(2024, 1, 1), date(2024, 1, 1), "year")),
        ("2024-02-30", None),
        ("2024-13", None),
        ("7 May 2024", None),
    ],
)
def test_a_published_line_is_read_with_its_precision_and_an_impossible_one_is_refused(value, expected) -> None:
    assert parse_published(value) == expected


IMPOSSIBLE = [
    ("La réunion a eu lieu le 31 février 2025 à Rabat.", "fr"),
    ("La réunion a eu lieu le 30 février 2025 à Rabat.", "fr"),
    ("La réunion a eu lieu le 29 février 2025 à Rabat.", "fr"),
    ("The meeting was held on 30 February 2025 in Rabat.", "en"),
    ("The meeting was held on February 30, 2025 in Rabat.", "en"),
    ("The meeting was held on 31 April 2025 in Rabat.", "en"),
    ("La réunion a eu lieu du 27 au 31 février 2025.", "fr"),
    ("La réunion a eu lieu le 31/02/2025.", "fr"),
    ("The meeting was held on 2025-02-31.", "en"),
]


@pytest.mark.parametrize(("text", "lang"), IMPOSSIBLE)
def test_an_impossible_date_with_its_year_is_not_read_as_a_date(text: str, lang: str) -> None:
    """Issue 12: neither rolled over to early March nor kept as a day of February."""
    assert [m for m in find_dates(text, lang, day("2025-03-10")) if m.kind == "day"] == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [("le 31 février", "fr"), ("on February 30", "en"), ("les 30 et 31 février", "fr"), ("Sunday 30 February", "en")],
)
def test_an_impossible_day_and_month_without_a_year_is_not_kept_as_a_partial_date(text: str, lang: str) -> None:
    """A day-month with no year is still evidence of when a meeting was; an impossible one is evidence of nothing."""
    for reference in (day("2025-03-10"), None):
        assert find_dates(text, lang, reference, (2025,)) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [("La réunion a eu lieu le 29 février 2024 à Rabat.", "fr"), ("The meeting was held on 29 February 2024.", "en")],
)
def test_the_leap_day_of_a_leap_year_is_still_read(text: str, lang: str) -> None:
    assert resolved(text, lang, day("2024-03-10")) == [day("2024-02-29")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Le ministre tunisien de l'Intérieur a reçu le 31 février 2025 à Tunis son homologue libyen pour parler de "
        "sécurité des frontières.",
        "Le ministre tunisien de l'Intérieur a reçu le 31 février à Tunis son homologue libyen pour parler de "
        "sécurité des frontières.",
        "The Jordanian interior minister held talks in Amman on 30 February 2025 with his Iraqi counterpart on "
        "border security.",
    ],
    ids=["fr-with-year", "fr-without-year", "en-with-year"],
)
def test_a_meeting_stated_on_an_impossible_day_is_dated_like_one_with_no_date(sentence: str) -> None:
    """The extractor then falls back on the article's month (June here), never on 1–3 March."""
    (meeting,) = extract_article(f"published: 2025-06-10\n\n{sentence}", codebook=BUNDLED_CODEBOOK)["meetings"]
    assert (meeting["start_date"], meeting["end_date"], meeting["date_precision"]) == (
        "2025-06-01",
        "2025-06-01",
        "month",
    )
