"""Figures and rows for briefings: images rendered on the server, captions on the figure itself.

Images are rendered by kaleido in Debian's chromium. One browser serves the whole process
(a cold export costs seconds, a warm one a fraction of a second); it is not thread-safe,
so exports queue on a lock, and every wait is bounded so an export can fail but never hang.
"""

from __future__ import annotations

import html
import io
import math
import os
import shutil
import textwrap
import threading
import warnings
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from liaison.dataset.store import Dataset
from liaison.figures.wording import describe_filters
from liaison.figures.world import GEO_DIR
from liaison.view.filters import Filters
from liaison.view.stored_table import view_table
from liaison.words.i18n import t

FORMATS = ("png", "svg", "pdf")
# A text cell starting with one of these is run as a formula by spreadsheets (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MIME = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
PNG_WIDTH = 1600
PNG_SCALE = 2
CAPTION_LINE = 17
CAPTION_BOTTOM = 14
CAPTION_INSET = 16
CAPTION_FONT_SIZE = 12
CAPTION_COLOUR = "#52606d"
TICK_FONT_SIZE = 13
FONT_FILE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
TIMEOUT_SECONDS = 90
OUTLETS_IN_CAPTION = 4


class ExportError(Exception):
    """An export could not be made; the message says why and what to do."""


@dataclass(frozen=True)
class Caption:
    """What an exported figure says about itself, so it stands alone in a briefing."""

    filters: str
    meetings: int
    version: str
    sources: str
    generated: date
    lang: str = "en"
    candidates: int | None = None
    """Machine-coded GDELT candidates the figure draws apart from the meetings (None: it draws none)."""

    def lines(self) -> list[str]:
        """The caption's lines for a plotly figure: markup in the data or the search term is escaped, never drawn."""
        return [html.escape(line, quote=False) for line in self.text_lines()]

    def text_lines(self) -> list[str]:
        """The caption's lines as plain text (slides and PDF pages escape for their own formats)."""
        apart = (
            [t("export.caption.candidates", self.lang, count=self.candidates)] if self.candidates is not None else []
        )
        return [
            t("export.caption.view", self.lang, filters=self.filters, meetings=self.meetings),
            *apart,
            t("export.caption.source", self.lang, version=self.version, sources=self.sources),
            t("export.caption.generated", self.lang, generated=self.generated.isoformat()),
        ]


def view_sources(ds: Dataset, ids: pd.Index) -> pd.DataFrame:
    """The sources behind the meetings of a view, most cited first."""
    cited = ds.evidence[ds.evidence["meeting_id"].isin(ids)].drop_duplicates(["meeting_id", "source_id"])
    counts = cited["source_id"].value_counts().rename("meetings")
    return ds.sources.merge(counts, left_on="source_id", right_index=True).sort_values(
        ["meetings", "source_id"], ascending=[False, True]
    )


def caption_for(
    ds: Dataset, filters: Filters, ids: pd.Index, generated: date, lang: str = "en", candidates: int | None = None
) -> Caption:
    """The caption of any figure of this view; `candidates`, the machine-coded ones it also draws, if any."""
    outlets = list(dict.fromkeys(view_sources(ds, ids)["outlet"]))
    named = ", ".join(outlets[:OUTLETS_IN_CAPTION])
    if len(outlets) > OUTLETS_IN_CAPTION:
        named += " " + t("export.caption.more", lang, count=len(outlets) - OUTLETS_IN_CAPTION)
    return Caption(
        filters=describe_filters(filters, ds, lang),
        meetings=len(ids),
        version=ds.version.digest,
        sources=named or "—",
        generated=generated,
        lang=lang,
        candidates=candidates,
    )


def _text_width(text: str, size: float) -> float:
    """How wide `text` draws in the figures' font, in pixels (DejaVu Sans, as the template asks)."""
    try:
        from PIL import ImageFont

        return ImageFont.truetype(str(FONT_FILE), round(size)).getlength(text)
    except OSError:
        return 0.6 * size * len(text)


def _left_labels(figure: go.Figure) -> float:
    """The room the y axis's labels and title take left of the plot, which `paper` coordinates start after.

    Annotations can only be placed relative to the plot area, and automargin moves the plot
    right by the width of the longest lane or topic label: measured here, the caption can
    start at the figure's edge, aligned with the title, on every chart.
    """
    axis = figure.layout.yaxis
    if axis.visible is False or not figure.data or not any("xaxis" in trace for trace in figure.data):
        return 0.0
    if axis.ticktext:
        labels = [str(label) for label in axis.ticktext]
    else:
        labels = [
            str(value)
            for trace in figure.data
            if getattr(trace, "orientation", None) == "h" or trace.type == "heatmap"
            for value in (trace.y if trace.y is not None else ())
        ]
    size = (figure.layout.font.size or TICK_FONT_SIZE) if figure.layout.font else TICK_FONT_SIZE
    labels_width = max((_text_width(label, size) for label in labels), default=_text_width("000", size))
    title_room = size + 12 if axis.title and axis.title.text else 0
    return labels_width + 8 + title_room


def _below_labels(figure: go.Figure) -> float:
    """The room the x axis's tick labels (slanted ones included) and title take under the plot."""
    if not figure.data or not any("xaxis" in trace for trace in figure.data) or figure.layout.xaxis.visible is False:
        return 12.0
    axis = figure.layout.xaxis
    room = 26.0
    if axis.tickangle:
        labels = [str(label) for label in axis.ticktext or ()] or [
            str(value) for trace in figure.data if trace.type == "heatmap" for value in (trace.x or ())
        ]
        widest = max((_text_width(label, TICK_FONT_SIZE) for label in labels), default=0.0)
        room = widest * abs(math.sin(math.radians(axis.tickangle))) + 18
    if axis.title and axis.title.text:
        room += TICK_FONT_SIZE + 14
    return room + 8


def _wrapped(lines: list[str], width: int) -> list[str]:
    """Caption lines wrapped to the figure's width: plotly never wraps an annotation, it cuts it."""
    per_line = max(40, int((width - 2 * CAPTION_INSET) / (CAPTION_FONT_SIZE * 0.58)))
    wrapped: list[str] = []
    for line in lines:
        wrapped += textwrap.wrap(line, per_line, break_on_hyphens=False) or [""]
    return wrapped


def captioned(figure: go.Figure, caption: Caption, min_height: int = 0, width: int = PNG_WIDTH) -> go.Figure:
    """A copy of the figure with its caption written under the plot, from the figure's left edge.

    `min_height` makes the figure at least that tall (a slide asks for 16:9), the plot taking
    the extra room; the caption's height follows its number of lines.
    """
    lines = _wrapped(caption.text_lines(), width)
    gap = _below_labels(figure)
    text_height = CAPTION_LINE * len(lines)
    caption_height = int(gap + text_height + CAPTION_BOTTOM)
    height = max(int(figure.layout.height or 500) + caption_height, min_height)
    top = figure.layout.margin.t if figure.layout.margin.t is not None else 84
    plot_height = height - top - caption_height
    labels = _left_labels(figure)
    result = go.Figure(figure)
    result.update_layout(
        height=height,
        width=width,
        margin={"b": caption_height, "l": CAPTION_INSET + labels, "r": max(20, figure.layout.margin.r or 0)},
        title_x=CAPTION_INSET / width,
    )
    result.add_annotation(
        text="<br>".join(html.escape(line, quote=False) for line in lines),
        xref="paper",
        yref="paper",
        x=0,
        xshift=-labels,
        y=-(gap + text_height) / max(plot_height, 1),
        xanchor="left",
        yanchor="bottom",
        align="left",
        showarrow=False,
        font={"size": CAPTION_FONT_SIZE, "color": CAPTION_COLOUR},
    )
    return result


def chromium_path() -> str | None:
    """The browser kaleido will use (BROWSER_PATH, else Debian's chromium), if it is a program that can run."""
    candidate = os.environ.get("BROWSER_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    return candidate if candidate and os.access(candidate, os.X_OK) and Path(candidate).is_file() else None


def _no_browser() -> str:
    """Why no browser can render, and what to do: a wrong BROWSER_PATH is named, else how to install one."""
    path = os.environ.get("BROWSER_PATH")
    if path:
        return (
            f"BROWSER_PATH={path} is not a program: point it at a Chrome or Chromium binary, or unset it "
            "and run `sudo apt-get install chromium` (Debian/Ubuntu)"
        )
    return (
        "figure export needs Chromium, which is not installed: run `sudo apt-get install chromium` "
        "(Debian/Ubuntu) or set BROWSER_PATH to a Chrome or Chromium binary"
    )


class _Renderer:
    """One kaleido browser per process, used by one export at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._started = False

    def render(self, figure: go.Figure, fmt: str, width: int, height: int, scale: float) -> bytes:
        if fmt not in FORMATS:
            raise ExportError(f"unknown image format '{fmt}' (use {', '.join(FORMATS)})")
        if chromium_path() is None:
            raise ExportError(_no_browser())
        if not self._lock.acquire(timeout=TIMEOUT_SECONDS):
            raise ExportError(f"another export has been running for over {TIMEOUT_SECONDS} s; try again later")
        try:
            return self._within_timeout(figure, fmt, width, height, scale)
        finally:
            self._lock.release()

    def _within_timeout(self, figure: go.Figure, fmt: str, width: int, height: int, scale: float) -> bytes:
        # A daemon thread: if the browser never answers, the process can still exit.
        outcome: dict[str, object] = {}

        def draw() -> None:
            try:
                outcome["image"] = self._draw(figure, fmt, width, height, scale)
            except Exception as error:  # handed to the caller below
                outcome["error"] = error

        worker = threading.Thread(target=draw, name="kaleido-export", daemon=True)
        worker.start()
        worker.join(TIMEOUT_SECONDS)
        if worker.is_alive():
            self._restart()
            raise ExportError(f"the export did not finish within {TIMEOUT_SECONDS} s")
        if "error" in outcome:
            raise outcome["error"]
        return outcome["image"]

    def _restart(self) -> None:
        """Drop a browser that stopped answering, so the next export starts a fresh one instead of queueing on it."""
        import kaleido

        stopper = threading.Thread(target=kaleido.stop_sync_server, kwargs={"silence_warnings": True}, daemon=True)
        stopper.start()
        stopper.join(10)
        self._started = False

    def _draw(self, figure: go.Figure, fmt: str, width: int, height: int, scale: float) -> bytes:
        import kaleido

        if not self._started:
            pio.defaults.topojson = GEO_DIR.as_uri() + "/"
            pio.defaults.mathjax = None
            kaleido.start_sync_server(silence_warnings=True)
            self._started = True
        with warnings.catch_warnings():
            # plotly warns that per-call browser options are ignored with a shared server: intended.
            warnings.simplefilter("ignore", UserWarning)
            return pio.to_image(figure, format=fmt, width=width, height=height, scale=scale)


_RENDERER = _Renderer()


def render(figure: go.Figure, fmt: str, width: int = PNG_WIDTH, scale: float = PNG_SCALE) -> bytes:
    """The figure as PNG (width × scale pixels wide), SVG or PDF bytes; raises ExportError with a reason."""
    height = int(figure.layout.height or 500)
    try:
        return _RENDERER.render(figure, fmt, width, height, scale if fmt == "png" else 1)
    except ExportError:
        raise
    except Exception as error:  # kaleido reports browser failures with its own exception types
        raise ExportError(f"the figure could not be rendered: {error}") from error


def figure_file(figure: go.Figure, caption: Caption, fmt: str) -> bytes:
    """The figure with its caption as PNG (3200 px wide), SVG or PDF: what the page's buttons and the CLI write."""
    return render(captioned(figure, caption), fmt)


def view_rows(ds: Dataset, ids: pd.Index) -> dict[str, pd.DataFrame]:
    """The rows behind a view: its meetings, their participants and their sources."""
    meetings = view_table(ds, ids).assign(
        states=lambda frame: frame["states"].map(" ".join), topics=lambda frame: frame["topics"].map(" ".join)
    )
    participants = ds.participants[ds.participants["meeting_id"].isin(ids)]
    return {"meetings": meetings, "participants": participants, "sources": view_sources(ds, ids)}


def inert_cell(value: object) -> object:
    """A text cell a spreadsheet would run as a formula, with a single quote before it; any other value as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def inert(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every formula-leading text cell quoted; numbers (-3 included) and dates are kept as they are."""
    return frame.map(inert_cell)


def table_csv(frame: pd.DataFrame) -> bytes:
    """A table as CSV a spreadsheet opens safely: UTF-8 with a byte-order mark (for accents), CRLF line ends.

    CRLF, as RFC 4180 has it, also makes the writer quote a cell holding a lone carriage return.
    """
    return inert(frame).to_csv(index=False, date_format="%Y-%m-%d", lineterminator="\r\n").encode("utf-8-sig")


def tables_xlsx(sheets: dict[str, pd.DataFrame]) -> bytes:
    """Tables as the sheets of a workbook whose text cells are never formulas."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as workbook:
        for name, frame in sheets.items():
            inert(frame).to_excel(workbook, sheet_name=name, index=False)
    return buffer.getvalue()


def rows_csv(ds: Dataset, ids: pd.Index) -> bytes:
    """The view's meetings as CSV."""
    return table_csv(view_rows(ds, ids)["meetings"])


def rows_xlsx(ds: Dataset, filters: Filters, ids: pd.Index, generated: date, lang: str = "en") -> bytes:
    """The view as a workbook: meetings, participants, sources, and a sheet that says what the view is."""
    about = pd.DataFrame(
        {
            "": [
                t("export.sheet.filters", lang),
                t("export.sheet.meetings", lang),
                t("export.sheet.version", lang),
                t("export.sheet.generated", lang),
            ],
            " ": [describe_filters(filters, ds, lang), len(ids), str(ds.version), generated.isoformat()],
        }
    )
    return tables_xlsx(view_rows(ds, ids) | {"view": about})
