"""From mentions to meetings: which mention refers back to a meeting, which opens one, and which meetings are one."""

from __future__ import annotations

from datetime import date

import pytest

from liaison.extract.article import read_sentences
from liaison.extract.dates import DateMention, When
from liaison.extract.events import Event, build_events, compatible, consolidate, dates_compatible
from liaison.extract.mentions import Mention
from liaison.extract.places import PlaceRef

ARTICLE = When(date(2025, 6, 10), date(2025, 6, 10), "day")


def day(value: str, until: str | None = None) -> When:
    return When(date.fromisoformat(value), date.fromisoformat(until or value), "day")


def month(value: str) -> When:
    return When(date.fromisoformat(value), date.fromisoformat(value), "month")


def events_of(body: str, lang: str = "fr") -> list[Event]:
    return build_events(read_sentences(body, lang, ARTICLE, []))


def mention(sentence: int = 0, cls: str = "neutral", det: str = "def", **anchors) -> Mention:
    found = Mention(sentence, 0, 7, cls, False, det, False)
    for name, value in anchors.items():
        setattr(found, name, value)
    return found


def vienna(start: int = 0) -> PlaceRef:
    return PlaceRef("Vienne", "AUT", start, start + 6, "locative")


def on(when: When) -> DateMention:
    return DateMention(0, 5, "day", when)


@pytest.mark.parametrize(
    ("first", "first_partial", "second", "second_partial", "agree"),
    [
        (day("2025-05-06", "2025-05-07"), None, day("2025-05-07"), None, True),
        (day("2025-05-06"), None, day("2025-05-09"), None, False),
        (month("2025-05-01"), None, day("2025-05-28"), None, True),
        (month("2025-05-01"), None, month("2025-06-01"), None, False),
        (None, (5, (6, 7)), day("2025-05-06"), None, True),
        (None, (5, (6, 6)), day("2025-05-09"), None, False),
        (None, (5, None), None, (6, None), False),
        (None, None, day("2025-05-06"), None, True),
    ],
    ids=[
        "overlapping-days",
        "different-days",
        "month-holds-day",
        "two-months",
        "partial-agrees",
        "partial-differs",
        "partial-months",
        "nothing-known",
    ],
)
def test_two_dates_agree_unless_they_say_different_times(first, first_partial, second, second_partial, agree) -> None:
    """A day-month without a year still tells 6 May from 9 May; knowing nothing contradicts nothing."""
    assert dates_compatible(first, first_partial, second, second_partial) is agree
    assert dates_compatible(second, second_partial, first, first_partial) is agree


def test_a_meeting_is_dated_by_the_finest_date_its_mentions_give() -> None:
    event = Event(dates=[DateMention(0, 5, "month", month("2025-05-01")), on(day("2025-05-06"))])
    assert event.when() == day("2025-05-06")
    assert Event(year_hint=When(date(2022, 1, 1), date(2022, 1, 1), "year")).when().precision == "year"


@pytest.mark.parametrize(
    ("event", "other", "kinds", "agree"),
    [
        (Event(kind="multi", edition=22), mention(edition=23), True, False),
        (
            Event(kind="multi", city=vienna()),
            mention(places=[PlaceRef("Moscou", "RUS", 0, 6, "locative")]),
            True,
            False,
        ),
        (Event(kind="multi", dates=[on(day("2025-05-06"))]), mention(dates=[on(day("2025-05-28"))]), True, False),
        (Event(kind="multi"), mention(cls="bi"), True, False),
        (Event(kind="multi"), mention(cls="bi"), False, True),
        (Event(kind="multi", edition=22, city=vienna()), mention(edition=22, places=[vienna(40)]), True, True),
    ],
    ids=["edition", "city", "date", "multi-vs-bi", "kinds-ignored", "same-anchors"],
)
def test_a_mention_fits_a_meeting_unless_something_it_carries_contradicts_it(event, other, kinds, agree) -> None:
    assert compatible(event, other, kinds=kinds) is agree


def test_a_demonstrative_joins_the_meeting_already_named() -> None:
    (meeting,) = events_of(
        "La 22e réunion s'est tenue à Vienne les 6 et 7 mai 2025. Cette réunion a porté sur le terrorisme."
    )
    assert meeting.sentences == {0, 1} and meeting.edition == 22
    assert meeting.when() == day("2025-05-06", "2025-05-07")


def test_a_definite_mention_with_another_date_and_place_opens_another_meeting() -> None:
    first, second = events_of(
        "La réunion s'est tenue à Vienne le 6 mai 2025. La réunion s'est tenue à Moscou le 28 mai 2025."
    )
    assert (first.city.city, second.city.city) == ("Vienne", "Moscou")


def test_an_indefinite_mention_opens_a_new_meeting() -> None:
    found = events_of("Une visite a eu lieu à Rabat le 3 mai. Une autre visite a eu lieu à Tunis le 20 mai.")
    assert [event.city.city for event in found] == ["Rabat", "Tunis"]


def test_talks_on_the_margins_of_a_meeting_have_it_as_parent() -> None:
    meeting, talks = events_of(
        "La 22e réunion s'est tenue à Vienne le 6 mai 2025. En marge de la réunion, le ministre marocain a reçu son "
        "homologue qatari."
    )
    assert meeting.kind == "multi" and talks.parent is meeting and talks.bilateral_cue


def test_the_next_session_is_announced_and_numbered_after_the_last_one() -> None:
    held, announced = events_of("La 12e session s'est tenue à Moscou en 2024. La prochaine session se tiendra à Minsk.")
    assert (held.future, announced.future) == (False, True)
    assert announced.edition == 13 and announced.series_of is held


def test_a_trip_to_attend_a_meeting_is_that_meeting_not_a_visit() -> None:
    """ "S'est rendu à Vienne dans le cadre de sa participation à la 22e réunion": one multilateral meeting."""
    (meeting,) = events_of(
        "Le ministre s'est rendu à Vienne dans le cadre de sa participation à la 22e réunion des chefs des services."
    )
    assert meeting.kind == "multi" and meeting.edition == 22 and meeting.city.city == "Vienne"


@pytest.mark.parametrize(
    "body",
    [
        "La réunion s'est tenue à Vienne le 6 mai 2025. Une réunion s'est tenue à Vienne le 6 mai 2025.",
        "La conférence s'est tenue à Vienne. Une conférence s'est tenue à Vienne.",
        "La 22e réunion s'est tenue à Vienne. Une 22e réunion a eu lieu.",
    ],
    ids=["same-place-and-day", "same-city", "same-edition"],
)
def test_consolidate_folds_meetings_that_share_an_anchor_into_one(body: str) -> None:
    """Told twice with the same day, city or edition and nothing against it, it was one meeting."""
    found = events_of(body)
    assert len(found) == 2
    (one,) = consolidate(found)
    assert one.sentences == {0, 1}


def test_consolidate_folds_an_anchorless_meeting_into_its_neighbour_but_keeps_contradicting_ones_apart() -> None:
    anchorless = Event(mentions=[mention(sentence=1)], kind="neutral")
    in_vienna = Event(mentions=[mention(sentence=0)], kind="neutral", city=vienna())
    (kept,) = consolidate([in_vienna, anchorless])
    assert kept is in_vienna and len(kept.mentions) == 2
    elsewhere = Event(mentions=[mention(sentence=2)], kind="neutral", city=PlaceRef("Moscou", "RUS", 0, 6, "locative"))
    assert len(consolidate([Event(mentions=[mention()], kind="neutral", city=vienna()), elsewhere])) == 2
