"""A candidate as the curated meeting a reviewer would record: what its events say, and nothing they do not.

Promotion fills what the machine coding states — the two states, the days, the place, the
bilateral format, the articles — and leaves the rest (topics, organiser, summary) to the
reviewer, who saves it through the same review as any drafted meeting.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from liaison.intake.drafts import Origin
from liaison.words.i18n import t
from liaison.words.places import country_name


@dataclass(frozen=True)
class Article:
    """One article behind a candidate: its address, its site and how many rows it gave."""

    url: str
    host: str
    rows: int


@dataclass(frozen=True)
class Promotion:
    """The fields of the curated meeting a candidate proposes, and the articles to cite for it."""

    candidate_id: str
    states: tuple[str, str]
    start_date: str
    end_date: str
    city: str | None
    country_iso3: str | None
    title_en: str
    title_fr: str
    published: str
    articles: tuple[Article, ...]

    @property
    def source(self) -> Article | None:
        """The article to record as the main source: the one behind most rows (the first on a tie)."""
        return self.articles[0] if self.articles else None

    @property
    def further(self) -> tuple[Article, ...]:
        """The other articles, each cited as a source of its own unless the reviewer leaves it out."""
        return self.articles[1:]

    @property
    def origin(self) -> Origin:
        """What the saved meeting says of where it came from: this candidate, checked by a person."""
        return Origin(
            f"Promoted from the machine-coded GDELT candidate {self.candidate_id} and checked against "
            "{outlet}{published} before saving.",
            f"Promue depuis le candidat GDELT codé automatiquement {self.candidate_id}, vérifiée sur "
            "{outlet}{published} avant l'enregistrement.",
            f"Reported by the GDELT events behind candidate {self.candidate_id}; checked by the reviewer.",
        )


def _text(value: object) -> str | None:
    return None if value is None or pd.isna(value) or not str(value).strip() else str(value).strip()


def _title(states: tuple[str, str], city: str | None, lang: str) -> str:
    a, b = (country_name(code, lang) for code in states)
    return t("feed.promote.title.city", lang, a=a, b=b, city=city) if city else t("feed.promote.title", lang, a=a, b=b)


def promotion(candidate: Mapping[str, object], articles: pd.DataFrame) -> Promotion:
    """The meeting `candidate` (a row of `build_candidates`) proposes; `articles` are its rows of `candidate_articles`.

    The city is the first part of the place's name when GDELT placed it in a city; a region or a
    country centroid gives the country only, and no place gives neither.
    """
    states = (str(candidate["state_a"]), str(candidate["state_b"]))
    place, precision = _text(candidate.get("place")), _text(candidate.get("precision"))
    city = place.split(",")[0].strip() if place and precision == "city" else None
    country = _text(candidate.get("place_iso3")) if precision in ("city", "region", "country") else None
    mine = articles[articles["candidate_id"] == candidate["candidate_id"]]
    mine = mine.sort_values("rows", ascending=False, kind="stable")
    added = pd.Timestamp(candidate["first_added"]) if _text(candidate.get("first_added")) else None
    return Promotion(
        candidate_id=str(candidate["candidate_id"]),
        states=states,
        start_date=pd.Timestamp(candidate["start_date"]).date().isoformat(),
        end_date=pd.Timestamp(candidate["end_date"]).date().isoformat(),
        city=city,
        country_iso3=country,
        title_en=_title(states, city, "en"),
        title_fr=_title(states, city, "fr"),
        published=added.date().isoformat() if added is not None else "",
        articles=tuple(
            Article(str(url), str(host) if _text(host) else "", int(rows))
            for url, host, rows in zip(mine["source_url"], mine["source_host"], mine["rows"], strict=True)
        ),
    )
