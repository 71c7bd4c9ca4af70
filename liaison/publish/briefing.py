"""Briefing packs: a view's key points, meetings, figures and sources as a PowerPoint deck and a PDF.

Analysts hand these to people who never open the dashboard, so every page must stand alone:
the title says which view it is ("Qatar — May 2025"), the key points say what the numbers
mean, the meetings are listed, each figure fills its slide and carries its caption inside
the image (where it survives a copy and paste, so it is not repeated as text), and the
sources travel with them (in the slide notes, and on the last pages).
Everything is computed and rendered once, by `build_briefing`; the two documents only lay it out.
python-pptx and reportlab are imported when a document is made, not when the dashboard starts.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

import pandas as pd

from liaison.dataset.store import Dataset
from liaison.figures.catalogue import build_figure
from liaison.publish.export import caption_for, captioned, render, view_sources
from liaison.view.activity import state_activity, venue_activity
from liaison.view.filters import Filters
from liaison.view.query import effective_end, select
from liaison.view.stored_table import view_table
from liaison.view.topics import topic_counts
from liaison.words.i18n import actor_name, date_span_label, month_label, region_label, short_month_label, t, topic_label
from liaison.words.places import country_name

if TYPE_CHECKING:
    from pptx.presentation import Presentation as Deck
    from pptx.slide import Slide
    from pptx.text.text import TextFrame
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Flowable, SimpleDocTemplate

BRIEFING_FIGURES = ("timeline", "map", "venues", "topics", "lanes")
BRIEFING_FORMATS = ("pptx", "pdf")
MIME = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
}
# A figure is laid out at the slide's 16:9, so it fills the slide instead of a band across it,
# and on a narrower page than a stand-alone export (drawn at scale 3, still 3300 px wide), so
# its labels stay readable on a projected slide.
SLIDE_WIDTH_PX = 1100
SLIDE_HEIGHT_PX = SLIDE_WIDTH_PX * 9 // 16
SLIDE_SCALE = 3
ROWS_PER_SLIDE = 8
SOURCES_PER_SLIDE = 10
NAMES_IN_TITLE = 3
TOP_IN_POINTS = 3
STATES_IN_ROW = 5
TITLE_CHARACTERS = 90
ROW_TITLE_CHARACTERS = 110
LINK_CHARACTERS = 90
# Debian's fonts-dejavu-core (a chromium dependency) covers far more scripts than the PDF base fonts.
PDF_FONT_FILES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
)
MUTED = "#52606d"

Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class BriefingFigure:
    """One rendered figure of a briefing; `caption` is drawn in the image and kept here as its alt text."""

    name: str
    title: str
    png: bytes
    caption: str

    @property
    def pixels(self) -> tuple[int, int]:
        """Width and height of the PNG, read from its header so layouts keep its proportions."""
        return struct.unpack(">II", self.png[16:24])


@dataclass(frozen=True)
class MeetingRow:
    """One line of the briefing's table of meetings, already in the reader's language."""

    date: str
    title: str
    venue: str
    participants: str
    source: str


@dataclass(frozen=True, eq=False)
class Briefing:
    """Everything a briefing document shows, computed and rendered, so the PPTX and the PDF say the same."""

    lang: str
    title: str
    filters: str
    period: str
    meetings: int
    version: str
    generated: date
    points: tuple[str, ...]
    rows: tuple[MeetingRow, ...]
    figures: tuple[BriefingFigure, ...]
    sources: pd.DataFrame

    @property
    def row_pages(self) -> list[tuple[MeetingRow, ...]]:
        """The table of meetings cut into slides (none for an empty view)."""
        return [self.rows[start : start + ROWS_PER_SLIDE] for start in range(0, len(self.rows), ROWS_PER_SLIDE)]

    @property
    def source_pages(self) -> list[pd.DataFrame]:
        """The sources cut into slides; one slide says so when there is none."""
        count = max(1, -(-len(self.sources) // SOURCES_PER_SLIDE))
        return [
            self.sources.iloc[index * SOURCES_PER_SLIDE : (index + 1) * SOURCES_PER_SLIDE] for index in range(count)
        ]

    @property
    def slides(self) -> int:
        """Pages in either document: title, key points, meetings, one per figure, sources."""
        return 2 + len(self.row_pages) + len(self.figures) + len(self.source_pages)

    def facts(self) -> list[str]:
        """The lines under the title: which view, which data, when."""
        lines = [
            self.period,
            t("briefing.filters", self.lang, filters=self.filters),
            t("briefing.meetings", self.lang, count=self.meetings),
            t("briefing.version", self.lang, version=self.version),
            t("export.caption.generated", self.lang, generated=self.generated.isoformat()),
        ]
        if not self.figures:
            lines.append(t("briefing.empty", self.lang))
        return lines

    def page_title(self, key: str, index: int, count: int) -> str:
        """A slide heading, numbered when its content runs over several slides."""
        heading = t(key, self.lang)
        return heading if count == 1 else t("briefing.page_of", self.lang, heading=heading, index=index, count=count)


def _month(value: str) -> pd.Timestamp:
    return pd.Timestamp(f"{value}-01")


def _months_between(first: pd.Timestamp, last: pd.Timestamp) -> int:
    return (last.year - first.year) * 12 + last.month - first.month + 1


def _span_words(first: pd.Timestamp, last: pd.Timestamp, lang: str) -> str:
    """'May 2025' for one month, 'Jan 2018 to Nov 2025' for more."""
    if (first.year, first.month) == (last.year, last.month):
        return month_label(first, lang)
    return t("briefing.title.range", lang, start=short_month_label(first, lang), end=short_month_label(last, lang))


def _dated(ds: Dataset, ids: pd.Index) -> pd.DataFrame:
    meetings = ds.meetings[ds.meetings["meeting_id"].isin(ids)]
    return meetings[meetings["start_date"].notna() & (meetings["date_precision"] != "unknown")]


def _names(values: list[str], lang: str) -> str:
    if len(values) <= NAMES_IN_TITLE:
        return ", ".join(values)
    return t("briefing.title.more", lang, names=", ".join(values[:NAMES_IN_TITLE]), count=len(values) - NAMES_IN_TITLE)


def view_title(ds: Dataset, filters: Filters, ids: pd.Index, lang: str = "en") -> str:
    """The view named as a reader would: 'Qatar — May 2025', 'All meetings — Jan 2018 to Nov 2025'.

    The subject is what the filters pick (states, blocs, regions, topics, formats, search);
    the period is the one asked for, else the months the view's meetings span.
    """
    subject = [
        _names([country_name(code, lang) for code in filters.countries], lang),
        _names([actor_name(code, ds.organizations, lang) for code in filters.blocs], lang),
        _names([region_label(region, lang) for region in filters.regions], lang),
        _names([topic_label(topic, ds.taxonomy, lang) for topic in filters.topics], lang),
        _names([t(f"format.{value}", lang) for value in filters.formats], lang),
        f"“{filters.text}”" if filters.text else "",
    ]
    named = " · ".join(part for part in subject if part) or t("briefing.title.all", lang)
    if filters.month_from and filters.month_to:
        period = _span_words(_month(filters.month_from), _month(filters.month_to), lang)
    elif filters.month_from:
        period = t("briefing.title.since", lang, start=month_label(_month(filters.month_from), lang))
    elif filters.month_to:
        period = t("briefing.title.until", lang, end=month_label(_month(filters.month_to), lang))
    else:
        dated = _dated(ds, ids)
        period = "" if dated.empty else _span_words(dated["start_date"].min(), effective_end(dated).max(), lang)
    return f"{named} — {period}" if period else named


def _period(ds: Dataset, filters: Filters, ids: pd.Index, lang: str) -> str:
    """The months asked for, and the dates the view's meetings actually span (as precise as known)."""
    if filters.month_from and filters.month_from == filters.month_to:
        period = month_label(_month(filters.month_from), lang)
    elif filters.month_from or filters.month_to:
        start = month_label(_month(filters.month_from), lang) if filters.month_from else "…"
        end = month_label(_month(filters.month_to), lang) if filters.month_to else "…"
        period = t("filters.words.period", lang, start=start, end=end)
    else:
        period = t("briefing.period.all", lang)
    dated = _dated(ds, ids)
    if dated.empty:
        return t("briefing.period", lang, period=period)
    first = dated.sort_values("start_date").iloc[0]
    last = dated.assign(last_day=effective_end(dated)).sort_values("last_day").iloc[-1]
    first_words = date_span_label(first["start_date"], first["start_date"], first["date_precision"], lang)
    last_words = date_span_label(last["end_date"], last["end_date"], last["date_precision"], lang)
    if first_words == last_words:
        return t("briefing.period.dated.one", lang, period=period, date=first_words)
    return t("briefing.period.dated", lang, period=period, first=first_words, last=last_words)


def _previous(ds: Dataset, filters: Filters) -> tuple[pd.Timestamp, pd.Timestamp, int] | None:
    """The period of the same length just before the view's, and its meetings; None when no period is set.

    An open end (only `from` or only `to`) is closed by the months the data cover.
    """
    if not (filters.month_from or filters.month_to):
        return None
    dated = ds.meetings["start_date"].dropna()
    first = _month(filters.month_from) if filters.month_from else dated.min().to_period("M").to_timestamp()
    last = _month(filters.month_to) if filters.month_to else dated.max().to_period("M").to_timestamp()
    length = _months_between(first, last)
    previous_last = first - pd.DateOffset(months=1)
    previous_first = first - pd.DateOffset(months=length)
    earlier = filters.with_values(month_from=previous_first.strftime("%Y-%m"), month_to=previous_last.strftime("%Y-%m"))
    return previous_first, previous_last, len(select(ds, earlier))


def _ranked(pairs: list[tuple[str, int]]) -> str:
    return ", ".join(f"{name} ({count})" for name, count in pairs)


def key_points(ds: Dataset, filters: Filters, ids: pd.Index, lang: str = "en") -> list[str]:
    """Sentences computed from the view: how many meetings, the change on the previous period, who, what, where."""
    if ids.empty:
        return [t("briefing.points.none", lang)]
    meetings = ds.meetings[ds.meetings["meeting_id"].isin(ids)]
    count = len(ids)
    points = [
        t(
            "briefing.points.count",
            lang,
            count=count,
            multilateral=int((meetings["format"] == "multilateral").sum()),
            bilateral=int((meetings["format"] == "bilateral").sum()),
        )
    ]
    previous = _previous(ds, filters)
    if previous is None:
        points.append(t("briefing.points.no_period", lang))
    else:
        first, last, before = previous
        length = _months_between(first, last)
        span = _span_words(first, last, lang)
        months = (
            t("briefing.points.previous.one", lang, span=span)
            if length == 1
            else t("briefing.points.previous.many", lang, months=length, span=span)
        )
        change = "up" if count > before else "down" if count < before else "same"
        points.append(t(f"briefing.points.change.{change}", lang, count=count, before=before, previous=months))
    states = state_activity(ds, ids).head(TOP_IN_POINTS)
    if not states.empty:
        ranked = _ranked([(country_name(row.iso3, lang), int(row.meetings)) for row in states.itertuples()])
        points.append(t("briefing.points.states", lang, states=ranked))
    topics = topic_counts(ds, ids).head(TOP_IN_POINTS)
    if topics.empty:
        points.append(t("briefing.points.topics.none", lang))
    else:
        ranked = _ranked(
            [(topic_label(row.topic_id, ds.taxonomy, lang), int(row.meetings)) for row in topics.itertuples()]
        )
        points.append(t("briefing.points.topics", lang, topics=ranked))
    venues = venue_activity(ds, ids).head(TOP_IN_POINTS)
    if not venues.empty:
        column = "name_fr" if lang == "fr" else "name"
        points.append(
            t(
                "briefing.points.venues",
                lang,
                venues=_ranked([(row[column], int(row["meetings"])) for _, row in venues.iterrows()]),
            )
        )
    if undated := count - len(_dated(ds, ids)):
        points.append(t("briefing.points.undated", lang, count=undated))
    return points


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _text(value: object) -> str:
    return "" if pd.isna(value) else str(value).strip()


def meeting_rows(ds: Dataset, ids: pd.Index, lang: str = "en") -> list[MeetingRow]:
    """The view's meetings, oldest first, as the briefing's table lists them."""
    table = view_table(ds, ids).sort_values(["start_date", "meeting_id"], na_position="last", kind="stable")
    cited = (
        ds.evidence[ds.evidence["meeting_id"].isin(ids)]
        .drop_duplicates(["meeting_id", "source_id"])
        .merge(ds.sources[["source_id", "outlet", "published"]], on="source_id")
        .groupby("meeting_id")[["outlet", "published"]]
        .agg(list)
    )
    fr = lang == "fr"
    rows = []
    for row in table.itertuples():
        names = [country_name(code, lang) for code in row.states]
        participants = ", ".join(names[:STATES_IN_ROW])
        if len(names) > STATES_IN_ROW:
            participants = t("briefing.title.more", lang, names=participants, count=len(names) - STATES_IN_ROW)
        venue = _text(row.venue_fr if fr else row.venue)
        city = _text(row.city)
        # Cities are recorded in English only: named when the venue's own name does not already say it.
        if city and city not in _text(row.venue):
            venue = f"{venue}, {city}" if venue else city
        source = "—"
        if row.meeting_id in cited.index:
            outlets, published = cited.loc[row.meeting_id, "outlet"], cited.loc[row.meeting_id, "published"]
            source = f"{outlets[0]} ({_text(published[0]) or t('briefing.source.undated', lang)})"
            if len(outlets) > 1:
                source += " " + t("briefing.table.more_sources", lang, count=len(outlets) - 1)
        rows.append(
            MeetingRow(
                date=date_span_label(row.start_date, row.end_date, row.date_precision, lang),
                title=_shorten(_text(row.title_fr if fr else row.title), ROW_TITLE_CHARACTERS),
                venue=venue or "—",
                participants=participants or "—",
                source=source,
            )
        )
    return rows


def build_briefing(
    ds: Dataset, filters: Filters, generated: date, lang: str = "en", progress: Progress | None = None
) -> Briefing:
    """Compute the view's pages and render its non-empty figures; raises ExportError (saying what to do).

    `progress(fraction, message)` is called after each step, because rendering takes seconds
    and the dashboard shows a progress bar meanwhile.
    """
    report = progress or (lambda fraction, message: None)
    ids = select(ds, filters)
    caption = caption_for(ds, filters, ids, generated, lang)
    figures = [(name, build_figure(name, ds, ids, lang)) for name in BRIEFING_FIGURES]
    # An empty view's figures are only a sentence saying so: a slide of them would say nothing.
    drawn = [(name, figure) for name, figure in figures if figure.data]
    report(0.1, t("briefing.progress.start", lang, count=len(drawn)))
    rendered = []
    for index, (name, figure) in enumerate(drawn, start=1):
        slide = captioned(figure, caption, min_height=SLIDE_HEIGHT_PX, width=SLIDE_WIDTH_PX)
        png = render(slide, "png", width=SLIDE_WIDTH_PX, scale=SLIDE_SCALE)
        title = figure.layout.title.text or name
        rendered.append(BriefingFigure(name, title, png, "\n".join(caption.text_lines())))
        report(0.1 + 0.85 * index / len(drawn), t("briefing.progress.figure", lang, index=index, count=len(drawn)))
    briefing = Briefing(
        lang=lang,
        title=view_title(ds, filters, ids, lang),
        filters=caption.filters,
        period=_period(ds, filters, ids, lang),
        meetings=len(ids),
        version=str(ds.version),
        generated=generated,
        points=tuple(key_points(ds, filters, ids, lang)),
        rows=tuple(meeting_rows(ds, ids, lang)),
        figures=tuple(rendered),
        sources=view_sources(ds, ids),
    )
    report(1.0, t("briefing.progress.rendered", lang))
    return briefing


def _cited(source: pd.Series, lang: str, limit: int | None = None) -> str:
    """'Outlet — Title (date)': how a reader finds the article again."""
    title = _text(source["title"])
    if limit is not None:
        title = _shorten(title, limit)
    published = _text(source["published"]) or t("briefing.source.undated", lang)
    return " — ".join(part for part in (_text(source["outlet"]), title) if part) + f" ({published})"


def source_notes(sources: pd.DataFrame, lang: str, heading: str = "briefing.notes") -> str:
    """Every source, one per line with its URL: the notes hold what a slide has no room for."""
    if sources.empty:
        return t("briefing.sources.none", lang)
    lines = [t(heading, lang, count=len(sources))]
    for _, source in sources.iterrows():
        url = _text(source["url"])
        lines.append(f"- {_cited(source, lang)}" + (f" — {url}" if url else ""))
    return "\n".join(lines)


def _fit(pixels: tuple[int, int], width: float, height: float) -> tuple[float, float]:
    """The largest size with the image's proportions that fits in width × height."""
    ratio = pixels[1] / pixels[0]
    return (width, width * ratio) if width * ratio <= height else (height / ratio, height)


def _columns(lang: str) -> list[str]:
    return [t(f"briefing.table.{name}", lang) for name in ("date", "title", "venue", "participants", "source")]


# Shares of the table's width: titles and participants need the most room.
COLUMN_SHARES = (0.12, 0.33, 0.18, 0.22, 0.15)


def _titled(deck: Deck, layout: int, title: str, top: int, tall: int, size: int) -> Slide:
    """A slide whose title placeholder spans the 16:9 width (the default layouts are drawn for 4:3)."""
    from pptx.util import Inches, Pt

    slide = deck.slides.add_slide(deck.slide_layouts[layout])
    heading, margin = slide.shapes.title, Inches(0.5)
    heading.left, heading.top, heading.width, heading.height = margin, top, deck.slide_width - 2 * margin, tall
    heading.text_frame.text = title
    heading.text_frame.paragraphs[0].runs[0].font.size = Pt(size)
    return slide


def _write(frame: TextFrame, texts: list[str], size: int, space_after: int = 0) -> None:
    """One paragraph per text, sized on the runs themselves (paragraph defaults are not honoured everywhere)."""
    from pptx.util import Pt

    frame.word_wrap = True
    for index, text in enumerate(texts):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.space_after = Pt(space_after)
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(size)


def _pptx_table(deck: Deck, slide: Slide, rows: tuple[MeetingRow, ...], lang: str) -> None:
    from pptx.dml.color import RGBColor
    from pptx.util import Emu, Inches, Pt

    margin = Inches(0.4)
    width = deck.slide_width - 2 * margin
    shape = slide.shapes.add_table(len(rows) + 1, 5, margin, Inches(1.15), width, Inches(0.4) * (len(rows) + 1))
    table = shape.table
    for index, share in enumerate(COLUMN_SHARES):
        table.columns[index].width = Emu(int(width * share))
    cells = [_columns(lang)] + [[row.date, row.title, row.venue, row.participants, row.source] for row in rows]
    for row_index, values in enumerate(cells):
        for column_index, value in enumerate(values):
            cell = table.cell(row_index, column_index)
            cell.text = value
            cell.margin_top = cell.margin_bottom = Inches(0.04)
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(11 if row_index == 0 else 10.5)
                    run.font.bold = row_index == 0
                    if row_index == 0:
                        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)


def briefing_pptx(briefing: Briefing) -> bytes:
    """The briefing as a 16:9 PowerPoint deck whose notes hold each figure's sources."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.util import Emu, Inches, Pt

    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(12192000), Emu(6858000)
    width, height, margin = deck.slide_width, deck.slide_height, Inches(0.5)
    lang = briefing.lang
    notes = source_notes(briefing.sources, lang)

    cover = _titled(deck, 0, briefing.title, Inches(1.0), Inches(1.6), 40)
    subtitle = cover.placeholders[1]
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = margin, Inches(2.9), width - 2 * margin, Inches(3.8)
    _write(subtitle.text_frame, [t("briefing.kicker", lang), *briefing.facts()], 18)
    subtitle.text_frame.paragraphs[0].runs[0].font.color.rgb = RGBColor(0x52, 0x60, 0x6D)

    points = _titled(deck, 5, t("briefing.points", lang), Inches(0.25), Inches(0.75), 28)
    body = points.shapes.add_textbox(margin, Inches(1.2), width - 2 * margin, height - Inches(1.6)).text_frame
    _write(body, [f"• {point}" for point in briefing.points], 20, space_after=10)
    points.notes_slide.notes_text_frame.text = notes

    pages = briefing.row_pages
    for index, rows in enumerate(pages, start=1):
        slide = _titled(
            deck, 5, briefing.page_title("briefing.table", index, len(pages)), Inches(0.25), Inches(0.75), 26
        )
        _pptx_table(deck, slide, rows, lang)
        slide.notes_slide.notes_text_frame.text = notes

    room = (width - Inches(0.3), height - Inches(0.3))
    for figure in briefing.figures:
        # A blank slide: the image carries its title and its caption, and fills the slide.
        slide = deck.slides.add_slide(deck.slide_layouts[6])
        shown_width, shown_height = (Emu(int(size)) for size in _fit(figure.pixels, *room))
        picture = slide.shapes.add_picture(
            io.BytesIO(figure.png),
            (width - shown_width) // 2,
            (height - shown_height) // 2,
            width=shown_width,
            height=shown_height,
        )
        picture.name = figure.title
        # Alt text, so a screen reader (and PowerPoint's accessibility check) has the figure's words.
        picture._element.nvPicPr.cNvPr.set("descr", f"{figure.title}\n{figure.caption}")
        slide.notes_slide.notes_text_frame.text = notes

    source_pages = briefing.source_pages
    for index, listed in enumerate(source_pages, start=1):
        last = _titled(
            deck, 5, briefing.page_title("briefing.sources", index, len(source_pages)), Inches(0.25), Inches(0.75), 28
        )
        body = last.shapes.add_textbox(margin, Inches(1.1), width - 2 * margin, height - Inches(1.4)).text_frame
        _write(body, [t("briefing.sources.none", lang)] if listed.empty else [], 12)
        for row_index, (_, source) in enumerate(listed.iterrows()):
            paragraph = body.paragraphs[0] if row_index == 0 else body.add_paragraph()
            paragraph.space_after = Pt(4)
            cited = paragraph.add_run()
            cited.text = _cited(source, lang, TITLE_CHARACTERS)
            cited.font.size = Pt(12)
            url = _text(source["url"])
            if url:
                paragraph.add_line_break()
                link = paragraph.add_run()
                link.text = _shorten(url, LINK_CHARACTERS)
                link.hyperlink.address = url
                link.font.size = Pt(10)
        # A safety net for unusually long entries: viewers that apply it shrink the list rather than overflow.
        body.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
        last.notes_slide.notes_text_frame.text = source_notes(briefing.sources, lang, "briefing.notes.all")

    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def _pdf_fonts() -> tuple[str, str]:
    """DejaVu Sans where Debian has it (accents, Turkish, Cyrillic), else the built-in Helvetica."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    regular, bold = PDF_FONT_FILES
    if not (regular.is_file() and bold.is_file()):
        return "Helvetica", "Helvetica-Bold"
    if "LiaisonSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("LiaisonSans", str(regular)))
        pdfmetrics.registerFont(TTFont("LiaisonSans-Bold", str(bold)))
    return "LiaisonSans", "LiaisonSans-Bold"


def briefing_pdf(briefing: Briefing) -> bytes:
    """The briefing as an A4 landscape PDF, one page per slide of the deck."""
    from reportlab.lib.colors import HexColor, white
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import (
        Image,
        KeepInFrame,
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    regular, bold = _pdf_fonts()
    lang = briefing.lang
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=1.2 * cm,
        rightMargin=1.2 * cm,
        topMargin=1.0 * cm,
        bottomMargin=1.0 * cm,
        title=briefing.title,
        author="Liaison",
        subject=briefing.filters,
    )
    cover_title = ParagraphStyle("cover", fontName=bold, fontSize=32, leading=40, spaceAfter=24)
    kicker = ParagraphStyle(
        "kicker", fontName=regular, fontSize=15, leading=20, spaceAfter=6, textColor=HexColor(MUTED)
    )
    heading = ParagraphStyle("heading", fontName=bold, fontSize=20, leading=24, spaceAfter=14)
    fact = ParagraphStyle("fact", fontName=regular, fontSize=15, leading=20, spaceAfter=6)
    point = ParagraphStyle(
        "point", fontName=regular, fontSize=16, leading=22, spaceAfter=12, leftIndent=14, bulletIndent=0
    )
    cell = ParagraphStyle("cell", fontName=regular, fontSize=9.5, leading=11.5)
    head_cell = ParagraphStyle("head", parent=cell, fontName=bold, textColor=white)
    entry = ParagraphStyle("entry", fontName=regular, fontSize=10.5, leading=13, spaceAfter=5)

    def page(flowables: list[Flowable]) -> KeepInFrame:
        # Shrinking rather than flowing on keeps the PDF's pages one-to-one with the deck's slides.
        return KeepInFrame(document.width, document.height, flowables, mode="shrink")

    pages = [
        page(
            [
                Spacer(1, 2.0 * cm),
                Paragraph(escape(briefing.title), cover_title),
                Paragraph(escape(t("briefing.kicker", lang)), kicker),
                *(Paragraph(escape(line), fact) for line in briefing.facts()),
            ]
        ),
        page(
            [
                Paragraph(escape(t("briefing.points", lang)), heading),
                *(Paragraph(escape(text), point, bulletText="•") for text in briefing.points),
            ]
        ),
    ]
    outline = [briefing.title, t("briefing.points", lang)]
    row_pages = briefing.row_pages
    for index, rows in enumerate(row_pages, start=1):
        cells = [[Paragraph(escape(name), head_cell) for name in _columns(lang)]] + [
            [Paragraph(escape(value), cell) for value in (row.date, row.title, row.venue, row.participants, row.source)]
            for row in rows
        ]
        table = Table(cells, colWidths=[document.width * share for share in COLUMN_SHARES], repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), HexColor("#1f4e79")),
                    ("ROWBACKGROUNDS", (0, 1), (-1, -1), [white, HexColor("#eef2f6")]),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.25, HexColor("#c5ccd3")),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        title = briefing.page_title("briefing.table", index, len(row_pages))
        pages.append(page([Paragraph(escape(title), heading), table]))
        outline.append(title)
    for figure in briefing.figures:
        # The image carries the figure's title and caption: nothing is repeated around it.
        size = _fit(figure.pixels, document.width, document.height)
        pages.append(page([Image(io.BytesIO(figure.png), width=size[0], height=size[1])]))
        outline.append(figure.title)
    source_pages = briefing.source_pages
    for index, sources in enumerate(source_pages, start=1):
        listed: list[Flowable] = []
        for _, source in sources.iterrows():
            text = escape(_cited(source, lang, TITLE_CHARACTERS))
            url = _text(source["url"])
            if url:
                link = escape(_shorten(url, LINK_CHARACTERS))
                text += f'<br/><font size="8.5"><a href="{escape(url, {chr(34): "&quot;"})}">{link}</a></font>'
            listed.append(Paragraph(text, entry))
        if sources.empty:
            listed.append(Paragraph(escape(t("briefing.sources.none", lang)), entry))
        title = briefing.page_title("briefing.sources", index, len(source_pages))
        pages.append(page([Paragraph(escape(title), heading), *listed]))
        outline.append(title)

    story: list[Flowable] = []
    for index, flowable in enumerate(pages):
        if index:
            story.append(PageBreak())
        story.append(flowable)

    def bookmark(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        # The viewer's outline stands in for slide titles: one entry per page, named as in the deck.
        key = f"page{doc.page}"
        canvas.bookmarkPage(key)
        canvas.addOutlineEntry(outline[doc.page - 1], key, level=0)

    document.build(story, onFirstPage=bookmark, onLaterPages=bookmark)
    return buffer.getvalue()
