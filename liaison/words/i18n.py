"""Every user-facing string, in English and French, through one function.

Catalogues are JSON files in `locales/`, one per language, with the same keys.
Labels that come from data (country, topic and organisation names) have
their own functions so pages never pick a column by language themselves.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

import pandas as pd

from liaison.words.places import country_name

LANGUAGES = ("en", "fr")
DEFAULT_LANGUAGE = "en"
_LOCALES = Path(__file__).resolve().parent / "locales"


@lru_cache(maxsize=len(LANGUAGES))
def catalogue(lang: str) -> Mapping[str, str]:
    """The messages of one language, read once."""
    return json.loads((_LOCALES / f"{lang}.json").read_text(encoding="utf-8"))


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The message `key` in `lang`, with `{placeholders}` filled in.

    An unknown language falls back to English; an unknown key is a bug and
    raises, so the catalogue test catches it before a user does.
    """
    messages = catalogue(lang if lang in LANGUAGES else DEFAULT_LANGUAGE)
    text = messages[key]
    return text.format(**values) if values else text


def normalise_language(value: str | None) -> str:
    """The language a URL or option asks for, if supported, else English."""
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def actor_name(actor: str, organizations: pd.DataFrame, lang: str = DEFAULT_LANGUAGE) -> str:
    """A state's or an organisation's short name in `lang`."""
    match = organizations.loc[organizations["org_id"] == actor]
    if match.empty:
        return country_name(actor, lang)
    row = match.iloc[0]
    acronym = row["acronym_fr"] if lang == "fr" else row["acronym"]
    if isinstance(acronym, str) and acronym:
        return acronym
    return row["name_fr"] if lang == "fr" else row["name"]


def organisation_name(org: str, organizations: pd.DataFrame, lang: str = DEFAULT_LANGUAGE) -> str:
    """An organisation's full name in `lang` (a state's name for a state)."""
    match = organizations.loc[organizations["org_id"] == org]
    if match.empty:
        return country_name(org, lang)
    return match.iloc[0]["name_fr" if lang == "fr" else "name"]


def topic_label(topic_id: str, taxonomy: pd.DataFrame, lang: str = DEFAULT_LANGUAGE) -> str:
    """A topic's label in `lang`."""
    match = taxonomy.loc[taxonomy["topic_id"] == topic_id, f"label_{normalise_language(lang)}"]
    return str(match.iloc[0]) if len(match) else topic_id


def topic_labels(topic_ids: Iterable[str], taxonomy: pd.DataFrame, lang: str = DEFAULT_LANGUAGE) -> list[str]:
    """Each topic's label in `lang`, for a table's column: the taxonomy is read once, not once per cell."""
    labels = dict(zip(taxonomy["topic_id"], taxonomy[f"label_{normalise_language(lang)}"].astype(str), strict=True))
    return [labels.get(topic, topic) for topic in topic_ids]


def region_label(region: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """A UN M49 region or subregion name in `lang`."""
    key = f"region.{region}"
    messages = catalogue(normalise_language(lang))
    return messages.get(key, region)


def month_label(month: pd.Timestamp, lang: str = DEFAULT_LANGUAGE) -> str:
    """'May 2025' or 'mai 2025'."""
    return f"{t(f'month.{month.month}', lang)} {month.year}"


def short_month_label(month: pd.Timestamp, lang: str = DEFAULT_LANGUAGE) -> str:
    """'May 2025' or 'mai 2025' in axis-tick form: 'Feb 2024', 'févr. 2024'."""
    return f"{t(f'month.short.{month.month}', lang)} {month.year}"


def period_label(start: pd.Timestamp, freq: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """A month ('févr. 2024') or a quarter ('Q1 2024', 'T1 2024') starting at `start`."""
    if freq == "Q":
        return t("quarter", lang, quarter=start.quarter, year=start.year)
    return short_month_label(start, lang)


def date_span_label(start: pd.Timestamp, end: pd.Timestamp, precision: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """A meeting's dates as a reader writes them, no more precise than the sources."""
    if precision == "unknown" or pd.isna(start):
        return t("date.unknown", lang)
    if precision == "year":
        return str(start.year)
    if precision == "month":
        return month_label(start, lang)
    if pd.isna(end) or start == end:
        return f"{start.day} {t(f'month.{start.month}', lang)} {start.year}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {t(f'month.{end.month}', lang)} {end.year}"
    return (
        f"{start.day} {t(f'month.{start.month}', lang)} {start.year} – "
        f"{end.day} {t(f'month.{end.month}', lang)} {end.year}"
    )
