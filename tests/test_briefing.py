"""Briefing packs: real renders laid out as a PPTX and a PDF, read back with python-pptx and pypdf."""

from __future__ import annotations

import io
import time
from datetime import date
from pathlib import Path

import pytest
from conftest import mini_tables, write_tables
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from liaison.__main__ import main
from liaison.briefing import BRIEFING_FIGURES, Briefing, briefing_pdf, briefing_pptx, build_briefing
from liaison.filters import Filters
from liaison.store import Dataset, load_dataset

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


def test_every_figure_of_a_non_empty_view_is_rendered_in_order(briefing: Briefing) -> None:
    assert [figure.name for figure in briefing.figures] == list(BRIEFING_FIGURES)
    assert all(figure.png.startswith(b"\x89PNG") and figure.pixels[0] == 3200 for figure in briefing.figures)
    assert briefing.meetings == 3 and briefing.slides == len(BRIEFING_FIGURES) + 2


def test_figures_empty_for_the_view_are_left_out(dataset: Dataset) -> None:
    """The undated meeting has no month, no topic and no lane: only the map has something to draw."""
    only_undated = Filters(countries=("ESP",))
    briefing = build_briefing(dataset, only_undated, TODAY)
    assert [figure.name for figure in briefing.figures] == ["map"]
    assert build_briefing(dataset, Filters(text="nothing matches this"), TODAY).figures == ()


def test_progress_climbs_to_one(built) -> None:
    fractions = [fraction for fraction, _ in built[1]]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and len(fractions) == len(BRIEFING_FIGURES) + 2
    assert all(message for _, message in built[1])


def test_the_title_slide_names_the_view_period_count_version_and_date(briefing: Briefing, deck, dataset) -> None:
    cover = deck.slides[0]
    assert cover.shapes.title.text == "Liaison briefing"
    text = "\n".join(shape.text_frame.text for shape in cover.shapes if shape.has_text_frame)
    assert "Filters: May 2025 to May 2025" in text
    assert "Period: May 2025 to May 2025 — meetings dated 6 May 2025 – 28 May 2025." in text
    assert "3 meeting(s)" in text and dataset.version.digest in text and "2026-11-23" in text
    assert deck.slide_width * 9 == deck.slide_height * 16


def test_each_figure_slide_has_its_picture_caption_and_sources_in_the_notes(briefing, deck, dataset) -> None:
    slides = list(deck.slides)
    assert len(slides) == briefing.slides
    for slide, figure in zip(slides[1:-1], briefing.figures, strict=True):
        pictures = [shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1 and pictures[0].image.blob == figure.png
        assert pictures[0].left >= 0 and pictures[0].left + pictures[0].width <= deck.slide_width
        assert pictures[0].top + pictures[0].height <= deck.slide_height
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        caption = next(text for text in texts if text.startswith("View: "))
        assert "May 2025 to May 2025" in caption and f"Liaison dataset {dataset.version.digest}" in caption
        notes = slide.notes_slide.notes_text_frame.text
        assert "Outlet One" in notes and "Outlet Two" in notes and "https://example.org/one" in notes


def test_the_last_slide_lists_the_sources(deck) -> None:
    last = deck.slides[-1]
    assert last.shapes.title.text == "Sources"
    text = "\n".join(shape.text_frame.text for shape in last.shapes if shape.has_text_frame)
    assert "Outlet One" in text and "Outlet Two — " not in text and "(2025-05-28)" in text


def test_a_long_source_list_is_cut_with_the_rest_counted(briefing: Briefing) -> None:
    many = briefing.sources.iloc[[0] * 20].assign(outlet=[f"Outlet {index}" for index in range(20)])
    deck = Presentation(io.BytesIO(briefing_pptx(Briefing(**{**vars(briefing), "sources": many}))))
    text = deck.slides[-1].shapes[1].text_frame.text
    assert "Outlet 11" in text and "Outlet 12" not in text and "and 8 more" in text
    assert "Outlet 19" in deck.slides[-1].notes_slide.notes_text_frame.text


def test_the_pdf_has_the_same_pages(briefing: Briefing) -> None:
    pdf = briefing_pdf(briefing)
    reader = PdfReader(io.BytesIO(pdf))
    assert pdf.startswith(b"%PDF") and len(reader.pages) == briefing.slides
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # landscape
    assert "Liaison briefing" in reader.pages[0].extract_text()
    assert "Outlet One" in reader.pages[-1].extract_text()


def test_a_french_briefing_is_in_french(dataset: Dataset) -> None:
    """French labels throughout; an empty view needs no render, so this stays fast."""
    briefing = build_briefing(dataset, Filters(month_from="2019-01", month_to="2019-02"), TODAY, "fr")
    deck = Presentation(io.BytesIO(briefing_pptx(briefing)))
    cover = "\n".join(shape.text_frame.text for shape in deck.slides[0].shapes if shape.has_text_frame)
    assert deck.slides[0].shapes.title.text == "Dossier de synthèse Liaison"
    assert "Filtres : de janvier 2019 à février 2019" in cover and "0 réunion(s)" in cover
    assert deck.slides[-1].shapes.title.text == "Sources"
    assert "Aucune source" in deck.slides[-1].shapes[1].text_frame.text
    assert "Dossier de synthèse Liaison" in PdfReader(io.BytesIO(briefing_pdf(briefing))).pages[0].extract_text()


@pytest.mark.parametrize("suffix", ["pptx", "pdf"])
def test_the_command_line_writes_a_briefing(folder: Path, tmp_path: Path, capsys, suffix: str) -> None:
    out = tmp_path / f"pack.{suffix}"
    view = ["--country", "QAT", "--from", "2025-05", "--to", "2025-05", "--meeting-format", "bilateral"]
    code = main(["briefing", "--data", str(folder), "--out", str(out), *view, "--lang", "fr"])
    assert code == 0
    assert capsys.readouterr().out.strip() == f"{out}: briefing (6 slides), 1 meeting(s)"
    assert out.read_bytes().startswith(b"%PDF" if suffix == "pdf" else b"PK")


def test_the_command_line_refuses_other_formats(folder: Path, tmp_path: Path, capsys) -> None:
    assert main(["briefing", "--data", str(folder), "--out", str(tmp_path / "pack.docx")]) == 1
    assert "a briefing is a .pptx or a .pdf file" in capsys.readouterr().err
    assert not (tmp_path / "pack.docx").exists()


def test_without_chromium_the_command_says_how_to_install_it(folder, tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    started = time.monotonic()
    assert main(["briefing", "--data", str(folder), "--out", str(tmp_path / "pack.pdf")]) == 1
    assert time.monotonic() - started < 5
    assert "apt-get install chromium" in capsys.readouterr().err
    assert not (tmp_path / "pack.pdf").exists()


def test_a_browser_path_that_is_no_program_fails_at_once(folder, tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-such-chromium"))
    started = time.monotonic()
    assert main(["briefing", "--data", str(folder), "--out", str(tmp_path / "pack.pptx")]) == 1
    assert time.monotonic() - started < 5
    assert "BROWSER_PATH=" in capsys.readouterr().err


def _briefing_page(folder: str) -> None:
    from pathlib import Path

    from components.briefing_button import briefing_buttons
    from liaison.filters import Filters
    from liaison.store import load_dataset

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
