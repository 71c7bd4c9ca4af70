"""What every real-browser journey needs: a dashboard server, its settled state, the URL, the CLI's answer.

Journeys act as a person does (mouse and keyboard, never session state) and wait on the
app's own state, never on time: a rerun is over when the app says it is not running and the
expected text is on the page.
"""

from __future__ import annotations

import json
import math
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlparse

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
# Generous: CI runs these on a busy 2-core machine; a wait ends as soon as the state is reached.
PATIENCE = 60_000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(data: Path | None, env: dict[str, str] | None = None) -> tuple[subprocess.Popen, str]:
    """The dashboard on a free local port, on `data` (else the bundled data); waits until it is healthy."""
    port = free_port()
    environment = {key: value for key, value in os.environ.items() if key != "LIAISON_DATA"} | (env or {})
    if data is not None:
        environment["LIAISON_DATA"] = str(data)
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
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                if response.status == 200:
                    return process, url
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("streamlit did not start") from None
            time.sleep(0.2)


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=15)


def settled(page, text: str) -> None:
    """Wait until the rerun is over and `text` is visible."""
    page.wait_for_selector(IDLE, timeout=PATIENCE)
    page.get_by_text(text, exact=False).first.wait_for(state="visible", timeout=PATIENCE)
    page.wait_for_selector(IDLE, timeout=PATIENCE)


def params(page) -> dict[str, list[str]]:
    """The query parameters of the page's current URL."""
    return parse_qs(urlparse(page.url).query)


def wait_for_params(page, expected: dict[str, list[str]]) -> None:
    """Wait until the URL holds exactly `expected` (the app rewrites it at the end of a rerun)."""
    deadline = time.monotonic() + PATIENCE / 1000
    while params(page) != expected:
        if time.monotonic() > deadline:
            raise AssertionError(f"URL has {params(page)}, expected {expected}")
        page.wait_for_timeout(100)
    page.wait_for_selector(IDLE, timeout=PATIENCE)


def cli_meetings(data: Path | None = None, **filters: str | list[str]) -> list[dict]:
    """The meetings `python -m liaison meetings --json` lists for the same filters (the CLI's own flags)."""
    command = [sys.executable, "-m", "liaison", "meetings", "--json"]
    if data is not None:
        command += ["--data", str(data)]
    for flag, value in filters.items():
        for item in [value] if isinstance(value, str) else value:
            command += [f"--{flag.replace('_', '-')}", item]
    env = {key: value for key, value in os.environ.items() if key != "LIAISON_DATA"}
    out = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=True).stdout
    return json.loads(out)["meetings"]


def page_menu(page):
    """The sidebar's list of pages (components/page_menu.py): its entries are links by page title."""
    return page.locator(".st-key-page_menu")


def headline(page, label: str = "Meetings") -> int:
    """The number in the Overview's headline metric called `label`."""
    metric = page.get_by_test_id("stMetric").filter(has_text=label).first
    return int(metric.get_by_test_id("stMetricValue").inner_text())


def choropleth_shape(page, iso3: str):
    """The drawn shape of one state in the plotly choropleth."""
    index = page.evaluate(
        """code => Array.from(document.querySelectorAll('path.choroplethlocation'))
                 .findIndex(path => path.__data__ && path.__data__.loc === code)""",
        iso3,
    )
    assert index >= 0, f"{iso3} is not drawn"
    return page.locator("path.choroplethlocation").nth(index)


def deck_pixel(page, longitude: float, latitude: float) -> tuple[float, float]:
    """Where a place is on the venue map's canvas (Web Mercator at the map's initial view)."""
    box = page.get_by_test_id("stDeckGlJsonChart").locator("canvas").first.bounding_box()
    scale = 512 * 2**1.2 / (2 * math.pi)

    def mercator(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    x = box["x"] + box["width"] / 2 + scale * math.radians(longitude - 25)
    y = box["y"] + box["height"] / 2 - scale * (mercator(latitude) - mercator(28))
    return x, y


def hover_until_tooltip(page, longitude: float, latitude: float, text: str) -> tuple[float, float]:
    """Hover a place until deck.gl answers with its tooltip; return where on the page the place was.

    The map draws after the script run, and the page above it may still grow (the choropleth
    loads its boundaries), moving the canvas: the place's pixel is worked out again each time.
    """
    tooltip = page.locator(".deck-tooltip, #deck-tooltip").first
    deadline = time.monotonic() + PATIENCE / 1000
    offset = 0
    while time.monotonic() < deadline:
        x, y = deck_pixel(page, longitude, latitude)
        page.mouse.move(x + offset, y)
        page.wait_for_timeout(400)
        if tooltip.count() and text in (tooltip.text_content() or ""):
            return x + offset, y
        offset = 1 - offset
    raise AssertionError(f"no tooltip with {text!r} at ({longitude}, {latitude})")


def click_in_one_go(page, x: float, y: float) -> str:
    """Press and release the mouse at (x, y) as one fast click; return the tag of what was clicked.

    deck.gl counts a click only if it handles the release within 250 ms of the press, timed when
    its handlers run, not when the events happened. `page.mouse.click` sends the press and the
    release as two round trips to the browser; on a busy machine the page ran other work between
    them for over a second and the click was lost. Here the element the browser finds at that
    point gets the same pointer and mouse events a real click fires, in one task of the page.
    """
    return page.evaluate(
        """([x, y]) => {
            const target = document.elementFromPoint(x, y);
            if (!target) return null;
            const at = {bubbles: true, cancelable: true, composed: true, view: window,
                        clientX: x, clientY: y, screenX: x, screenY: y, button: 0};
            const pointer = {...at, pointerId: 1, pointerType: 'mouse', isPrimary: true,
                             width: 1, height: 1, pressure: 0.5};
            target.dispatchEvent(new PointerEvent('pointerdown', {...pointer, buttons: 1}));
            target.dispatchEvent(new MouseEvent('mousedown', {...at, buttons: 1, detail: 1}));
            target.dispatchEvent(new PointerEvent('pointerup', {...pointer, buttons: 0, pressure: 0}));
            target.dispatchEvent(new MouseEvent('mouseup', {...at, buttons: 0, detail: 1}));
            target.dispatchEvent(new MouseEvent('click', {...at, buttons: 0, detail: 1}));
            return target.tagName;
        }""",
        [x, y],
    )


def cli_candidates(data: Path, **filters: str | list[str]) -> list[dict]:
    """The candidates `python -m liaison candidates --json` lists for the same filters (the CLI's own flags)."""
    command = [sys.executable, "-m", "liaison", "candidates", "--json", "--data", str(data)]
    for flag, value in filters.items():
        for item in [value] if isinstance(value, str) else value:
            command += [f"--{flag.replace('_', '-')}", item]
    env = {key: value for key, value in os.environ.items() if key != "LIAISON_DATA"}
    out = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=True).stdout
    return json.loads(out)["candidates"]
