"""Country names in English and French, and the reverse: any name to ISO3.

pycountry carries the ISO 3166 names and their gettext translations, but its
official forms ("Russian Federation", "Russie, Fédération de") are not what an
analyst reads in a briefing, and its own lookup knows no French. The short
names below fix the handful of official forms that read badly.
"""

from __future__ import annotations

import gettext
from functools import lru_cache

import pycountry

from liaison.words.folding import fold_words

# Official ISO names that read badly in a briefing, or collide once shortened.
_SHORT_NAMES: dict[str, tuple[str, str]] = {
    "RUS": ("Russia", "Russie"),
    "COD": ("DR Congo", "RD Congo"),
    "COG": ("Congo", "Congo"),
    "PRK": ("North Korea", "Corée du Nord"),
    "KOR": ("South Korea", "Corée du Sud"),
    "VGB": ("British Virgin Islands", "Îles Vierges britanniques"),
    "VIR": ("US Virgin Islands", "Îles Vierges des États-Unis"),
    "PSE": ("Palestine", "Palestine"),
    "SYR": ("Syria", "Syrie"),
    "IRN": ("Iran", "Iran"),
    "LAO": ("Laos", "Laos"),
    "FSM": ("Micronesia", "Micronésie"),
    "ESH": ("Western Sahara", "Sahara occidental"),
    "XKX": ("Kosovo", "Kosovo"),
}

# Names people write that neither ISO form contains.
_ALIASES: dict[str, str] = {
    "turkey": "TUR",
    "turquie": "TUR",
    "uae": "ARE",
    "emirates": "ARE",
    "emirats": "ARE",
    "usa": "USA",
    "us": "USA",
    "united states of america": "USA",
    "etats-unis d'amerique": "USA",
    "uk": "GBR",
    "britain": "GBR",
    "great britain": "GBR",
    "grande-bretagne": "GBR",
    "federation de russie": "RUS",
    "russian federation": "RUS",
    "holland": "NLD",
    "ivory coast": "CIV",
    "cote d'ivoire": "CIV",
    "kosovo": "XKX",
    "palestine": "PSE",
}


@lru_cache(maxsize=1)
def _french() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)


def _before_comma(name: str) -> str:
    return name.split(",")[0].strip()


def country_name(iso3: str, lang: str = "en") -> str:
    """Return the short name a reader expects, or the code itself if it is no country."""
    if iso3 in _SHORT_NAMES:
        return _SHORT_NAMES[iso3][1 if lang == "fr" else 0]
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return iso3
    if lang == "fr":
        return _before_comma(_french().gettext(country.name))
    return _before_comma(getattr(country, "common_name", None) or country.name)


@lru_cache(maxsize=1)
def _name_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for country in pycountry.countries:
        names = {country.name, getattr(country, "official_name", country.name)}
        names.add(getattr(country, "common_name", country.name))
        french = {_french().gettext(name) for name in names}
        for name in names | french:
            index.setdefault(fold_words(name), country.alpha_3)
            index.setdefault(fold_words(_before_comma(name)), country.alpha_3)
    for iso3, (english, french_name) in _SHORT_NAMES.items():
        index[fold_words(english)] = iso3
        index[fold_words(french_name)] = iso3
    index.update(_ALIASES)
    return index


def find_country(name: str) -> str | None:
    """ISO3 for a country named in English or French (any case, accents optional), else None."""
    text = name.strip()
    if len(text) == 3 and text.isalpha() and text.upper() in valid_iso3():
        return text.upper()
    return _name_index().get(fold_words(text))


@lru_cache(maxsize=1)
def valid_iso3() -> frozenset[str]:
    """Every ISO 3166-1 alpha-3 code, plus Kosovo's user-assigned XKX."""
    return frozenset(c.alpha_3 for c in pycountry.countries) | {"XKX"}
