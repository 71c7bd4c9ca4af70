"""Real-browser journeys: the dashboard served by Streamlit, driven in Debian chromium by Playwright."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect, sync_playwright

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The dashboard on the bundled data, on a free local port; stopped by its PID afterwards."""
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key != "LIAISON_DATA"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(REPO / "dashboard.py"),
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                if response.status == 200:
                    break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("streamlit did not start") from None
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Debian chromium is missing: `make test` installs it (apt-get install chromium)")
    with sync_playwright() as driver:
        browser = driver.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 2400})
    page = context.new_page()
    page.requests_off_host = []
    host = urlparse(server).netloc

    def watch(request) -> None:
        if urlparse(request.url).netloc not in ("", host) and not request.url.startswith("data:"):
            page.requests_off_host.append(request.url)

    page.on("request", watch)
    yield page
    context.close()


def settled(page, text: str) -> None:
    """Wait until the rerun is over and `text` is visible."""
    page.wait_for_selector(IDLE, timeout=30_000)
    page.get_by_text(text, exact=False).first.wait_for(state="visible", timeout=30_000)
    page.wait_for_selector(IDLE, timeout=30_000)


def params(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def test_filter_to_qatar_switch_page_and_language(page, server) -> None:
    """An analyst's first minute: filter to Qatar, read the Vienna meeting, change page, read it in French."""
    page.goto(server)
    settled(page, "Latest meetings")

    country = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first
    country.click()
    page.keyboard.type("Qatar")
    page.get_by_role("option", name="Qatar").click()
    page.keyboard.press("Escape")
    page.wait_for_url("**country=QAT**", timeout=30_000)
    latest = page.get_by_test_id("stDataFrame").first
    expect(latest).not_to_contain_text("Moscow", timeout=30_000)
    expect(latest).to_contain_text("22nd Regional Meeting of Heads of Intelligence")
    expect(latest).to_contain_text("Morocco–Qatar bilateral security talks")
    assert params(page)["country"] == ["QAT"]

    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Timeline").click()
    settled(page, "Meetings per month, by format")
    assert "/timeline" in page.url and params(page)["country"] == ["QAT"]
    assert page.get_by_test_id("stSidebar").get_by_text("Qatar").first.is_visible()

    page.get_by_test_id("stSidebar").get_by_text("Français").click()
    settled(page, "Réunions par mois, selon le format")
    assert params(page) == {"country": ["QAT"], "lang": ["fr"]}
    assert page.get_by_role("heading", name="Chronologie").is_visible()

    page.go_back()
    settled(page, "Meetings per month, by format")
    assert params(page) == {"country": ["QAT"]}
    assert page.requests_off_host == []


def test_a_copied_link_opens_the_same_view(page, server) -> None:
    page.goto(f"{server}/overview?country=QAT&from=2025-05&to=2025-05&lang=fr")
    settled(page, "Vue d'ensemble")
    metric = page.get_by_test_id("stMetric").filter(has_text="Réunions").first
    assert metric.get_by_test_id("stMetricValue").inner_text() == "2"
    assert page.get_by_text("mai 2025 à mai 2025", exact=False).first.is_visible()
    assert page.requests_off_host == []
