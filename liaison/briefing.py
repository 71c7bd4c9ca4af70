"""Briefing packs: a view's figures, captions and sources as a PowerPoint deck and a PDF.

Analysts hand these to people who never open the dashboard, so every page must stand alone:
the title page says which view it is, each figure carries its caption, and the sources that
back the figures travel with them (in the slide notes, and on a last page).
The images are rendered once, by `build_briefing`; the two documents only lay them out.
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

from liaison.export import caption_for, captioned, render, view_sources
from liaison.figures import build_figure
from liaison.filters import Filters
from liaison.i18n import date_span_label, month_label, t
from liaison.query import select
from liaison.store import Dataset

if TYPE_CHECKING:
    from pptx.presentation import Presentation as Deck
    from pptx.slide import Slide
    from pptx.text.text import TextFrame
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Flowable, SimpleDocTemplate

BRIEFING_FIGURES = ("timeline", "map", "topics", "lanes")
BRIEFING_FORMATS = ("pptx", "pdf")
MIME = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
}
SOURCES_ON_PAGE = 12
TITLE_CHARACTERS = 90
LINK_CHARACTERS = 90
# Debian's fonts-dejavu-core (a chromium dependency) covers far more scripts than the PDF base fonts.
PDF_FONT_FILES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
)

Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class BriefingFigure:
    """One rendered figure of a briefing and the caption printed beside it."""

    name: str
    title: str
    png: bytes
    caption: str

    @property
    def pixels(self) -> tuple[int, int]:
        """Width and height of the PNG, read from its header so layouts keep its proportions."""
        return struct.unpack(">II", self.png[16:24])


@dataclass(frozen=True, eq=False)
class Briefing:
    """Everything a briefing document shows, rendered, so the PPTX and the PDF say the same."""

    lang: str
    title: str
    filters: str
    period: str
    meetings: int
    version: str
    generated: date
    figures: tuple[BriefingFigure, ...]
    sources: pd.DataFrame

    @property
    def slides(self) -> int:
        """Pages in either document: the title, one per figure, the sources."""
        return len(self.figures) + 2

    def facts(self) -> list[str]:
        """The lines under the title: which view, which data, when."""
        lines = [
            t("briefing.filters", self.lang, filters=self.filters),
            self.period,
            t("briefing.meetings", self.lang, count=self.meetings),
            t("briefing.version", self.lang, version=self.version),
            t("export.caption.generated", self.lang, generated=self.generated.isoformat()),
        ]
        if not self.figures:
            lines.append(t("briefing.empty", self.lang))
        return lines


def _period(ds: Dataset, filters: Filters, ids: pd.Index, lang: str) -> str:
    """The months asked for, and the dates the view's meetings actually span (as precise as known)."""
    if filters.month_from or filters.month_to:
        start = month_label(pd.Timestamp(f"{filters.month_from}-01"), lang) if filters.month_from else "…"
        end = month_label(pd.Timestamp(f"{filters.month_to}-01"), lang) if filters.month_to else "…"
        period = t("filters.words.period", lang, start=start, end=end)
    else:
        period = t("briefing.period.all", lang)
    meetings = ds.meetings[ds.meetings["meeting_id"].isin(ids)]
    dated = meetings[meetings["start_date"].notna() & (meetings["date_precision"] != "unknown")]
    if dated.empty:
        return t("briefing.period", lang, period=period)
    dated = dated.sort_values("start_date")
    first, last = dated.iloc[0], dated.iloc[-1]
    return t(
        "briefing.period.dated",
        lang,
        period=period,
        first=date_span_label(first["start_date"], first["start_date"], first["date_precision"], lang),
        last=date_span_label(last["start_date"], last["start_date"], last["date_precision"], lang),
    )


def build_briefing(
    ds: Dataset, filters: Filters, generated: date, lang: str = "en", progress: Progress | None = None
) -> Briefing:
    """Render the view's non-empty figures; raises ExportError (with what to do) if rendering fails.

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
        png = render(captioned(figure, caption), "png")
        title = figure.layout.title.text or name
        rendered.append(BriefingFigure(name, title, png, "\n".join(caption.text_lines())))
        report(0.1 + 0.85 * index / len(drawn), t("briefing.progress.figure", lang, index=index, count=len(drawn)))
    briefing = Briefing(
        lang=lang,
        title=t("briefing.title", lang),
        filters=caption.filters,
        period=_period(ds, filters, ids, lang),
        meetings=len(ids),
        version=str(ds.version),
        generated=generated,
        figures=tuple(rendered),
        sources=view_sources(ds, ids),
    )
    report(1.0, t("briefing.progress.rendered", lang))
    return briefing


def _text(value: object) -> str:
    return "" if pd.isna(value) else str(value).strip()


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


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


def _titled(deck: Deck, layout: int, title: str, top: int, tall: int, size: int) -> Slide:
    """A slide whose title placeholder spans the 16:9 width (the default layouts are drawn for 4:3)."""
    from pptx.util import Inches, Pt

    slide = deck.slides.add_slide(deck.slide_layouts[layout])
    heading, margin = slide.shapes.title, Inches(0.5)
    heading.left, heading.top, heading.width, heading.height = margin, top, deck.slide_width - 2 * margin, tall
    heading.text_frame.text = title
    heading.text_frame.paragraphs[0].runs[0].font.size = Pt(size)
    return slide


def _write(frame: TextFrame, texts: list[str], size: int) -> None:
    """One paragraph per text, sized on the runs themselves (paragraph defaults are not honoured everywhere)."""
    from pptx.util import Pt

    frame.word_wrap = True
    for index, text in enumerate(texts):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(size)


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

    cover = _titled(deck, 0, briefing.title, Inches(1.2), Inches(1.4), 40)
    subtitle = cover.placeholders[1]
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = margin, Inches(2.9), width - 2 * margin, Inches(3.8)
    _write(subtitle.text_frame, briefing.facts(), 18)

    notes = source_notes(briefing.sources, lang)
    caption_height, room_top = Inches(1.15), Inches(1.05)
    room = (width - 2 * margin, height - room_top - caption_height - Inches(0.2))
    for figure in briefing.figures:
        slide = _titled(deck, 5, figure.title, Inches(0.25), Inches(0.75), 24)
        shown_width, shown_height = (Emu(int(size)) for size in _fit(figure.pixels, *room))
        picture = slide.shapes.add_picture(
            io.BytesIO(figure.png), (width - shown_width) // 2, room_top, width=shown_width, height=shown_height
        )
        # Alt text, so a screen reader (and PowerPoint's accessibility check) has the figure's words.
        picture._element.nvPicPr.cNvPr.set("descr", f"{figure.title}\n{figure.caption}")
        box = slide.shapes.add_textbox(
            margin, room_top + shown_height + Inches(0.1), width - 2 * margin, caption_height
        )
        _write(box.text_frame, figure.caption.splitlines(), 12)
        for paragraph in box.text_frame.paragraphs:
            paragraph.runs[0].font.color.rgb = RGBColor(0x52, 0x60, 0x6D)
        slide.notes_slide.notes_text_frame.text = notes

    last = _titled(deck, 5, t("briefing.sources", lang), Inches(0.25), Inches(0.75), 28)
    body = last.shapes.add_textbox(margin, Inches(1.1), width - 2 * margin, height - Inches(1.4)).text_frame
    listed = briefing.sources.head(SOURCES_ON_PAGE)
    _write(body, [t("briefing.sources.none", lang)] if listed.empty else [], 12)
    for index, (_, source) in enumerate(listed.iterrows()):
        paragraph = body.paragraphs[0] if index == 0 else body.add_paragraph()
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
    hidden = len(briefing.sources) - len(listed)
    if hidden > 0:
        more = body.add_paragraph().add_run()
        more.text = t("briefing.sources.more.notes", lang, count=hidden)
        more.font.size = Pt(12)
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
    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import Image, KeepInFrame, PageBreak, Paragraph, SimpleDocTemplate, Spacer

    regular, bold = _pdf_fonts()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=1.5 * cm,
        rightMargin=1.5 * cm,
        topMargin=1.2 * cm,
        bottomMargin=1.2 * cm,
        title=briefing.title,
        author="Liaison",
        subject=briefing.filters,
    )
    cover_title = ParagraphStyle("cover", fontName=bold, fontSize=32, leading=40, spaceAfter=24)
    heading = ParagraphStyle("heading", fontName=bold, fontSize=18, leading=22, spaceAfter=8)
    fact = ParagraphStyle("fact", fontName=regular, fontSize=15, leading=20, spaceAfter=6)
    caption = ParagraphStyle("caption", fontName=regular, fontSize=9.5, leading=12, textColor=HexColor("#52606d"))
    entry = ParagraphStyle("entry", fontName=regular, fontSize=10.5, leading=13, spaceAfter=5)

    def page(flowables: list[Flowable]) -> KeepInFrame:
        # Shrinking rather than flowing on keeps the PDF's pages one-to-one with the deck's slides.
        return KeepInFrame(document.width, document.height, flowables, mode="shrink")

    pages = [
        page(
            [
                Spacer(1, 2.5 * cm),
                Paragraph(escape(briefing.title), cover_title),
                *(Paragraph(escape(line), fact) for line in briefing.facts()),
            ]
        )
    ]
    for figure in briefing.figures:
        # The image carries the figure's title; the page adds the caption as text a reader can search and copy.
        size = _fit(figure.pixels, document.width, document.height - 2 * cm)
        pages.append(
            page(
                [
                    Image(io.BytesIO(figure.png), width=size[0], height=size[1]),
                    Spacer(1, 0.3 * cm),
                    Paragraph("<br/>".join(escape(line) for line in figure.caption.splitlines()), caption),
                ]
            )
        )
    listed: list[Flowable] = []
    for _, source in briefing.sources.head(SOURCES_ON_PAGE).iterrows():
        text = escape(_cited(source, briefing.lang, TITLE_CHARACTERS))
        url = _text(source["url"])
        if url:
            link = escape(_shorten(url, LINK_CHARACTERS))
            text += f'<br/><font size="8.5"><a href="{escape(url, {chr(34): "&quot;"})}">{link}</a></font>'
        listed.append(Paragraph(text, entry))
    hidden = len(briefing.sources) - SOURCES_ON_PAGE
    if hidden > 0:
        listed.append(Paragraph(escape(t("briefing.sources.more", briefing.lang, count=hidden)), entry))
    if briefing.sources.empty:
        listed.append(Paragraph(escape(t("briefing.sources.none", briefing.lang)), entry))
    pages.append(page([Paragraph(escape(t("briefing.sources", briefing.lang)), heading), *listed]))

    story: list[Flowable] = []
    for index, flowable in enumerate(pages):
        if index:
            story.append(PageBreak())
        story.append(flowable)
    outline = [briefing.title, *(figure.title for figure in briefing.figures), t("briefing.sources", briefing.lang)]

    def bookmark(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        # The viewer's outline stands in for slide titles: one entry per page, named as in the deck.
        key = f"page{doc.page}"
        canvas.bookmarkPage(key)
        canvas.addOutlineEntry(outline[doc.page - 1], key, level=0)

    document.build(story, onFirstPage=bookmark, onLaterPages=bookmark)
    return buffer.getvalue()
