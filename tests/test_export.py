"""Exports for briefings: real kaleido images checked as images, and the rows behind a view."""

from __future__ import annotations

import io
import threading
import xml.etree.ElementTree as ElementTree
from datetime import date

import openpyxl
import pandas as pd
import pytest
from PIL import Image
from pypdf import PdfReader

from liaison.export import ExportError, caption_for, captioned, render, rows_csv, rows_xlsx, view_sources
from liaison.figures import FIGURES, build_figure
from liaison.filters import Filters
from liaison.query import select
from liaison.store import DEFAULT_DATA_DIR, load_dataset

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def bundled():
    return load_dataset(DEFAULT_DATA_DIR)


@pytest.fixture(scope="module")
def view(bundled):
    filters = Filters(month_from="2025-05", month_to="2025-05")
    ids = select(bundled, filters)
    return filters, ids, caption_for(bundled, filters, ids, TODAY)


def image(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data)).convert("RGB")


def test_the_caption_states_filters_meetings_source_and_date(bundled, view) -> None:
    _, ids, caption = view
    lines = caption.lines()
    assert lines[0] == f"View: May 2025 to May 2025 — {len(ids)} meeting(s)."
    assert lines[1].startswith(f"Source: Liaison dataset {bundled.version.digest}, from ")
    assert lines[2] == "Generated on 2026-11-23."
    figure = captioned(build_figure("timeline", bundled, ids), caption)
    assert figure.layout.annotations[-1].text == "<br>".join(lines)


def test_a_caption_names_the_sources_behind_the_view(bundled, view) -> None:
    _, ids, caption = view
    outlets = set(view_sources(bundled, ids)["outlet"])
    assert outlets and any(outlet in caption.sources for outlet in outlets)


def test_a_png_is_wide_high_dpi_and_in_the_screen_s_colours(bundled, view) -> None:
    _, ids, caption = view
    png = image(render(captioned(build_figure("timeline", bundled, ids), caption), "png"))
    assert png.width >= 3200  # 1600 px at scale 2
    colours = png.getcolors(maxcolors=1_000_000)
    dark = sum(count for count, rgb in colours if max(rgb) < 40) / (png.width * png.height)
    assert len(colours) > 50 and dark < 0.05  # not blank, not the black Streamlit-template trap
    blue = sum(count for count, (r, g, b) in colours if abs(r - 0) < 12 and abs(g - 114) < 12 and abs(b - 178) < 12)
    assert blue > 1000  # the multilateral bars' colour


def test_a_map_svg_has_the_world_s_shapes(bundled, view) -> None:
    _, ids, caption = view
    svg = render(captioned(build_figure("map", bundled, ids), caption), "svg")
    root = ElementTree.fromstring(svg)
    shapes = [element for element in root.iter() if element.get("class") == "choroplethlocation"]
    assert len(shapes) >= 190
    assert b"Liaison dataset" in svg


def test_a_pdf_is_a_pdf_of_one_page(bundled, view) -> None:
    _, ids, caption = view
    pdf = render(captioned(build_figure("topics", bundled, ids), caption), "pdf")
    assert pdf.startswith(b"%PDF") and len(PdfReader(io.BytesIO(pdf)).pages) == 1


def test_two_threads_exporting_at_once_each_get_their_own(bundled, view) -> None:
    _, ids, caption = view
    figures = {name: captioned(build_figure(name, bundled, ids), caption) for name in ("timeline", "map")}
    results: dict[str, bytes] = {}
    threads = [
        threading.Thread(target=lambda name=name: results.__setitem__(name, render(figures[name], "png")))
        for name in figures
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for name, figure in figures.items():
        assert image(results[name]).height == int(figure.layout.height) * 2, name


def test_every_named_figure_builds_for_an_empty_view_too(bundled) -> None:
    empty = select(bundled, Filters(text="no meeting has this text"))
    for name in FIGURES:
        assert build_figure(name, bundled, empty).data == (), name


def test_an_unknown_figure_names_the_known_ones(bundled, view) -> None:
    with pytest.raises(KeyError, match="known: timeline, lanes, map"):
        build_figure("pie", bundled, view[1])


def test_without_chromium_the_message_says_how_to_install_it(bundled, view, monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ExportError, match="apt-get install chromium"):
        render(build_figure("timeline", bundled, view[1]), "png")


def test_csv_holds_exactly_the_view_s_meetings(bundled, view) -> None:
    _, ids, _ = view
    frame = pd.read_csv(io.BytesIO(rows_csv(bundled, ids)), encoding="utf-8-sig")
    assert sorted(frame["meeting_id"]) == sorted(ids)
    assert "Türkiye" in " ".join(frame["title"]) or "TUR" in " ".join(frame["states"])


def test_xlsx_has_meetings_participants_sources_and_the_view(bundled, view) -> None:
    filters, ids, _ = view
    workbook = openpyxl.load_workbook(io.BytesIO(rows_xlsx(bundled, filters, ids, TODAY, "fr")))
    assert workbook.sheetnames == ["meetings", "participants", "sources", "view"]
    assert workbook["meetings"].max_row == len(ids) + 1
    about = {row[0]: row[1] for row in workbook["view"].iter_rows(min_row=2, values_only=True)}
    assert about["Filtres"] == "de mai 2025 à mai 2025" and about["Produit le"] == "2026-11-23"
    assert str(bundled.version.digest) in about["Version des données"]


def test_caption_text_keeps_ampersands_and_markup_as_written(bundled) -> None:
    """Plotly gets escaped lines (markup never drawn); slides and PDF pages get the plain text."""
    filters = Filters(text="R&D <b>")
    caption = caption_for(bundled, filters, select(bundled, filters), TODAY)
    assert "R&D <b>" in caption.text_lines()[0]
    assert "R&amp;D &lt;b&gt;" in caption.lines()[0]
