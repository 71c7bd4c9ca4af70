"""Shared fixtures: a small hand-made dataset whose every answer is known, and the shared/ folder."""

from __future__ import annotations

import csv
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from postgres import postgres_server
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from streamlit.testing.v1 import AppTest

from liaison.dataset.access import Editor
from liaison.dataset.schema import TABLES
from liaison.dataset.store import DEFAULT_DATA_DIR, Dataset, load_dataset, validate_folder
from liaison.extract.codebook import Codebook

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def _bundled_codebook() -> Codebook:
    frames = validate_folder(DEFAULT_DATA_DIR)[0]
    return Codebook.from_tables(frames["taxonomy"], frames["organizations"])


EDITOR = Editor("test:editor", "Test editor", "none")
"""Who the tests save as: every write names an editor."""

BUNDLED_CODEBOOK = _bundled_codebook()
"""The topics and organisations of the bundled data/, which the hand labels were written against."""


def _meeting(meeting_id: str, meeting_format: str, start: str, end: str, precision: str, venue: str, **extra: str):
    return {
        "meeting_id": meeting_id,
        "title": f"Title {meeting_id}",
        "title_fr": f"Titre {meeting_id}",
        "format": meeting_format,
        "start_date": start,
        "end_date": end,
        "date_precision": precision,
        "venue_id": venue,
        "summary": f"Summary of {meeting_id}.",
        "summary_fr": f"Résumé de {meeting_id}.",
        **extra,
    }


def mini_tables() -> dict[str, list[dict[str, str]]]:
    """Six meetings in Vienna, Moscow, Saudi Arabia and nowhere, chosen to exercise every filter."""
    meetings = [
        _meeting(
            "vienna-22",
            "multilateral",
            "2025-05-06",
            "2025-05-07",
            "day",
            "vic",
            series="vienna-regional",
            edition="22",
            organizer="UN-MT",
            reported_participants="20+",
        ),
        _meeting(
            "vienna-mar-qat",
            "bilateral",
            "2025-05-06",
            "2025-05-07",
            "day",
            "vic",
            parent_meeting_id="vienna-22",
            title="Morocco and Qatar meet in Vienna",
        ),
        _meeting(
            "moscow-13",
            "multilateral",
            "2025-05-28",
            "2025-05-28",
            "day",
            "moscow",
            series="high-reps",
            edition="13",
            organizer="RU-SC",
        ),
        _meeting(
            "moscow-12",
            "multilateral",
            "2024-04-01",
            "2024-04-01",
            "month",
            "moscow",
            series="high-reps",
            edition="12",
        ),
        _meeting(
            "riyadh-visit",
            "bilateral",
            "2024-02-01",
            "2024-02-01",
            "month",
            "country-sau",
            summary="A visit about cyber threats.",
        ),
        _meeting("undated-madrid", "bilateral", "", "", "unknown", ""),
    ]
    participants = [
        ("vienna-22", "UN-MT", "organizer"),
        ("vienna-22", "MAR", "participant"),
        ("vienna-22", "QAT", "participant"),
        ("vienna-mar-qat", "MAR", "participant"),
        ("vienna-mar-qat", "QAT", "counterpart"),
        ("moscow-13", "RUS", "host"),
        ("moscow-13", "RU-SC", "organizer"),
        ("moscow-13", "MAR", "participant"),
        ("moscow-13", "CSTO", "participant"),
        ("moscow-12", "RUS", "host"),
        ("riyadh-visit", "MAR", "participant"),
        ("riyadh-visit", "SAU", "counterpart"),
        ("undated-madrid", "MAR", "participant"),
        ("undated-madrid", "ESP", "counterpart"),
    ]
    return {
        "meetings": meetings,
        "venues": [
            {
                "venue_id": "vic",
                "name": "Vienna International Centre",
                "name_fr": "Centre international de Vienne",
                "city": "Vienna",
                "country_iso3": "AUT",
                "latitude": "48.2349",
                "longitude": "16.4165",
                "precision": "site",
                "geocoded_by": "manual",
            },
            {
                "venue_id": "moscow",
                "name": "Moscow",
                "name_fr": "Moscou",
                "city": "Moscow",
                "country_iso3": "RUS",
                "latitude": "55.7522",
                "longitude": "37.6156",
                "precision": "city",
                "geocoded_by": "gazetteer",
            },
            {
                "venue_id": "country-sau",
                "name": "Saudi Arabia",
                "name_fr": "Arabie saoudite",
                "city": "",
                "country_iso3": "SAU",
                "latitude": "24.6877",
                "longitude": "46.7219",
                "precision": "country",
                "geocoded_by": "manual",
            },
        ],
        "participants": [{"meeting_id": m, "actor": a, "role": r} for m, a, r in participants],
        "organizations": [
            {
                "org_id": "UN-MT",
                "name": "UN Monitoring Team",
                "name_fr": "Équipe de surveillance",
                "kind": "un-body",
            },
            {
                "org_id": "CSTO",
                "name": "Collective Security Treaty Organization",
                "name_fr": "Organisation du traité de sécurité collective",
                "acronym": "CSTO",
                "acronym_fr": "OTSC",
                "kind": "bloc",
            },
            {
                "org_id": "RU-SC",
                "name": "Security Council of Russia",
                "name_fr": "Conseil de sécurité russe",
                "kind": "agency",
                "country_iso3": "RUS",
            },
        ],
        "memberships": [
            {"org_id": "CSTO", "iso3": "RUS", "status": "member", "joined": "1992"},
            {"org_id": "CSTO", "iso3": "ARM", "status": "member", "joined": "1992"},
            {"org_id": "CSTO", "iso3": "UZB", "status": "former", "joined": "1992", "left": "2012"},
        ],
        "regions": [
            {"iso3": code, "region": region, "subregion": subregion}
            for code, region, subregion in (
                ("AUT", "Europe", "Western Europe"),
                ("RUS", "Europe", "Eastern Europe"),
                ("ESP", "Europe", "Southern Europe"),
                ("MAR", "Africa", "Northern Africa"),
                ("QAT", "Asia", "Western Asia"),
                ("SAU", "Asia", "Western Asia"),
                ("ARM", "Asia", "Western Asia"),
                ("UZB", "Asia", "Central Asia"),
            )
        ],
        "taxonomy": [
            {
                "topic_id": topic,
                "label_en": topic.title(),
                "label_fr": f"{topic} (fr)",
                "definition_en": "Definition.",
                "definition_fr": "Définition.",
            }
            for topic in ("terrorism", "intelligence-cooperation", "cybercrime")
        ],
        "topics": [
            {"meeting_id": "vienna-22", "topic_id": "terrorism"},
            {"meeting_id": "vienna-mar-qat", "topic_id": "intelligence-cooperation"},
            {"meeting_id": "moscow-13", "topic_id": "terrorism"},
            {"meeting_id": "moscow-13", "topic_id": "cybercrime"},
        ],
        "sources": [
            {
                "source_id": "s1",
                "outlet": "Outlet One",
                "published": "2025-05",
                "language": "fr",
                "url": "https://example.org/one",
            },
            {
                "source_id": "s2",
                "outlet": "Outlet Two",
                "published": "2025-05-28",
                "language": "en",
                "url": "",
            },
        ],
        "evidence": [
            {
                "meeting_id": meeting["meeting_id"],
                "source_id": "s1" if index % 2 else "s2",
                "field": "meeting",
                "locator": "paragraph 1",
                "note": "Stated.",
            }
            for index, meeting in enumerate(meetings)
        ],
    }


def write_tables(folder: Path, tables: dict[str, list[dict[str, str]]]) -> Path:
    """Write tables as the dataset's CSV files, leaving absent columns empty."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        with (folder / TABLES[name].file).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=TABLES[name].header)
            writer.writeheader()
            for row in rows:
                writer.writerow({column: row.get(column, "") for column in TABLES[name].header})
    return folder


@pytest.fixture
def mini_folder(tmp_path: Path) -> Path:
    return write_tables(tmp_path / "data", mini_tables())


@pytest.fixture
def mini(mini_folder: Path) -> Dataset:
    return load_dataset(mini_folder)


@pytest.fixture(scope="session")
def postgres() -> Iterator[str]:
    """A real PostgreSQL server for this test session, as the URL of its maintenance database."""
    with postgres_server() as url:
        yield url


@pytest.fixture
def database_url(postgres: str) -> Iterator[str]:
    """The URL of a new, empty database on that server, dropped after the test."""
    name = f"liaison_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(make_url(postgres).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    yield make_url(postgres).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE {name} WITH (FORCE)")
    admin.dispose()


@pytest.fixture
def shared() -> Path:
    """The shared/ folder beside the repository; tests that need it skip cleanly without it."""
    if not (SHARED / "sources").is_dir():
        pytest.skip("../shared/sources is not present on this machine")
    return SHARED


@pytest.fixture
def app(mini_folder: Path, monkeypatch: pytest.MonkeyPatch):
    """Start the dashboard on the mini dataset with URL parameters, on a page (as a link to it does) or the default."""
    monkeypatch.setenv("LIAISON_DATA", str(mini_folder))

    def start(page: str | None = None, **params: str | list[str]) -> AppTest:
        at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=30)
        for key, value in params.items():
            at.query_params[key] = value
        if page:
            at.switch_page(page)
        return at.run()

    return start


def url(at: AppTest) -> dict[str, list[str]]:
    """The app's query string as lists (AppTest gives a bare string for a single value)."""
    return {key: value if isinstance(value, list) else [value] for key, value in at.query_params.items()}


def displayed(at: AppTest) -> str:
    """The page's text as a reader sees it: markdown escapes removed, tables included."""
    parts = [
        element.value
        for kind in ("markdown", "caption", "title", "subheader", "info", "warning", "error", "success")
        for element in at.get(kind)
    ]
    parts += [str(frame.value.to_dict()) for frame in at.dataframe]
    return re.sub(r"\\(.)", r"\1", "\n".join(str(part) for part in parts))


@pytest.fixture(scope="session")
def browser():
    """One Debian chromium for every journey of the run (Playwright never downloads its own)."""
    from journeys import CHROMIUM
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail("Debian chromium is missing: `make test` installs it (apt-get install chromium)")
    with sync_playwright() as driver:
        browser = driver.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield browser
        browser.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so a failed journey can leave a screenshot behind."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(browser, request, tmp_path_factory):
    """A fresh browser tab at an analyst's screen size that records every request leaving the machine.

    When the journey fails, the tab's last state is saved as a PNG whose path is printed.
    """
    from urllib.parse import urlparse

    context = browser.new_context(viewport={"width": 1440, "height": 2400}, accept_downloads=True)
    page = context.new_page()
    page.requests_off_host = []
    hosts = ("", "127.0.0.1")

    def watch(request) -> None:
        if urlparse(request.url).hostname not in hosts and not request.url.startswith(("data:", "blob:")):
            page.requests_off_host.append(request.url)

    page.on("request", watch)
    yield page
    failed = getattr(request.node, "report_call", None)
    if failed is not None and failed.failed:
        shot = tmp_path_factory.mktemp("failed") / f"{request.node.name}.png"
        page.screenshot(path=str(shot))
        print(f"screenshot of the failed journey: {shot} at {page.url}")
    context.close()


@pytest.fixture(scope="session")
def server():
    """The dashboard on the bundled data, shared by the journeys that only read; stopped by its PID."""
    from journeys import start_server, stop_server

    process, address = start_server(None)
    yield address
    stop_server(process)


SPARK_REQUIRED_ENV = "LIAISON_REQUIRE_SPARK"
"""Set by `make test-engines`, which installs Java and PySpark: there a missing one fails instead of skipping."""


@pytest.fixture(scope="session")
def duckdb_engine():
    """One embedded DuckDB for the whole run, as LIAISON_ENGINE=duckdb opens it."""
    from liaison.engine.backends import open_engine

    return open_engine("duckdb")


@pytest.fixture(scope="session")
def spark_engine():
    """One local SparkSession for the run (its JVM is slow to start), as LIAISON_ENGINE=pyspark opens it."""
    import os
    import shutil

    from liaison.engine.backends import EngineError, open_engine

    def missing(message: str):
        if os.environ.get(SPARK_REQUIRED_ENV):
            pytest.fail(message)
        pytest.skip(message)

    if shutil.which("java") is None:
        missing("Java is not installed (make test-engines installs openjdk-17-jre-headless)")
    try:
        engine = open_engine("pyspark")
    except EngineError as error:
        missing(str(error))
    yield engine
    engine.con.disconnect()
