"""Briefing packs: real renders laid out as a PPTX and a PDF, read back with python-pptx and pypdf."""

from __future__ import annotations

import io
import time
from datetime import date
from pathlib import Path

import pytest
from conftest import mini_tables, write_tables
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from liaison.__main__ import main
from liaison.dataset.store import Dataset, load_dataset
from liaison.figures.wording import describe_filters
from liaison.publish.briefing import (
    BRIEFING_FIGURES,
    Briefing,
    briefing_pdf,
    briefing_pptx,
    build_briefing,
    key_points,
    meeting_rows,
    view_title,
)
from liaison.view.filters import Filters
from liaison.view.query import select

TODAY = date(2026, 11, 23)
MAY = Filters(month_from="2025-05", month_to="2025-05")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tables(tmp_path_factory.mktemp("briefing") / "data", mini_tables())


@pytest.fixture(scope="module")
def dataset(folder: Path) -> Dataset:
    return load_dataset(folder)


@pytest.fixture(scope="module")
def built(dataset: Dataset) -> tuple[Briefing, list[tuple[float, str]]]:
    """One briefing of May 2025 for the whole module, and the progress it reported."""
    steps: list[tuple[float, str]] = []
    briefing = build_briefing(
        dataset, MAY, TODAY, "en", progress=lambda fraction, message: steps.append((fraction, message))
    )
    return briefing, steps


@pytest.fixture(scope="module")
def briefing(built) -> Briefing:
    return built[0]


@pytest.fixture(scope="module")
def deck(briefing: Briefing):
    return Presentation(io.BytesIO(briefing_pptx(briefing)))


def texts(slide) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def test_every_figure_of_a_non_empty_view_is_rendered_in_order_at_the_slide_s_shape(briefing: Briefing) -> None:
    assert [figure.name for figure in briefing.figures] == list(BRIEFING_FIGURES)
    assert all(figure.png.startswith(b"\x89PNG") and figure.pixels[0] >= 3200 for figure in briefing.figures)
    assert all(figure.pixels[1] / figure.pixels[0] >= 9 / 16 - 0.01 for figure in briefing.figures)
    assert briefing.meetings == 3
    assert briefing.slides == 2 + 1 + len(BRIEFING_FIGURES) + 1  # title, key points, meetings, figures, sources


def test_figures_empty_for_the_view_are_left_out(dataset: Dataset) -> None:
    """The undated meeting has no month, no topic, no place and no lane: only the map has something to draw."""
    only_undated = Filters(countries=("ESP",))
    briefing = build_briefing(dataset, only_undated, TODAY)
    assert [figure.name for figure in briefing.figures] == ["map"]
    assert build_briefing(dataset, Filters(text="nothing matches this"), TODAY).figures == ()


def test_progress_climbs_to_one(built) -> None:
    fractions = [fraction for fraction, _ in built[1]]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and len(fractions) == len(BRIEFING_FIGURES) + 2
    assert all(message for _, message in built[1])


@pytest.mark.parametrize(
    ("filters", "lang", "expected"),
    [
        (Filters(), "en", "All meetings — Feb 2024 to May 2025"),
        (Filters(), "fr", "Toutes les réunions — févr. 2024 à mai 2025"),
        (Filters(countries=("QAT",), month_from="2025-05", month_to="2025-05"), "en", "Qatar — May 2025"),
        (Filters(countries=("QAT",), month_from="2025-05", month_to="2025-05"), "fr", "Qatar — mai 2025"),
        (MAY, "en", "All meetings — May 2025"),
        (Filters(month_from="2024-02", month_to="2025-05"), "en", "All meetings — Feb 2024 to May 2025"),
        (
            Filters(countries=("MAR", "QAT", "RUS", "SAU")),
            "en",
            "Morocco, Qatar, Russia and 1 more — Feb 2024 to May 2025",
        ),
        (
            Filters(
                blocs=("CSTO",), topics=("terrorism",), formats=("multilateral",), text="Vienna", month_from="2025-05"
            ),
            "en",
            "CSTO · Terrorism · Multilateral · “Vienna” — since May 2025",
        ),
        (Filters(regions=("Africa",), month_to="2024-12"), "fr", "Afrique — jusqu'à décembre 2024"),
        (Filters(countries=("ESP",)), "en", "Spain"),
    ],
)
def test_the_title_names_the_view(dataset: Dataset, filters: Filters, lang: str, expected: str) -> None:
    assert view_title(dataset, filters, select(dataset, filters), lang) == expected


def test_the_title_slide_names_the_view_period_count_version_and_date(briefing: Briefing, deck, dataset) -> None:
    cover = deck.slides[0]
    assert cover.shapes.title.text == "All meetings — May 2025"
    text = "\n".join(texts(cover))
    assert "Liaison briefing pack" in text and f"Filters: {describe_filters(MAY, dataset)}" in text
    assert "Period: May 2025 — meetings dated 6 May 2025 – 28 May 2025." in text
    assert "3 meeting(s)" in text and dataset.version.digest in text and "2026-11-23" in text
    assert deck.slide_width * 9 == deck.slide_height * 16


def test_key_points_are_computed_from_the_view(briefing: Briefing, deck) -> None:
    assert list(briefing.points) == [
        "3 meeting(s) in this view: 2 multilateral, 1 bilateral.",
        "3 meeting(s), up from 0 in the previous month (April 2025).",
        "Most active states: Morocco (3), Austria (2), Qatar (2).",
        "Top topics: Terrorism (2), Cybercrime (1), Intelligence-Cooperation (1).",
        "Busiest venues: Vienna International Centre (2), Moscow (1).",
    ]
    slide = deck.slides[1]
    assert slide.shapes.title.text == "Key points"
    assert "• 3 meeting(s), up from 0 in the previous month (April 2025)." in "\n".join(texts(slide))


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (
            Filters(month_from="2024-04", month_to="2025-05"),
            "4 meeting(s), up from 1 in the previous 14 months (Feb 2023 to Mar 2024).",
        ),
        (
            Filters(month_from="2024-04", month_to="2024-04", countries=("MAR",)),
            "No meeting matches these filters.",
        ),
        (
            Filters(month_from="2024-03", month_to="2025-02"),
            "1 meeting(s), as many as in the previous 12 months (Mar 2023 to Feb 2024).",
        ),
        (
            Filters(countries=("RUS",), month_to="2024-04"),
            # An open start is closed by the data's first month.
            "1 meeting(s), up from 0 in the previous 3 months (Nov 2023 to Jan 2024).",
        ),
        (
            Filters(countries=("QAT",)),
            "No period is set, so there is no comparison with a previous period (set one in the filters to get it).",
        ),
    ],
)
def test_the_change_is_against_the_previous_period_of_the_same_length(dataset, filters, expected) -> None:
    points = key_points(dataset, filters, select(dataset, filters))
    assert expected in points


def test_the_meetings_are_listed_oldest_first_with_venue_participants_and_source(briefing: Briefing) -> None:
    assert [row.title for row in briefing.rows] == [
        "Title vienna-22",
        "Morocco and Qatar meet in Vienna",
        "Title moscow-13",
    ]
    first = briefing.rows[0]
    assert (first.date, first.venue, first.participants, first.source) == (
        "6–7 May 2025",
        "Vienna International Centre",
        "Morocco, Qatar",
        "Outlet Two (2025-05-28)",
    )
    assert briefing.rows[1].source == "Outlet One (2025-05)"


def test_the_meeting_table_slide_holds_the_rows(deck) -> None:
    slide = deck.slides[2]
    assert slide.shapes.title.text == "Meetings"
    table = next(shape for shape in slide.shapes if shape.has_table).table
    assert [cell.text for cell in table.rows[0].cells] == ["Date", "Meeting", "Venue", "Participating states", "Source"]
    assert len(table.rows) == 4 and table.cell(3, 1).text == "Title moscow-13"


def test_a_long_table_and_a_long_source_list_run_over_as_many_slides_as_needed(briefing: Briefing) -> None:
    rows = briefing.rows * 7  # 21 rows
    many = briefing.sources.iloc[[0] * 23].assign(outlet=[f"Outlet {index}" for index in range(23)])
    longer = Briefing(**{**vars(briefing), "rows": rows, "sources": many})
    assert len(longer.row_pages) == 3 and len(longer.source_pages) == 3
    assert longer.slides == 2 + 3 + len(briefing.figures) + 3
    deck = Presentation(io.BytesIO(briefing_pptx(longer)))
    assert len(deck.slides) == longer.slides
    titles = [slide.shapes.title.text for slide in deck.slides if slide.shapes.title is not None]
    assert "Meetings (3 of 3)" in titles and "Sources (3 of 3)" in titles
    tables = [shape.table for slide in deck.slides for shape in slide.shapes if shape.has_table]
    assert [len(table.rows) - 1 for table in tables] == [8, 8, 5]
    listed = "\n".join(text for slide in list(deck.slides)[-3:] for text in texts(slide))
    assert all(f"Outlet {index} " in listed for index in range(23))
    assert len(PdfReader(io.BytesIO(briefing_pdf(longer))).pages) == longer.slides


def test_each_figure_fills_its_slide_and_shows_its_caption_once_inside_the_image(briefing, deck) -> None:
    slides = list(deck.slides)[3:-1]
    assert len(slides) == len(briefing.figures)
    for slide, figure in zip(slides, briefing.figures, strict=True):
        pictures = [shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1 and pictures[0].image.blob == figure.png
        assert texts(slide) == []  # no caption (nor title) repeated beside the image
        assert pictures[0].left >= 0 and pictures[0].left + pictures[0].width <= deck.slide_width
        assert pictures[0].top >= 0 and pictures[0].top + pictures[0].height <= deck.slide_height
        assert max(pictures[0].width / deck.slide_width, pictures[0].height / deck.slide_height) > 0.95
        notes = slide.notes_slide.notes_text_frame.text
        assert "Outlet One" in notes and "Outlet Two" in notes and "https://example.org/one" in notes
        with Image.open(io.BytesIO(figure.png)) as png:
            bottom = png.convert("RGB").crop((0, png.height - 150, png.width // 2, png.height))
            grey = sum(
                1
                for rgb in bottom.get_flattened_data()
                if all(abs(c - g) < 40 for c, g in zip(rgb, (82, 96, 109), strict=True))
            )
        assert grey > 500, f"{figure.name}: no caption drawn at the bottom of the image"


def test_the_last_slide_lists_the_sources(deck) -> None:
    last = deck.slides[-1]
    assert last.shapes.title.text == "Sources"
    text = "\n".join(texts(last))
    assert "Outlet One" in text and "Outlet Two — " not in text and "(2025-05-28)" in text


def test_the_pdf_has_the_same_pages_and_no_caption_beside_the_figures(briefing: Briefing) -> None:
    pdf = briefing_pdf(briefing)
    reader = PdfReader(io.BytesIO(pdf))
    assert pdf.startswith(b"%PDF") and len(reader.pages) == briefing.slides
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # landscape
    assert "All meetings — May 2025" in reader.pages[0].extract_text()
    assert "Key points" in reader.pages[1].extract_text() and "Title moscow-13" in reader.pages[2].extract_text()
    assert all("View:" not in page.extract_text() for page in reader.pages[3:-1])
    assert "Outlet One" in reader.pages[-1].extract_text()


def test_a_french_briefing_is_in_french(dataset: Dataset) -> None:
    """French labels throughout; an empty view needs no render, so this stays fast."""
    briefing_filters = Filters(month_from="2019-01", month_to="2019-02")
    briefing = build_briefing(dataset, briefing_filters, TODAY, "fr")
    deck = Presentation(io.BytesIO(briefing_pptx(briefing)))
    cover = "\n".join(texts(deck.slides[0]))
    assert deck.slides[0].shapes.title.text == "Toutes les réunions — janv. 2019 à févr. 2019"
    assert "Dossier de synthèse Liaison" in cover
    assert f"Filtres : {describe_filters(briefing_filters, dataset, 'fr')}" in cover and "0 réunion(s)" in cover
    assert "Période : de janvier 2019 à février 2019." in cover
    assert deck.slides[1].shapes.title.text == "Points clés"
    assert "Aucune réunion ne correspond à ces filtres." in "\n".join(texts(deck.slides[1]))
    assert len(deck.slides) == briefing.slides == 3  # no meeting to list, no figure
    assert deck.slides[-1].shapes.title.text == "Sources"
    assert "Aucune source" in deck.slides[-1].shapes[1].text_frame.text
    assert "Toutes les réunions" in PdfReader(io.BytesIO(briefing_pdf(briefing))).pages[0].extract_text()


def test_a_french_pack_of_a_view_says_its_points_and_columns_in_french(dataset: Dataset) -> None:
    filters = Filters(countries=("QAT",), month_from="2025-05", month_to="2025-05")
    ids = select(dataset, filters)
    assert key_points(dataset, filters, ids, "fr")[:2] == [
        "2 réunion(s) dans cette vue : 1 multilatérale(s), 1 bilatérale(s).",
        "2 réunion(s), contre 0 sur le mois précédent (avril 2025) : en hausse.",
    ]
    assert meeting_rows(dataset, ids, "fr")[0].venue == "Centre international de Vienne"


@pytest.mark.parametrize("suffix", ["pptx", "pdf"])
def test_the_command_line_writes_a_briefing(folder: Path, tmp_path: Path, capsys, suffix: str) -> None:
    out = tmp_path / f"pack.{suffix}"
    view = ["--country", "QAT", "--from", "2025-05", "--to", "2025-05", "--meeting-format", "bilateral"]
    code = main(["briefing", "--data", str(folder), "--out", str(out), *view, "--lang", "fr"])
    assert code == 0
    assert capsys.readouterr().out.strip() == f"{out}: briefing (9 slides), 1 meeting(s)"
    assert out.read_bytes().startswith(b"%PDF" if suffix == "pdf" else b"PK")


def test_the_command_line_refuses_other_formats(folder: Path, tmp_path: Path, capsys) -> None:
    assert main(["briefing", "--data", str(folder), "--out", str(tmp_path / "pack.docx")]) == 1
    assert "a briefing is a .pptx or a .pdf file" in capsys.readouterr().err
    assert not (tmp_path / "pack.docx").exists()


def test_without_chromium_the_command_says_how_to_install_it(folder, tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    started = time.process_time()  # processor time: the refusal comes before any rendering work
    assert main(["briefing", "--data", str(folder), "--out", str(tmp_path / "pack.pdf")]) == 1
    assert time.process_time() - started < 5
    assert "apt-get install chromium" in capsys.readouterr().err
    assert not (tmp_path / "pack.pdf").exists()


def test_a_browser_path_that_is_no_program_fails_at_once(folder, tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-such-chromium"))
    started = time.process_time()
    assert main(["briefing", "--data", str(folder), "--out", str(tmp_path / "pack.pptx")]) == 1
    assert time.process_time() - started < 5
    assert "BROWSER_PATH=" in capsys.readouterr().err


def _briefing_page(folder: str) -> None:
    from pathlib import Path

    from components.briefing_button import briefing_buttons
    from liaison.dataset.store import load_dataset
    from liaison.view.filters import Filters

    briefing_buttons(load_dataset(Path(folder)), Filters(countries=("ESP",)), "en")


def test_the_button_builds_once_then_offers_both_downloads(folder: Path, monkeypatch) -> None:
    """A rerun after the build (what a widget change or a download does) reuses the pack."""
    import components.briefing_button as button

    builds = []
    monkeypatch.setattr(
        button, "build_briefing", lambda *args, **kwargs: builds.append(1) or build_briefing(*args, **kwargs)
    )
    at = AppTest.from_function(_briefing_page, args=(str(folder),), default_timeout=60).run()
    assert not at.exception and not at.get("download_button")
    at.button(key="briefing_build").click().run()
    assert not at.exception and not at.error
    at.run()
    downloads = at.get("download_button")
    assert len(downloads) == 2 and len(builds) == 1
