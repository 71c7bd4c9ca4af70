"""Does the dashboard hold many people at once? N browser sessions for D seconds, then figures (issue 12: "Load held").

The journeys in tests/ prove one person's path works; the benchmark (scripts/benchmark.py)
times one person's reruns. Neither says what happens when a room of analysts uses the
dashboard together: whether reruns still come back, how long they take when sessions
share the server's threads, and whether the server's memory settles or keeps growing as
sessions come and go. This script answers that, by measurement: it prints figures and
asserts nothing, since they depend on the machine and on whoever shares it.

What it does:

- serves the dashboard: with `--url` it uses a server already running on this machine
  (loopback only), else it starts `streamlit run dashboard.py` on a free 127.0.0.1 port
  (headless, no file watcher, on `--data` or the bundled data) and stops it at the end;
- opens `--sessions` browser contexts (default 20) in one headless Debian chromium, each
  a Streamlit session of its own, `--open-together` (default 2) at a time: twenty tabs
  parsing Streamlit's JavaScript at once keep a small machine busy for a minute and more
  before any of them reaches the server, which measures the browser, not the dashboard;
  how long the first pages took is printed apart;
- once every session is open, for `--duration` seconds (default 60) each one shows
  Overview (`/`) and Map (`/map`) in turn, and every third step changes a filter in the
  URL (a country, a month, a format, none), pausing `--pause` seconds between steps, as a
  reader does. A step changes the URL in place, as the back and forward buttons do (a
  history entry and a popstate event), so the same session reruns on the server without
  reloading Streamlit's JavaScript. With `--reload` every step is a page load instead (a
  new session each time, the old one dropped): the heavier case, for the browser and for
  session churn on the server;
- counts a step answered when the page reaches its idle state: the new page's h1 is
  drawn, the app's script state is `notRunning` and Streamlit's status widget is gone
  (the `IDLE`/`settled` rule of tests/journeys.py); errored when it times out
  (`--timeout`), shows an exception (`[data-testid="stException"]`), raises a page error
  in the browser, or the navigation itself fails. A session starts afresh with a page
  load after an errored step (or a first page that failed);
- prints answered/errored counts, p50/p95 of step latency (URL change -> idle), overall
  and per page and kind (rerun, page load), and the server's share of it as seen on the
  websocket (rerun request -> "script finished"); the server's resident memory (VmRSS of the
  streamlit process and its descendants, from /proc) at start, with the sessions open,
  at its peak, at the end of the load and once the sessions have closed; and the CPU the
  server, the browser and everything else on the machine used during the load.

Every request the browser makes off 127.0.0.1/localhost is blocked. The run is bounded:
a first page or a step waits at most `--timeout`, no step starts after `--duration`, and
a watchdog ends the whole run past its worst case (every batch of first pages timing out,
then the duration, a last step and a minute). A server this script started is stopped by
its PID (and its descendants' PIDs), whatever happens.

The browser runs on the same machine as the server, and its rendering (plotly, deck.gl
under software GL) can take more CPU than the server: the latencies are those of server
and browsers together, and of whatever else the machine runs. The CPU line says which.

Run:  .venv/bin/python scripts/load_sessions.py                      (20 sessions, 60 s, bundled data)
      .venv/bin/python scripts/load_sessions.py --sessions 5 --duration 30
      .venv/bin/python scripts/load_sessions.py --url http://127.0.0.1:8501 --sessions 10
      .venv/bin/python scripts/load_sessions.py --data /tmp/liaison-bench/meetings-100000
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from playwright.async_api import Browser, Page, Route, WebSocket, async_playwright
from playwright.async_api import TimeoutError as PlaywrightTimeout
from processes import descendants, rss_mb  # scripts/ is on sys.path when run as a script
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
LOOPBACK = ("127.0.0.1", "localhost", "::1")
# Idle as tests/journeys.py has it: the script has run and is not running, nothing pending, the title drawn.
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
STATUS = '[data-testid="stStatusWidget"]'
EXCEPTION = '[data-testid="stException"]'
TITLE = "document.querySelector('h1')?.innerText ?? null"
# A URL change in place, as the back and forward buttons make it: Streamlit reruns the session on popstate.
# Returns the title shown before it, so that the wait can tell the new run's page from the old one.
RERUN_JS = f"""url => {{ const before = {TITLE};
    history.pushState(null, '', url); window.dispatchEvent(new PopStateEvent('popstate')); return before; }}"""
# Settled: the new page's title (or an exception) is drawn, the script is not running and nothing is pending.
# Steps alternate between pages, so a new title is the new run's own output: the script state alone can not
# tell, since under load the browser may handle "started" and "finished" in one go and never show "running".
SETTLED_JS = f"""before => {{ const title = {TITLE};
    return ((title !== null && title !== before) || !!document.querySelector('{EXCEPTION}'))
        && !!document.querySelector('{IDLE}') && !document.querySelector('{STATUS}'); }}"""
PAGES = {"Overview": "/", "Map": "/map"}
# Every third step changes the view through the URL; "" clears the filters.
FILTERS = ["", "country=RUS", "from=2025-05&to=2025-05", "format=bilateral", "country=QAT&from=2025-05&to=2025-05"]
RSS_EVERY = 2.0  # seconds between two samples of the server's memory
SMALL = 1024  # bytes: a "script finished" message is a few; larger frames are not decoded


@dataclass
class Figures:
    opens: list[float] = field(default_factory=list)  # seconds each session took to open its first page
    open_errors: dict[str, int] = field(default_factory=dict)
    latencies: dict[str, list[float]] = field(
        default_factory=lambda: {f"{name}, {kind}": [] for kind in ("rerun", "page load") for name in PAGES}
    )
    errors: dict[str, int] = field(default_factory=dict)
    server: list[float] = field(default_factory=list)  # rerun request sent -> "script finished", on the wire
    opening: float = 0.0  # seconds until every session had opened (or failed to)
    wall: float = 0.0  # seconds from the start of the load to the end of the last step


@dataclass
class Phase:
    """When the load starts (once every session is open) and when it stops taking new steps."""

    started: asyncio.Event = field(default_factory=asyncio.Event)
    stop_at: float = 0.0


def count(errors: dict[str, int], kind: str) -> None:
    errors[kind] = errors.get(kind, 0) + 1


# --- the server --------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def healthy(url: str) -> bool:
    with contextlib.suppress(OSError), urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
        return answer.status == 200
    return False


def start_server(data: Path | None, timeout: float = 90) -> tuple[subprocess.Popen, str]:
    """`streamlit run dashboard.py` on a free loopback port (as tests/journeys.py does); waits until healthy."""
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key != "LIAISON_DATA"}
    if data is not None:
        env["LIAISON_DATA"] = str(data.resolve())
    command = [
        *(sys.executable, "-m", "streamlit", "run", str(REPO / "dashboard.py")),
        *("--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true"),
        *("--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"),
    ]
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while not healthy(url):
        if time.monotonic() > deadline or process.poll() is not None:
            stop_server(process)
            raise SystemExit(f"streamlit did not become healthy on {url} within {timeout:.0f} s")
        time.sleep(0.2)
    return process, url


def stop_server(process: subprocess.Popen) -> None:
    """Terminate the server and whatever it started, by PID; kill what is left after 15 s."""
    pids = [process.pid, *descendants(process.pid)]
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(15)
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(5)


def listener_pid(port: int) -> int | None:
    """The PID of the process listening on a local TCP port (for `--url`), from /proc; None if not visible."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(table).read_text().splitlines()[1:]:
                fields = line.split()
                if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:  # 0A: LISTEN
                    inodes.add(f"socket:[{fields[9]}]")
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                for fd in (entry / "fd").iterdir():
                    with contextlib.suppress(OSError):
                        if str(fd.readlink()) in inodes:
                            return int(entry.name)
    return None


def cpu_seconds(pids: list[int]) -> float:
    """CPU time the processes have used, with that of their children that ended (from /proc/PID/stat)."""
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime
    return total / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU time the whole machine has spent not idle since boot, every process counted (from /proc/stat)."""
    ticks = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")  # less idle and iowait


def cpu_now(server: int | None) -> dict[str, float]:
    """CPU seconds so far of the server's tree, of the browser this script drives, and of the machine."""
    served = {server, *descendants(server)} if server is not None else set()
    ours = [pid for pid in descendants(os.getpid()) if pid not in served]  # the Playwright driver, chromium
    return {
        "server": cpu_seconds(sorted(served)) if server is not None else 0.0,
        "browser": cpu_seconds(ours),
        "machine": machine_busy_seconds(),
    }


# --- the sessions ------------------------------------------------------------------------------------------------


def step_path(session: int, step: int) -> tuple[str, str]:
    """The page and URL of one session's step: Overview and Map in turn, a new filter every third step."""
    name = list(PAGES)[(session + step) % len(PAGES)]
    query = FILTERS[(session + step // 3) % len(FILTERS)]
    return name, PAGES[name] + (f"?{query}" if query else "")


async def local_only(route: Route) -> None:
    if urlparse(route.request.url).hostname in LOOPBACK or route.request.url.startswith(("data:", "blob:")):
        await route.continue_()
    else:
        await route.abort()


async def one_step(
    page: Page, url: str, reload: bool, timeout: float, page_errors: list[str]
) -> tuple[float | None, str | None]:
    """Show `url` and wait until its run has settled: (seconds, None) when answered, (None, why) when errored.

    A reload is a page load (a new Streamlit session); otherwise the URL changes in place, as the back and
    forward buttons do (history entry + popstate), and the same session reruns on the new page and filters.
    """
    seen = len(page_errors)
    begin = time.perf_counter()
    try:
        if reload:
            await page.goto(url, wait_until="commit", timeout=timeout * 1000)
            before = None
        else:
            before = await page.evaluate(RERUN_JS, url)
        left = max(timeout - (time.perf_counter() - begin), 0.1)
        await page.wait_for_function(SETTLED_JS, arg=before, timeout=left * 1000, polling=100)
    except PlaywrightTimeout:
        return None, "timeout"
    except Exception as problem:  # a failed navigation, a closed page: counted, never fatal
        return None, f"navigation: {type(problem).__name__}"
    elapsed = time.perf_counter() - begin
    if await page.locator(EXCEPTION).count():
        shown = await page.locator(EXCEPTION).first.inner_text()
        return None, f"exception on the page: {shown.strip().splitlines()[0][:150] if shown.strip() else '?'}"
    if len(page_errors) > seen:
        return None, f"page error: {page_errors[seen].splitlines()[0][:150]}"
    return elapsed, None


class Wire:
    """One tab's websocket as the server sees it: each rerun request, until the script says it has finished.

    The times are those at which this script hears of the frames from Playwright, so under load they carry
    its relay's delay too; still, they leave out the browser's own work of drawing the page.
    """

    def __init__(self, page: Page, phase: Phase, figures: Figures) -> None:
        self.phase, self.figures = phase, figures
        self.asked: float | None = None
        page.on("websocket", self.watch)

    def watch(self, socket_: WebSocket) -> None:
        socket_.on("framesent", self.sent)
        socket_.on("framereceived", self.received)

    def sent(self, payload: bytes | str) -> None:
        with contextlib.suppress(Exception):
            if BackMsg.FromString(payload).WhichOneof("type") == "rerun_script":
                self.asked = time.perf_counter()

    def received(self, payload: bytes | str) -> None:
        if self.asked is None or len(payload) > SMALL:
            return
        with contextlib.suppress(Exception):
            message = ForwardMsg.FromString(payload)
            if message.WhichOneof("type") == "script_finished" and message.script_finished in (
                ForwardMsg.FINISHED_SUCCESSFULLY,
                ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
            ):
                if self.phase.started.is_set():
                    self.figures.server.append(time.perf_counter() - self.asked)
                self.asked = None


async def session(
    browser: Browser,
    index: int,
    base: str,
    args: argparse.Namespace,
    opening: asyncio.Semaphore,
    phase: Phase,
    figures: Figures,
) -> None:
    """One analyst: a browser context of its own; opens its first page, then steps until the phase stops."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        await context.route("**/*", local_only)
        page = await context.new_page()
        page_errors: list[str] = []
        page.on("pageerror", lambda error: page_errors.append(str(error)))
        Wire(page, phase, figures)
        async with opening:
            _, path = step_path(index, 0)
            seconds, problem = await one_step(page, base + path, True, args.timeout, page_errors)
        if problem is None:
            figures.opens.append(seconds)
        else:
            count(figures.open_errors, problem)
        await phase.started.wait()
        step, reload = 1, problem is not None  # a step after an error starts afresh with a page load
        while time.monotonic() < phase.stop_at:
            name, path = step_path(index, step)
            reload = reload or args.reload
            seconds, problem = await one_step(page, base + path, reload, args.timeout, page_errors)
            if problem is None:
                figures.latencies[f"{name}, page load" if reload else f"{name}, rerun"].append(seconds)
            else:
                count(figures.errors, problem)
            step, reload = step + 1, problem is not None
            await asyncio.sleep(args.pause)
    finally:
        with contextlib.suppress(Exception):
            await context.close()


async def sample_rss(pid: int | None, samples: list[float], done: asyncio.Event) -> None:
    while pid is not None and not done.is_set():
        samples.append(rss_mb(pid))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(done.wait(), RSS_EVERY)


async def load(
    base: str, pid: int | None, args: argparse.Namespace
) -> tuple[Figures, dict[str, float], dict[str, float]]:
    """Open the sessions, then load; their figures, the server's memory (MB) and the CPU seconds of the load."""
    figures, samples, memory, phase = Figures(), [], {}, Phase()
    opening = asyncio.Semaphore(args.open_together)
    done = asyncio.Event()
    async with async_playwright() as driver:
        browser = await driver.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        try:
            if pid is not None:
                memory["start"] = rss_mb(pid)
            began = time.monotonic()
            sessions = [
                asyncio.create_task(session(browser, index, base, args, opening, phase, figures))
                for index in range(args.sessions)
            ]
            while len(figures.opens) + sum(figures.open_errors.values()) < args.sessions:
                await asyncio.sleep(0.2)
            figures.opening = time.monotonic() - began
            if pid is not None:
                memory["opened"] = rss_mb(pid)
            cpu = cpu_now(pid)
            sampler = asyncio.create_task(sample_rss(pid, samples, done))
            began = time.monotonic()
            phase.stop_at = began + args.duration
            phase.started.set()
            await asyncio.gather(*sessions)
            figures.wall = time.monotonic() - began
            cpu = {key: value - cpu[key] for key, value in cpu_now(pid).items()}
            done.set()
            await sampler
            if pid is not None:
                memory["peak"] = max([memory["opened"], *samples])
                memory["end"] = samples[-1] if samples else rss_mb(pid)
                await asyncio.sleep(5)  # let the server notice the closed sessions and drop them
                memory["closed"] = rss_mb(pid)
        finally:
            await browser.close()
    return figures, memory, cpu


# --- the report --------------------------------------------------------------------------------------------------


def percentiles(values: list[float]) -> str:
    if not values:
        return "no answered step"
    if len(values) == 1:
        return f"p50 {values[0]:.2f} s, p95 {values[0]:.2f} s"
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return f"p50 {cuts[49]:.2f} s, p95 {cuts[94]:.2f} s, max {max(values):.2f} s (n={len(values)})"


def report(
    figures: Figures, memory: dict[str, float], cpu: dict[str, float], args: argparse.Namespace, base: str
) -> None:
    every = [value for values in figures.latencies.values() for value in values]
    errored = sum(figures.errors.values())
    wall = figures.wall
    sessions = f"{args.sessions} session{'s' if args.sessions != 1 else ''}"
    print(
        f"\n{sessions} on {base}, {args.open_together} opening at a time, then {args.duration:.0f} s "
        f"of load (last step ended at {wall:.0f} s), pause {args.pause} s, timeout {args.timeout:.0f} s"
    )
    print(
        f"opened    {len(figures.opens)} of {args.sessions} in {figures.opening:.0f} s; first page "
        f"{percentiles(figures.opens)}"
    )
    for kind, problem_count in sorted(figures.open_errors.items()):
        print(f"  failed to open: {kind}: {problem_count}")
    print(f"answered  {len(every)}   errored {errored}   ({len(every) / max(wall, 1e-9):.2f} answered steps/s)")
    for kind, problem_count in sorted(figures.errors.items()):
        print(f"  errored: {kind}: {problem_count}")
    print(f"latency   {percentiles(every)}   (URL change -> page idle, in the browser)")
    for name, values in figures.latencies.items():
        if values:
            print(f"  {name:<20}{percentiles(values)}")
    print(f"server    {percentiles(figures.server)}   (rerun request -> script finished, on the websocket)")
    if memory:
        in_all, during = round(memory["end"] - memory["start"]), round(memory["end"] - memory["opened"])
        print(
            f"server RSS  start {memory['start']:.0f} MB, {memory['opened']:.0f} MB with the sessions open, "
            f"peak {memory['peak']:.0f} MB, end {memory['end']:.0f} MB: growth {in_all:+d} MB in all, "
            f"{during:+d} MB during the load; "
            f"{memory['closed']:.0f} MB 5 s after the sessions closed"
        )
    else:
        print("server RSS  unknown: no visible process listens on that port")
    cores = {key: value / max(wall, 1e-9) for key, value in cpu.items()}
    print(
        f"CPU during the load, in cores (machine has {os.cpu_count()}): server {cores['server']:.2f}, "
        f"this script's browser {cores['browser']:.2f}, "
        f"everything else {max(cores['machine'] - cores['server'] - cores['browser'], 0):.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sessions", type=int, default=20, help="concurrent browser sessions (default 20)")
    parser.add_argument("--duration", type=float, default=60, help="seconds of load (default 60)")
    parser.add_argument("--url", help="a dashboard already running on this machine, e.g. http://127.0.0.1:8501")
    parser.add_argument("--data", type=Path, help="data folder for the server started here (default: bundled data)")
    parser.add_argument("--timeout", type=float, default=60, help="seconds a step may take before it errs (60)")
    parser.add_argument("--pause", type=float, default=1.0, help="seconds a session waits between steps (1)")
    parser.add_argument("--reload", action="store_true", help="every step a page load (a new session), not a rerun")
    parser.add_argument("--open-together", type=int, default=2, help="sessions opening their first page at once (2)")
    args = parser.parse_args()
    if min(args.sessions, args.open_together) < 1 or min(args.duration, args.timeout) <= 0 or args.pause < 0:
        parser.error("--sessions, --open-together, --duration and --timeout must be positive, --pause not negative")
    if args.url and args.data:
        parser.error("--data is for the server this script starts; with --url the server has its own data")
    if not CHROMIUM.exists():
        parser.error(f"{CHROMIUM} is missing: apt-get install chromium")

    process = None
    if args.url:
        parsed = urlparse(args.url)
        if parsed.scheme != "http" or parsed.hostname not in LOOPBACK:
            parser.error("--url must be http:// on a loopback address (127.0.0.1, localhost, ::1)")
        base = args.url.rstrip("/")
        if not healthy(base):
            raise SystemExit(f"no healthy streamlit at {base}")
        pid = listener_pid(parsed.port or 80)
    else:
        process, base = start_server(args.data)
        pid = process.pid
    try:
        opening = -(-args.sessions // args.open_together) * args.timeout  # each batch of first pages, at worst
        watchdog = opening + args.duration + args.timeout + 60
        figures, memory, cpu = asyncio.run(asyncio.wait_for(load(base, pid, args), watchdog))
    except TimeoutError:
        raise SystemExit(f"the run overran its {watchdog:.0f} s bound and was stopped") from None
    finally:
        if process is not None:
            stop_server(process)
    report(figures, memory, cpu, args, base)


if __name__ == "__main__":
    main()
