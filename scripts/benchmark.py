"""How fast Liaison is for a user, in a real browser, at 1 000 to 1 000 000 meetings, against a naive build.

Speed is a feature; it is measured here, never asserted in a test: timings depend on
the machine (and on whoever else shares it), so this script only prints figures, to
compare builds and changes on the same machine.

For each size it writes (once, cached) a synthetic data folder of the bundled shape
(scripts/synthetic.py), starts the app on it with `streamlit run` on a free local port,
and drives headless chromium with Playwright:

- start: process start -> health endpoint answers -> Overview shows its first metric;
- per page (Overview, Timeline, Map, Countries, Topics, Meetings), N reruns triggered as
  a user does, by clicking the sidebar's "Bilateral" format pill (on, off, on...):
  rerun   click -> the app is idle again (script state notRunning, URL updated);
  drawn   click -> the browser has drawn it: the last long task (>50 ms of main-thread
          work: plotly, deck.gl, the data grid) has ended;
  server  the rerun request frame leaving the browser -> the "script finished" frame
          arriving (websocket frames decoded with Streamlit's own protobuf classes);
  KB wire bytes received over the websocket between the click and quiet;
  KB all  the same, counting in full the messages Streamlit did not resend because the
          browser had them in its message cache (a "ref_hash" frame; the cache keeps
          messages of >= 10 KB for two runs, so toggling a pill back hits it);
- server RSS (the streamlit process and its children, from /proc) once warm, and its
  growth per extra session (5 more browser contexts on Overview).

Then the same for the naive build (scripts/naive_dashboard.py: rereads the CSVs on
every rerun, plots raw rows), alternated with Liaison rerun by rerun (A B A B) in the
same browser, and the ratio naive/Liaison per page. Every request but 127.0.0.1 is
blocked in the browser; every server started is killed by its PID at the end.

With --events N, each data folder also gets a synthetic GDELT events layer of N rows
(scripts/synthetic_events.py; the folder is then `meetings-<n>-events-<N>`, apart from the
plain ones) and every page, the start-up and the extra sessions are opened with the
machine-coded feed on (`?feed=gdelt`): the first start clusters the layer into the folder's
typed cache, so measure a second run for the warm start.

Run:  .venv/bin/python scripts/benchmark.py --quick                      (1 000 meetings, 3 reruns)
      .venv/bin/python scripts/benchmark.py --sizes 1000 100000 --reruns 5
      .venv/bin/python scripts/benchmark.py --sizes 1000000 --skip-naive --pages overview
      .venv/bin/python scripts/benchmark.py --sizes 1000 --events 10000000 --skip-naive --reruns 3
Options: --pages overview,map  --skip-naive  --timeout S (per rerun)  --start-timeout S
         --cache DIR (data folders, default /tmp/liaison-bench)  --events N (GDELT rows, feed on)
         --apart (the server on half the cores, the browser on the other half)

On a small machine the browser drawing one rerun's charts competes with the server computing
the next part of the page, so "server" there counts chromium's work too. --apart gives each
its own cores, as when the analyst's browser runs on their own machine: run both ways and
report both.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

import numpy as np
from playwright.sync_api import Browser, BrowserContext, Page, Route, WebSocket, sync_playwright
from processes import descendants, rss_mb  # scripts/ is on sys.path when run as a script
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from synthetic import write_folder  # scripts/ is on sys.path when this file is run as a script
from synthetic_events import write_layer  # the same

ROOT = Path(__file__).resolve().parent.parent
NAIVE_SCRIPT = Path(__file__).resolve().parent / "naive_dashboard.py"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PAGES = {
    "overview": "/",
    "timeline": "/timeline",
    "map": "/map",
    "countries": "/countries",
    "topics": "/topics",
    "meetings": "/meetings",
}
EXTRA_SESSIONS = 5
FEED_QUERY = "?feed=gdelt"  # the machine-coded feed switched on, with --events
QUIET = 0.3  # seconds without frames nor long tasks: the rerun is over
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'

# Installed before any page script: when the user clicked, when the app last went idle,
# when the last long task ended (all on the page's performance.now() clock).
PROBE = """
(() => {
  const b = (window.__bench = {clickAt: null, idleAt: null, state: null, longEnd: 0});
  document.addEventListener('click', () => { b.clickAt = performance.now(); }, true);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longEnd = Math.max(b.longEnd, e.startTime + e.duration);
    }).observe({type: 'longtask', buffered: true});
  } catch (e) {}
  const check = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    const state = app && app.getAttribute('data-test-script-state');
    if (state !== b.state) {
      b.state = state;
      if (state === 'notRunning') b.idleAt = performance.now();
    }
  };
  new MutationObserver(check).observe(document, {
    subtree: true, childList: true, attributes: true, attributeFilter: ['data-test-script-state'],
  });
})();
"""
BENCH_STATE = "() => ({now: performance.now(), ...window.__bench})"


# --- servers ---------------------------------------------------------------------------------------------------


@dataclass
class Build:
    """One app to measure: how to start it."""

    name: str
    script: Path
    cwd: Path
    options: tuple[str, ...] = ()


@dataclass
class Server:
    build: Build
    process: subprocess.Popen
    port: int
    started: float
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(build: Build, folder: Path, logs: Path, cores: set[int] | None = None) -> Server:
    """`streamlit run` on a free local port, serving `folder` (on `cores` only, when given)."""
    port = free_port()
    log = logs / f"{build.name}-{folder.name}.log"
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(build.script),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.fileWatcherType",
        "none",  # other people's edits must not rerun the app under measurement
        *build.options,
    ]
    # A million meetings make a 300 MB meetings.csv, past the 50 MB a table may be by default.
    env = {
        **os.environ,
        "LIAISON_DATA": str(folder),
        "LIAISON_MAX_TABLE_MB": os.environ.get("LIAISON_MAX_TABLE_MB", "2000"),
    }
    started = time.perf_counter()
    with log.open("w") as out:
        process = subprocess.Popen(
            command,
            cwd=build.cwd,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            preexec_fn=(lambda: os.sched_setaffinity(0, cores)) if cores else None,
        )
    return Server(build, process, port, started, log)


def stop_server(server: Server) -> None:
    """Terminate the server and whatever it started, by PID."""
    pids = [server.process.pid, *descendants(server.process.pid)]
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        server.process.wait(10)
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        server.process.wait(5)


def wait_healthy(server: Server, deadline: float) -> float | None:
    """Seconds from process start until /_stcore/health answers, None if it never does."""
    while time.perf_counter() < deadline and server.process.poll() is None:
        with contextlib.suppress(OSError), urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as answer:
            if answer.status == 200:
                return time.perf_counter() - server.started
        time.sleep(0.1)
    return None


# --- one browser tab on one app --------------------------------------------------------------------------------


@dataclass
class Frame:
    at: float
    sent: bool
    kind: str
    size: int
    finished: bool = False
    hash: str = ""  # a message the browser may keep in its message cache
    ref_hash: str = ""  # "draw the message you cached under this hash": its bytes did not travel again


@dataclass
class Rerun:
    rerun: float
    drawn: float
    server: float | None
    kb: float
    kb_uncached: float
    runs: int


def decode(payload: bytes | str, sent: bool) -> Frame:
    """A websocket frame, named by the Streamlit message it carries."""
    data = payload.encode() if isinstance(payload, str) else payload
    frame = Frame(time.perf_counter(), sent, "?", len(data))
    with contextlib.suppress(Exception):
        if sent:
            frame.kind = BackMsg.FromString(data).WhichOneof("type") or "?"
            return frame
        message = ForwardMsg.FromString(data)
        frame.kind = message.WhichOneof("type") or "?"
        early = ForwardMsg.FINISHED_EARLY_FOR_RERUN
        frame.finished = frame.kind == "script_finished" and message.script_finished != early
        frame.hash = message.hash if message.metadata.cacheable else ""
        frame.ref_hash = message.ref_hash
    return frame


class Tab:
    """A browser context and page on one server, recording every websocket frame."""

    def __init__(self, browser: Browser, server: Server, blocked: list[str]) -> None:
        self.server = server
        self.context: BrowserContext = browser.new_context(viewport={"width": 1400, "height": 1000})
        self.context.add_init_script(PROBE)
        self.context.route("**/*", lambda route: self._local_only(route, blocked))
        self.page: Page = self.context.new_page()
        self.frames: list[Frame] = []
        self.cacheable: dict[str, int] = {}  # hash -> size of each cacheable message received
        self.page.on("websocket", self._watch)

    @staticmethod
    def _local_only(route: Route, blocked: list[str]) -> None:
        if route.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    def _watch(self, socket_: WebSocket) -> None:
        socket_.on("framereceived", lambda payload: self._received(decode(payload, sent=False)))
        socket_.on("framesent", lambda payload: self.frames.append(decode(payload, sent=True)))

    def _received(self, frame: Frame) -> None:
        self.frames.append(frame)
        if frame.hash:
            self.cacheable[frame.hash] = frame.size

    def state(self) -> dict:
        return self.page.evaluate(BENCH_STATE)

    def wait_idle(self, mark: int, deadline: float, old_url: str | None = None) -> bool:
        """Until a script run has finished since frame `mark`, the app is idle and (if given) the URL changed."""
        finished_at = None
        while time.perf_counter() < deadline:
            self.page.wait_for_timeout(25)
            if finished_at is None and any(frame.finished for frame in self.frames[mark:]):
                finished_at = time.perf_counter()
            if finished_at is None or self.state()["state"] != "notRunning":
                continue
            # A click whose URL never changes (a build that does not bind it) is accepted after 1 s.
            if old_url is None or self.page.url != old_url or time.perf_counter() - finished_at > 1:
                return True
        return False

    def wait_quiet(self, deadline: float) -> dict:
        """Until neither frames nor long tasks for QUIET seconds; the page's probe state then."""
        while True:
            self.page.wait_for_timeout(100)
            bench = self.state()
            last_frame = self.frames[-1].at if self.frames else 0
            browser_quiet = bench["now"] - max(bench["idleAt"] or 0, bench["longEnd"]) > QUIET * 1000
            socket_quiet = time.perf_counter() - last_frame > QUIET
            running = bench["state"] != "notRunning"
            if (browser_quiet and socket_quiet and not running) or time.perf_counter() > deadline:
                return bench

    def open(self, path: str, timeout: float) -> float | None:
        """Load a page; seconds until idle and quiet, None on timeout."""
        self.page.bring_to_front()
        mark, begin = len(self.frames), time.perf_counter()
        self.page.goto(self.server.url + path, wait_until="commit", timeout=timeout * 1000)
        if not self.wait_idle(mark, begin + timeout):
            return None
        self.wait_quiet(begin + timeout)
        return time.perf_counter() - begin

    def rerun(self, timeout: float) -> Rerun | None:
        """Click the sidebar's Bilateral pill; the rerun's figures, None on timeout."""
        self.page.bring_to_front()
        old_url, mark = self.page.url, len(self.frames)
        self.page.evaluate("window.__bench.clickAt = null")
        begin = time.perf_counter()
        pill = self.page.get_by_test_id("stSidebar").get_by_role("button", name="Bilateral", exact=True)
        pill.click(timeout=timeout * 1000)
        if not self.wait_idle(mark, begin + timeout, old_url):
            return None
        bench = self.wait_quiet(begin + timeout)
        frames = self.frames[mark:]
        requests = [frame.at for frame in frames if frame.sent and frame.kind == "rerun_script"]
        finishes = [frame.at for frame in frames if frame.finished]
        clicked = bench["clickAt"]
        received = [frame for frame in frames if not frame.sent]
        return Rerun(
            rerun=(bench["idleAt"] - clicked) / 1000,
            drawn=(max(bench["idleAt"], bench["longEnd"]) - clicked) / 1000,
            server=finishes[-1] - requests[0] if requests and finishes else None,
            kb=sum(frame.size for frame in received) / 1000,
            kb_uncached=sum(self.cacheable.get(frame.ref_hash, frame.size) for frame in received) / 1000,
            runs=sum(frame.kind == "new_session" for frame in frames),
        )

    def shows_exception(self) -> bool:
        return self.page.locator('[data-testid="stException"]').count() > 0

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.context.close()


# --- measurements -----------------------------------------------------------------------------------------------


@dataclass
class StartFigures:
    health: float | None = None
    first_metric: float | None = None
    problem: str = ""


@dataclass
class PageFigures:
    opened: float | None = None
    reruns: list[Rerun] = field(default_factory=list)
    timeout: bool = False
    errors: int = 0  # runs that ended with an exception on the page


@dataclass
class BuildFigures:
    start: StartFigures = field(default_factory=StartFigures)
    pages: dict[str, PageFigures] = field(default_factory=dict)
    rss_warm: float | None = None
    rss_per_session: float | None = None


def wait_first_metric(tab: Tab, deadline: float, query: str = "") -> StartFigures:
    """Process start -> health -> Overview idle with a metric drawn (its first meaningful content)."""
    figures = StartFigures(health=wait_healthy(tab.server, deadline))
    if figures.health is None:
        figures.problem = "server exited" if tab.server.process.poll() is not None else "no health answer"
        return figures
    tab.page.goto(tab.server.url + "/" + query, wait_until="commit")
    while time.perf_counter() < deadline:
        if tab.page.locator(f'{IDLE} [data-testid="stMetric"]').count():
            figures.first_metric = time.perf_counter() - tab.server.started
            tab.wait_quiet(deadline)
            return figures
        if tab.page.locator('[data-testid="stException"]').count():
            figures.problem = "the page shows an exception"
            return figures
        tab.page.wait_for_timeout(250)
    figures.problem = f"no first metric after {deadline - tab.server.started:.0f} s"
    return figures


def session_cost(
    browser: Browser, tab: Tab, timeout: float, blocked: list[str], query: str = ""
) -> tuple[float, float]:
    """Server RSS once warm, and its growth per extra session on Overview (MB)."""
    warm = rss_mb(tab.server.process.pid)
    extra = [Tab(browser, tab.server, blocked) for _ in range(EXTRA_SESSIONS)]
    try:
        for other in extra:
            other.open("/" + query, timeout)
        return warm, (rss_mb(tab.server.process.pid) - warm) / EXTRA_SESSIONS
    finally:
        for other in extra:
            other.close()


def measure_size(n: int, args: argparse.Namespace, builds: list[Build], browser: Browser) -> dict[str, BuildFigures]:
    folder = args.cache / (f"meetings-{n}-events-{args.events}" if args.events else f"meetings-{n}")
    begin = time.perf_counter()
    rows = write_folder(n, folder)
    if args.events:
        write_layer(args.events, folder)
    cache = "typed cache present" if (folder / ".cache" / "manifest.json").exists() else "no typed cache yet"
    if args.events:
        built = any((folder / ".cache").glob("gdelt-*.candidates.parquet"))
        cache += f"; {args.events:,} GDELT events, " + ("candidates cached" if built else "no candidates cached yet")
    print(
        f"\n## {n:,} meetings in {folder} ({rows['participants']:,} participants, {rows['topics']:,} topics, "
        f"{rows['venues']:,} venues; ready in {time.perf_counter() - begin:.1f} s; {cache})",
        flush=True,
    )
    query = FEED_QUERY if args.events else ""
    blocked: list[str] = []
    servers: list[Server] = []
    tabs: dict[str, Tab] = {}
    results = {build.name: BuildFigures() for build in builds}
    try:
        for build in builds:  # one at a time, so start-ups do not compete
            server = start_server(build, folder, args.cache, args.server_cores)
            servers.append(server)
            tab = Tab(browser, server, blocked)
            results[build.name].start = wait_first_metric(tab, server.started + args.start_timeout, query)
            print(f"  {build.name}: {describe_start(results[build.name].start)}", flush=True)
            if results[build.name].start.first_metric is None:
                print(f"    server log: {server.log}", flush=True)
                tab.close()
                continue
            tabs[build.name] = tab
        for name in args.pages:
            for build_name, tab in tabs.items():
                results[build_name].pages[name] = PageFigures(opened=tab.open(PAGES[name] + query, args.timeout))
            for _ in range(args.reruns):  # A B A B: each build's rerun next to the other's
                for build_name, tab in tabs.items():
                    figures = results[build_name].pages[name]
                    if figures.opened is None or figures.timeout:
                        continue
                    rerun = tab.rerun(args.timeout)
                    figures.timeout = rerun is None
                    figures.reruns += [rerun] if rerun else []
                    figures.errors += tab.shows_exception()
            for build_name in tabs:
                print(f"  {build_name:<8}{page_line(name, results[build_name].pages[name])}", flush=True)
        for build_name, tab in tabs.items():
            warm, per_session = session_cost(browser, tab, args.timeout, blocked, query)
            results[build_name].rss_warm, results[build_name].rss_per_session = warm, per_session
    finally:
        for tab in tabs.values():
            tab.close()
        for server in servers:
            stop_server(server)
    if blocked:
        print(f"  blocked {len(blocked)} non-local requests, e.g. {blocked[0]}", flush=True)
    return results


# --- printing ---------------------------------------------------------------------------------------------------


def seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def percentiles(values: list[float]) -> tuple[float | None, float | None]:
    if not values:
        return None, None
    return statistics.median(values), float(np.percentile(values, 95))


def describe_start(start: StartFigures) -> str:
    if start.first_metric is None:
        return f"{start.problem} (health {seconds(start.health)} s)"
    return f"health {start.health:.2f} s, first metric on Overview {start.first_metric:.2f} s"


def page_line(name: str, figures: PageFigures) -> str:
    if figures.opened is None:
        return f"{name:<10} open: timeout"
    values = {
        "rerun": percentiles([r.rerun for r in figures.reruns]),
        "drawn": percentiles([r.drawn for r in figures.reruns]),
        "server": percentiles([r.server for r in figures.reruns if r.server is not None]),
    }
    kb = [statistics.median(getattr(r, m) for r in figures.reruns) if figures.reruns else None for m in KB]
    cells = "".join(f"{seconds(p50):>8}{seconds(p95):>8}" for p50, p95 in values.values())
    runs = max((r.runs for r in figures.reruns), default=0)
    note = f"  timeout after {len(figures.reruns)} reruns" if figures.timeout else ""
    note += f"  EXCEPTION shown after {figures.errors} reruns" if figures.errors else ""
    kb_cells = "".join(f"{'-' if value is None else f'{value:,.0f}':>9}" for value in kb)
    return f"{name:<10}{seconds(figures.opened):>8}{cells}{kb_cells}{runs:>5}{note}"


HEADER = (
    f"{'size':>9}  {'build':<8}{'page':<10}{'open':>8}{'rerun50':>8}{'95':>8}{'drawn50':>8}{'95':>8}"
    f"{'srv50':>8}{'95':>8}{'KB wire':>9}{'KB all':>9}{'runs':>5}"
)
KB = ("kb", "kb_uncached")


def print_tables(results: dict[int, dict[str, BuildFigures]], args: argparse.Namespace) -> None:
    print("\n# Start-up and memory (seconds from process start; RSS of the streamlit process tree, MB)")
    print(f"{'size':>9}  {'build':<8}{'health':>8}{'metric':>8}{'RSS warm':>10}{'+RSS/session':>14}  note")
    for n, builds in results.items():
        for name, figures in builds.items():
            start = figures.start
            rss = "-" if figures.rss_warm is None else f"{figures.rss_warm:,.0f}"
            extra = "-" if figures.rss_per_session is None else f"{figures.rss_per_session:,.1f}"
            print(
                f"{n:>9,}  {name:<8}{seconds(start.health):>8}{seconds(start.first_metric):>8}"
                f"{rss:>10}{extra:>14}  {start.problem}"
            )
    print(f"\n# Reruns per page: p50 and p95 over {args.reruns} clicks on the Bilateral pill (seconds, KB)")
    print(HEADER)
    for n, builds in results.items():
        for name, figures in builds.items():
            for page, page_figures in figures.pages.items():
                print(f"{n:>9,}  {name:<8}{page_line(page, page_figures)}")
    if len(next(iter(results.values()), {})) < 2:
        return
    print("\n# naive / Liaison, per page (p50; above 1 means the naive build is slower)")
    print(f"{'size':>9}  {'page':<10}{'rerun':>8}{'drawn':>8}{'server':>8}{'KB wire':>8}{'KB all':>8}")
    for n, builds in results.items():
        liaison, naive = builds.get("liaison"), builds.get("naive")
        for page in args.pages:
            a, b = liaison.pages.get(page), naive.pages.get(page)
            if not (a and b and a.reruns and b.reruns):
                print(f"{n:>9,}  {page:<10}" + f"{'-':>8}" * 5)
                continue
            cells = []
            for measure in ("rerun", "drawn", "server", *KB):
                mine = [getattr(r, measure) for r in a.reruns if getattr(r, measure) is not None]
                theirs = [getattr(r, measure) for r in b.reruns if getattr(r, measure) is not None]
                ratio = statistics.median(theirs) / statistics.median(mine) if mine and theirs else None
                cells.append("-" if not ratio else f"{ratio:.2f}")
            print(f"{n:>9,}  {page:<10}" + "".join(f"{cell:>8}" for cell in cells))


def machine(browser_version: str) -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor() or "?",
    )
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return (
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {os.cpu_count()} CPUs ({cpu}), load average {load}; "
        f"Python {platform.python_version()}, streamlit {version('streamlit')}, pandas {version('pandas')}, "
        f"plotly {version('plotly')}, chromium {browser_version}"
    )


# --- main -------------------------------------------------------------------------------------------------------


def naive_build(cache: Path) -> Build:
    """The naive script copied beside a static/ copy of the world shapes, so its map needs no CDN."""
    folder = cache / "naive-app"
    (folder / "static").mkdir(parents=True, exist_ok=True)
    shutil.copy(NAIVE_SCRIPT, folder / NAIVE_SCRIPT.name)
    shutil.copytree(ROOT / "static" / "geo", folder / "static" / "geo", dirs_exist_ok=True)
    return Build("naive", folder / NAIVE_SCRIPT.name, folder, ("--server.enableStaticServing", "true"))


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 100_000, 1_000_000], help="meeting counts")
    parser.add_argument("--reruns", type=int, default=5, help="reruns per page and build")
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated, of: " + ", ".join(PAGES))
    parser.add_argument("--skip-naive", action="store_true", help="measure Liaison only")
    parser.add_argument("--timeout", type=float, default=180, help="seconds a page load or rerun may take")
    parser.add_argument("--start-timeout", type=float, default=600, help="seconds from start to the first metric")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/liaison-bench"), help="synthetic data folders")
    parser.add_argument("--quick", action="store_true", help="1 000 meetings, 3 reruns")
    parser.add_argument(
        "--events", type=int, default=0, help="add a synthetic GDELT events layer of N rows; pages open with feed=gdelt"
    )
    parser.add_argument(
        "--apart",
        action="store_true",
        help="the server on cores of its own, the browser and this script on the rest, "
        "as when the analyst's browser runs on their own machine",
    )
    args = parser.parse_args()
    args.server_cores = None
    if args.apart:
        cores = sorted(os.sched_getaffinity(0))
        if len(cores) < 2:
            parser.error("--apart needs two cores or more")
        half = len(cores) // 2
        args.server_cores, args.browser_cores = set(cores[half:]), set(cores[:half])
    args.pages = [page.strip() for page in args.pages.split(",") if page.strip()]
    unknown = set(args.pages) - set(PAGES)
    if unknown:
        parser.error(f"unknown pages: {', '.join(sorted(unknown))}")
    if args.quick:
        args.sizes, args.reruns = [1_000], 3
    return args


def main() -> None:
    args = parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    builds = [Build("liaison", ROOT / "dashboard.py", ROOT)]
    if not args.skip_naive:
        builds.append(naive_build(args.cache))
    results: dict[int, dict[str, BuildFigures]] = {}
    if args.apart:  # inherited by Playwright's driver and chromium, started below
        os.sched_setaffinity(0, args.browser_cores)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            print(machine(browser.version), flush=True)
            print(f"sizes {args.sizes}, {args.reruns} reruns per page, pages {', '.join(args.pages)}", flush=True)
            if args.apart:
                apart = f"server on cores {sorted(args.server_cores)}, browser on {sorted(args.browser_cores)}"
                print(apart, flush=True)
            if args.events:
                print(f"with {args.events:,} GDELT events, feed on ({FEED_QUERY})", flush=True)
            print(f"per page: {HEADER.split('page', 1)[1].strip()}", flush=True)
            for n in args.sizes:
                results[n] = measure_size(n, args, builds, browser)
        except KeyboardInterrupt:
            print("\ninterrupted: figures so far", flush=True)
        finally:
            browser.close()
    print_tables(results, args)


if __name__ == "__main__":
    main()
