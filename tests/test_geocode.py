"""Geocoding: the gazetteer's answers, the cache file, and Nominatim against a local stand-in server."""

from __future__ import annotations

import contextlib
import csv
import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from liaison import __version__
from liaison.intake.geocode import (
    CACHE_FILE,
    Gazetteer,
    GeocodeCache,
    GeocodeCacheError,
    GeocodingChain,
    NominatimGeocoder,
    Place,
    default_gazetteer,
    fold_name,
)

REPO = Path(__file__).resolve().parent.parent

# A town of about 5,000 people: below the gazetteer's 15,000, so only Nominatim knows it.
SIDI_BOU_SAID = {
    "place_id": 8291042,
    "licence": "Data © OpenStreetMap contributors, ODbL 1.0. http://osm.org/copyright",
    "osm_type": "node",
    "osm_id": 259381417,
    "lat": "36.8706599",
    "lon": "10.3416926",
    "class": "place",
    "type": "town",
    "place_rank": 18,
    "importance": 0.42,
    "addresstype": "town",
    "name": "Sidi Bou Said",
    "display_name": "Sidi Bou Said, Délégation Carthage, Tunis, Tunisia",
    "address": {"town": "Sidi Bou Said", "state": "Tunis", "country": "Tunisia", "country_code": "tn"},
    "boundingbox": ["36.8506599", "36.8906599", "10.3216926", "10.3616926"],
}
TOWN = ("Sidi Bou Said", "TUN")


@dataclass
class StandIn:
    """A local server answering /search in Nominatim's JSON format, recording every request."""

    url: str
    status: int = 200
    stall: bool = False
    requests: list[dict] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    # geopy routes through the system proxy; 127.0.0.1 must be reached directly.
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def stand_in() -> Iterator[StandIn]:
    state = StandIn(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = dict(parse_qsl(parts.query))
            state.requests.append(
                {"at": time.monotonic(), "path": parts.path, "query": query, "agent": self.headers["User-Agent"]}
            )
            if state.stall:
                state.release.wait(timeout=5)
            if state.status != 200:
                self.send_error(state.status)
                return
            found = parts.path == "/search" and query.get("q") == "Sidi Bou Said" and query.get("countrycodes") == "tn"
            body = json.dumps([SIDI_BOU_SAID] if found else []).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            # The client may have given up waiting, as the timeout case intends.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.release.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return default_gazetteer()


def chain_for(folder: Path, gazetteer: Gazetteer, nominatim: NominatimGeocoder | None) -> GeocodingChain:
    return GeocodingChain(GeocodeCache.for_folder(folder), gazetteer, nominatim)


@pytest.mark.parametrize(
    ("query", "country", "name", "iso3", "latitude"),
    [
        ("Vienna", "AUT", "Vienna", "AUT", 48.21),
        ("Vienne", "AUT", "Vienna", "AUT", 48.21),
        ("Vienne", "FRA", "Vienne", "FRA", 45.53),
        ("Vienne", None, "Vienna", "AUT", 48.21),
        ("Moscou", None, "Moscow", "RUS", 55.75),
        ("Le Caire", "EGY", "Cairo", "EGY", 30.06),
        ("le caire", None, "Cairo", "EGY", 30.06),
        ("Genève", "CHE", "Geneva", "CHE", 46.20),
        ("GENEVE", None, "Geneva", "CHE", 46.20),
        ("Saint-Pétersbourg", "RUS", "Saint Petersburg", "RUS", 59.94),
        ("Fès", "MAR", "Fes", "MAR", 34.03),
    ],
)
def test_the_gazetteer_finds_cities_by_any_name_within_the_country(
    gazetteer: Gazetteer, query: str, country: str | None, name: str, iso3: str, latitude: float
) -> None:
    """English and French names, any case or accents, resolve to the city the country context points at."""
    place = gazetteer.locate(query, country)
    assert place is not None
    assert (place.name, place.city, place.country_iso3, place.precision, place.geocoded_by) == (
        name,
        name,
        iso3,
        "city",
        "gazetteer",
    )
    assert place.latitude == pytest.approx(latitude, abs=0.01)


@pytest.mark.parametrize(
    ("query", "country"), [("Atlantis Nowhere", None), ("Vienne", "USA"), ("", None), ("  ", "AUT")]
)
def test_the_gazetteer_answers_none_for_unknown_places(gazetteer: Gazetteer, query: str, country: str | None) -> None:
    """No city, or none of that name in the given country, is None, never a city elsewhere."""
    assert gazetteer.locate(query, country) is None


def test_a_country_place_is_its_capital_at_country_precision(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """A venue known only by its country sits on the capital, named after the country."""
    chain = chain_for(tmp_path, gazetteer, None)
    riyadh = chain.country_place("SAU")
    assert riyadh == Place("Saudi Arabia", "", "SAU", 24.68773, 46.72185, "country", "gazetteer")
    assert chain.country_place("usa").latitude == pytest.approx(38.895, abs=0.01)
    assert chain.country_place("ZZZ") is None


def test_the_gazetteer_reproduces_every_bundled_gazetteer_venue(gazetteer: Gazetteer) -> None:
    """Each venue of data/venues.csv placed by the gazetteer comes out at the same point again."""
    with (REPO / "data" / "venues.csv").open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["geocoded_by"] == "gazetteer"]
    assert rows
    for row in rows:
        if row["precision"] == "country":
            place = gazetteer.capital(row["country_iso3"])
        else:
            place = gazetteer.locate(row["city"], row["country_iso3"])
        assert place is not None, row["venue_id"]
        assert (place.latitude, place.longitude) == pytest.approx(
            (float(row["latitude"]), float(row["longitude"])), abs=1e-4
        ), row["venue_id"]


def test_names_fold_to_one_form() -> None:
    """Case, accents, hyphens, curly apostrophes and odd spaces do not make two names differ."""
    assert fold_name("  Saint-Étienne ") == fold_name("saint  etienne") == "saint etienne"
    assert fold_name("L’Aquila") == fold_name("L'AQUILA")


def test_the_cache_file_round_trips_places_and_misses(tmp_path: Path) -> None:
    """Answers written by one session, a miss included, are read back by the next; no temporary file is left."""
    place = Place("Sidi Bou Said", "Sidi Bou Said", "TUN", 36.87066, 10.34169, "city", "nominatim")
    cache = GeocodeCache.for_folder(tmp_path)
    cache.put("Sidi Bou Said", "TUN", place)
    cache.put("Nowhere Village", "TUN", None)
    assert [path.name for path in tmp_path.iterdir()] == [CACHE_FILE]
    document = json.loads((tmp_path / CACHE_FILE).read_text(encoding="utf-8"))
    assert [entry["query"] for entry in document["entries"]] == ["Nowhere Village", "Sidi Bou Said"]
    reread = GeocodeCache.for_folder(tmp_path)
    assert len(reread) == 2
    assert reread.get("SIDI BOU SAÏD", "TUN") == place
    assert reread.known("nowhere village", "TUN") and reread.get("Nowhere Village", "TUN") is None
    assert not reread.known("Sidi Bou Said", None)


def test_the_cache_keeps_what_another_process_wrote(tmp_path: Path) -> None:
    """Two writers on one file (the app and the CLI) do not erase each other's answers."""
    first, second = GeocodeCache.for_folder(tmp_path), GeocodeCache.for_folder(tmp_path)
    first.put("Alpha", "TUN", None)
    second.put("Beta", "TUN", None)
    assert len(GeocodeCache.for_folder(tmp_path)) == 2


def test_a_damaged_cache_file_is_reported_by_name(tmp_path: Path) -> None:
    """A cache file that is not the cache's JSON raises an error naming the file."""
    (tmp_path / CACHE_FILE).write_text("{not json", encoding="utf-8")
    with pytest.raises(GeocodeCacheError, match=CACHE_FILE):
        GeocodeCache.for_folder(tmp_path)


def test_nominatim_is_off_unless_enabled(gazetteer: Gazetteer, stand_in: StandIn, tmp_path: Path) -> None:
    """Without an explicit switch no request leaves the machine, and nothing is cached."""
    assert not NominatimGeocoder.from_environ({}).enabled
    assert NominatimGeocoder.from_environ({"LIAISON_NOMINATIM": "1"}).enabled
    chain = chain_for(tmp_path, gazetteer, NominatimGeocoder(url=stand_in.url))
    assert chain.locate(*TOWN) is None
    assert stand_in.requests == []
    assert not (tmp_path / CACHE_FILE).exists()


def test_the_gazetteer_answers_before_nominatim_is_asked(
    gazetteer: Gazetteer, stand_in: StandIn, tmp_path: Path
) -> None:
    """A city the offline gazetteer knows costs no request."""
    chain = chain_for(tmp_path, gazetteer, NominatimGeocoder(enabled=True, url=stand_in.url))
    assert chain.locate("Vienne", "AUT").geocoded_by == "gazetteer"
    assert stand_in.requests == []


def test_nominatim_places_a_small_town_politely_and_once(
    gazetteer: Gazetteer, stand_in: StandIn, tmp_path: Path
) -> None:
    """A town the gazetteer lacks is asked once, with the user agent, a second apart, then served from the cache."""
    geocoder = NominatimGeocoder(enabled=True, url=stand_in.url, contact="ops@example.org", timeout=5)
    chain = chain_for(tmp_path, gazetteer, geocoder)
    place = chain.locate(*TOWN)
    assert place == Place("Sidi Bou Said", "Sidi Bou Said", "TUN", 36.8706599, 10.3416926, "city", "nominatim")
    first = stand_in.requests[0]
    assert first["path"] == "/search"
    assert first["agent"] == f"liaison/{__version__} (+ops@example.org)"
    assert first["query"]["q"] == "Sidi Bou Said" and first["query"]["countrycodes"] == "tn"

    assert chain.locate("Nowhere Village", "TUN") is None
    assert len(stand_in.requests) == 2
    # The policy is one request a second as the server sees them, however slow the first connection was.
    assert stand_in.requests[1]["at"] - first["at"] >= 1.0

    assert chain.locate("sidi bou said", "TUN") == place
    assert chain.locate("Nowhere Village", "TUN") is None
    assert len(stand_in.requests) == 2

    offline = chain_for(tmp_path, gazetteer, None)
    assert offline.locate(*TOWN).geocoded_by == "nominatim"


@pytest.mark.parametrize("failure", ["503", "closed port", "timeout"])
def test_an_unreachable_nominatim_leaves_the_chain_quietly(
    gazetteer: Gazetteer, stand_in: StandIn, tmp_path: Path, failure: str
) -> None:
    """A 503, a closed port or a silent server give None, cache nothing, and pause further requests."""
    url = stand_in.url
    if failure == "503":
        stand_in.status = 503
    elif failure == "timeout":
        stand_in.stall = True
    else:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            url = f"http://127.0.0.1:{probe.getsockname()[1]}"
    chain = chain_for(tmp_path, gazetteer, NominatimGeocoder(enabled=True, url=url, timeout=0.5))
    started = time.monotonic()
    assert chain.locate(*TOWN) is None
    assert chain.locate("Another Hamlet", "TUN") is None
    assert time.monotonic() - started < 3
    assert len(stand_in.requests) == (0 if failure == "closed port" else 1)
    assert not (tmp_path / CACHE_FILE).exists()
    assert chain.locate("Vienne", "FRA").country_iso3 == "FRA"


def test_an_unwritable_cache_still_answers(gazetteer: Gazetteer, stand_in: StandIn, tmp_path: Path) -> None:
    """When the data folder cannot be written, the answer is still returned and kept for the session."""
    folder = tmp_path / "data"
    folder.mkdir()
    chain = chain_for(folder, gazetteer, NominatimGeocoder(enabled=True, url=stand_in.url, timeout=5))
    folder.rmdir()
    folder.write_text("not a folder", encoding="utf-8")
    assert chain.locate(*TOWN).geocoded_by == "nominatim"
    assert chain.locate(*TOWN).geocoded_by == "nominatim"
    assert len(stand_in.requests) == 1
