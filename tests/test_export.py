"""Exports for briefings: real kaleido images checked as images, and the rows behind a view."""

from __future__ import annotations

import csv
import io
import threading
import xml.etree.ElementTree as ElementTree
from datetime import date

import openpyxl
import pandas as pd
import pytest
from conftest import mini_tables, write_tables
from PIL import Image, ImageChops
from pypdf import PdfReader

from liaison.__main__ import main
from liaison.dataset.store import DEFAULT_DATA_DIR, load_dataset
from liaison.figures.catalogue import FIGURES, build_figure
from liaison.publish.export import (
    CAPTION_BOTTOM,
    CAPTION_COLOUR,
    CAPTION_INSET,
    CAPTION_LINE,
    ExportError,
    caption_for,
    captioned,
    figure_file,
    render,
    rows_csv,
    rows_xlsx,
    table_csv,
    tables_xlsx,
    view_sources,
)
from liaison.view.filters import Filters
from liaison.view.query import select

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
    assert lines[0] == f"View: May 2025 — {len(ids)} meeting(s)."
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
    assert about["Filtres"] == "mai 2025" and about["Produit le"] == "2026-11-23"
    assert str(bundled.version.digest) in about["Version des données"]


# Cells a spreadsheet would run as formulas (OWASP "CSV injection"), each where the data can hold it.
FORMULA_CELLS = [
    ("equals", "meetings", "vienna-22", "title", '=HYPERLINK("http://evil.example","click")'),
    ("plus", "meetings", "moscow-13", "title", "+1+cmd|' /C calc'!A0"),
    ("minus", "meetings", "moscow-12", "title", "-2+3"),
    ("minus-before-a-number", "meetings", "riyadh-visit", "title", "-3"),
    ("at", "meetings", "vienna-mar-qat", "title", "@SUM(A1:A9)"),
    ("a-second-column", "meetings", "undated-madrid", "title_fr", "=1+1"),
    ("participant-agency", "participants", "UN-MT", "agency", '=WEBSERVICE("http://evil.example")'),
    ("source-outlet", "sources", "s1", "outlet", "@outlet"),
]
KEY_OF = {"meetings": "meeting_id", "participants": "actor", "sources": "source_id"}


@pytest.fixture(scope="module")
def formulas(tmp_path_factory):
    """The hand-made dataset with a formula-leading cell in titles, a participant's agency and an outlet."""
    tables = mini_tables()
    for _, table, key, column, value in FORMULA_CELLS:
        next(row for row in tables[table] if row[KEY_OF[table]] == key)[column] = value
    ds = load_dataset(write_tables(tmp_path_factory.mktemp("formulas") / "data", tables))
    return ds, ds.meetings["meeting_id"]


def _cells(sheet) -> list:
    return [cell for row in sheet.iter_rows() for cell in row]


@pytest.mark.parametrize(
    ("table", "value"), [(case[1], case[4]) for case in FORMULA_CELLS], ids=[case[0] for case in FORMULA_CELLS]
)
def test_formula_leading_cells_are_quoted_in_csv_and_xlsx(formulas, table, value) -> None:
    """Such a cell gets a leading single quote, so a spreadsheet shows it as text and never runs it."""
    ds, ids = formulas
    workbook = openpyxl.load_workbook(io.BytesIO(rows_xlsx(ds, Filters(), ids, TODAY)))
    cells = [cell for cell in _cells(workbook[table]) if isinstance(cell.value, str) and value in cell.value]
    assert [(cell.value, cell.data_type) for cell in cells] == [("'" + value, "s")]
    assert not any(cell.data_type == "f" for sheet in workbook for cell in _cells(sheet))
    if table == "meetings":
        rows = list(csv.reader(io.StringIO(rows_csv(ds, ids).decode("utf-8-sig"))))
        assert [cell for row in rows for cell in row if value in cell] == ["'" + value]


def test_numbers_and_dates_are_kept_while_text_starting_with_tab_or_return_is_quoted() -> None:
    """A -3 in a numeric column stays the number -3; only text is quoted, tab and carriage return included."""
    frame = pd.DataFrame(
        {
            "change": pd.array([-3, 2], dtype="Int64"),
            "ratio": [-0.5, 1.5],
            "day": pd.to_datetime(["2025-05-06", "2025-05-07"]),
            "note": ["\t=1+1", "\r=1+1"],
        }
    )
    sheet = openpyxl.load_workbook(io.BytesIO(tables_xlsx({"rows": frame})))["rows"]
    first, second = ([cell.value for cell in row] for row in sheet.iter_rows(min_row=2))
    assert first[:2] == [-3, -0.5] and sheet["A2"].data_type == "n" and sheet["B2"].data_type == "n"
    assert (first[3], second[3]) == ("'\t=1+1", "'\r=1+1")
    rows = list(csv.reader(io.StringIO(table_csv(frame).decode("utf-8-sig"), newline="")))
    assert rows[1] == ["-3", "-0.5", "2025-05-06", "'\t=1+1"]
    assert rows[2] == ["2", "1.5", "2025-05-07", "'\r=1+1"]


def test_caption_text_keeps_ampersands_and_markup_as_written(bundled) -> None:
    """Plotly gets escaped lines (markup never drawn); slides and PDF pages get the plain text."""
    filters = Filters(text="R&D <b>")
    caption = caption_for(bundled, filters, select(bundled, filters), TODAY)
    assert "R&D <b>" in caption.text_lines()[0]
    assert "R&amp;D &lt;b&gt;" in caption.lines()[0]


def caption_band(png: Image.Image, figure) -> Image.Image:
    """The strip at the bottom where the caption's lines are written (at scale 2), below the axis labels."""
    lines = figure.layout.annotations[-1].text.count("<br>") + 1
    band = (CAPTION_LINE * lines + CAPTION_BOTTOM) * 2
    return png.crop((0, png.height - band, png.width, png.height))


def caption_pixels(region: Image.Image) -> list[tuple[int, int]]:
    """Where the caption's grey text is drawn in a region."""
    target = tuple(int(CAPTION_COLOUR[index : index + 2], 16) for index in (1, 3, 5))
    width = region.width
    return [
        (index % width, index // width)
        for index, rgb in enumerate(region.get_flattened_data())
        if all(abs(channel - goal) < 40 for channel, goal in zip(rgb, target, strict=True))
    ]


@pytest.mark.parametrize("name", list(FIGURES))
def test_every_named_figure_exports_at_print_width_with_its_caption_drawn(bundled, view, name) -> None:
    _, ids, caption = view
    figure = build_figure(name, bundled, ids)
    png = image(figure_file(figure, caption, "png"))
    drawn = captioned(figure, caption)
    assert png.width >= 3200 and png.height == int(drawn.layout.height) * 2
    assert png.height > int(figure.layout.height) * 2  # the caption adds room under the plot
    assert len(caption_pixels(caption_band(png, drawn))) > 1000  # its three lines are written there
    colours = png.getcolors(maxcolors=1_000_000)
    dark = sum(count for count, rgb in colours if max(rgb) < 40) / (png.width * png.height)
    assert len(colours) > 50 and dark < 0.05


def test_the_caption_starts_at_the_figure_s_left_edge_even_beside_long_lane_labels(bundled) -> None:
    """Annotations are placed from the plot's edge, which long lane titles push far right."""
    ids = select(bundled, Filters())
    figure = build_figure("lanes", bundled, ids)
    drawn = captioned(figure, caption_for(bundled, Filters(), ids, TODAY))
    assert drawn.layout.margin.l > 250  # the lane titles take that much room
    png = image(render(drawn, "png"))
    left = min(x for x, _ in caption_pixels(caption_band(png, drawn)))
    assert left < (CAPTION_INSET + 12) * 2


def test_the_venue_rendition_exports_as_svg_and_pdf_with_its_caption(bundled, view) -> None:
    _, ids, caption = view
    figure = build_figure("venues", bundled, ids)
    svg = figure_file(figure, caption, "svg")
    root = ElementTree.fromstring(svg)
    assert sum("scattergeo" in (element.get("class") or "") for element in root.iter()) >= 3  # lines, venues
    assert b"Liaison dataset" in svg
    pdf = figure_file(figure, caption, "pdf")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1 and "Liaison dataset" in reader.pages[0].extract_text()


def test_the_command_line_writes_exactly_what_the_page_buttons_give(bundled, tmp_path, capsys) -> None:
    """One function makes the file for both: the same view gives the same bytes."""
    filters = Filters(countries=("QAT",), month_from="2025-05", month_to="2025-05")
    ids = select(bundled, filters)
    out = tmp_path / "map.png"
    view = ["--country", "QAT", "--from", "2025-05", "--to", "2025-05"]
    assert main(["export", "--figure", "map", "--out", str(out), *view]) == 0
    page = figure_file(build_figure("map", bundled, ids), caption_for(bundled, filters, ids, date.today()), "png")
    assert ImageChops.difference(image(out.read_bytes()), image(page)).getbbox() is None
