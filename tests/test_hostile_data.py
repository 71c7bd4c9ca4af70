"""A corpus of hostile and broken data folders: each is refused with one exact line, never a traceback.

Cell cases mutate the hand-made dataset's rows; file cases break a written file's bytes or its
kind. Every case is also loaded (no exception but DatasetError) and run through the CLI's
validator (exit 1); cell cases are also offered to a save, which must leave every byte alone.
Article cases feed `ingest` a hostile text: each is answered within ten seconds of work with
its line, and the folder keeps every byte.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import EDITOR, mini_tables, write_tables

from liaison.__main__ import main
from liaison.dataset.changes import revision, save
from liaison.dataset.store import DatasetError, load_dataset, validate_folder
from liaison.intake.drafts import MAX_ARTICLE_BYTES

INVISIBLE = "an invisible or control character; remove it"
NOT_A_NUMBER = "is not a number"
NOT_A_URL = "is not a web address (http:// or https://)"
CYCLE_END = "a meeting cannot be held on its own margins"

CELL_CASES = [
    (
        "parent-cycle-of-two",
        "meetings",
        {0: {"parent_meeting_id": "moscow-13"}, 2: {"parent_meeting_id": "vienna-22"}},
        "meetings.csv:2:parent_meeting_id: parents form a cycle: vienna-22 (line 2) → moscow-13 (line 4) → vienna-22; "
        + CYCLE_END,
    ),
    (
        "parent-cycle-of-three",
        "meetings",
        {
            0: {"parent_meeting_id": "moscow-13"},
            2: {"parent_meeting_id": "moscow-12"},
            3: {"parent_meeting_id": "vienna-22"},
        },
        "meetings.csv:2:parent_meeting_id: parents form a cycle: vienna-22 (line 2) → moscow-13 (line 4) → "
        "moscow-12 (line 5) → vienna-22; " + CYCLE_END,
    ),
    (
        "parent-self",
        "meetings",
        {0: {"parent_meeting_id": "vienna-22"}},
        "meetings.csv:2:parent_meeting_id: is the meeting itself",
    ),
    (
        "right-to-left-override",
        "meetings",
        {0: {"title": "Invoice \u202egpj.exe"}},
        f"meetings.csv:2:title: contains U+202E (RIGHT-TO-LEFT OVERRIDE) at character 9, {INVISIBLE}",
    ),
    (
        "left-to-right-embedding",
        "meetings",
        {0: {"title_fr": "\u202aTitre"}},
        f"meetings.csv:2:title_fr: contains U+202A (LEFT-TO-RIGHT EMBEDDING) at character 1, {INVISIBLE}",
    ),
    (
        "isolate-in-summary",
        "meetings",
        {1: {"summary": "A \u2066hidden\u2069 turn."}},
        f"meetings.csv:3:summary: contains U+2066 (LEFT-TO-RIGHT ISOLATE) at character 3, {INVISIBLE}",
    ),
    (
        "pop-directional-isolate",
        "venues",
        {0: {"city": "Vienna\u2069"}},
        f"venues.csv:2:city: contains U+2069 (POP DIRECTIONAL ISOLATE) at character 7, {INVISIBLE}",
    ),
    (
        "zero-width-space-at-the-edge",
        "meetings",
        {0: {"title_fr": "Titre\u200b"}},
        f"meetings.csv:2:title_fr: contains U+200B (ZERO WIDTH SPACE) at character 6, {INVISIBLE}",
    ),
    (
        "zero-width-joiner",
        "sources",
        {0: {"outlet": "Out\u200dlet"}},
        f"sources.csv:2:outlet: contains U+200D (ZERO WIDTH JOINER) at character 4, {INVISIBLE}",
    ),
    (
        "right-to-left-mark",
        "evidence",
        {0: {"locator": "paragraph\u200f 1"}},
        f"evidence.csv:2:locator: contains U+200F (RIGHT-TO-LEFT MARK) at character 10, {INVISIBLE}",
    ),
    (
        "byte-order-mark-in-a-cell",
        "venues",
        {0: {"name": "\ufeffVienna"}},
        f"venues.csv:2:name: contains U+FEFF (ZERO WIDTH NO-BREAK SPACE) at character 1, {INVISIBLE}",
    ),
    (
        "word-joiner",
        "meetings",
        {0: {"title": "Vienna\u2060 talks"}},
        f"meetings.csv:2:title: contains U+2060 (WORD JOINER) at character 7, {INVISIBLE}",
    ),
    (
        "bell",
        "meetings",
        {0: {"title": "Bell\x07"}},
        f"meetings.csv:2:title: contains U+0007 (a control character) at character 5, {INVISIBLE}",
    ),
    (
        "terminal-escape",
        "taxonomy",
        {0: {"label_en": "\x1b[31mRed"}},
        f"taxonomy.csv:2:label_en: contains U+001B (a control character) at character 1, {INVISIBLE}",
    ),
    (
        "c1-control",
        "meetings",
        {0: {"summary": "x\x9by"}},
        f"meetings.csv:2:summary: contains U+009B (a control character) at character 2, {INVISIBLE}",
    ),
    (
        "delete",
        "participants",
        {0: {"delegation_head": "A\x7fB"}},
        f"participants.csv:2:delegation_head: contains U+007F (a control character) at character 2, {INVISIBLE}",
    ),
    (
        "newline-in-a-title",
        "meetings",
        {0: {"title": "Two\nlines"}},
        f"meetings.csv:2:title: contains U+000A (a control character) at character 4, {INVISIBLE}",
    ),
    (
        "tab-in-a-title",
        "meetings",
        {0: {"title": "Tab\there"}},
        f"meetings.csv:2:title: contains U+0009 (a control character) at character 4, {INVISIBLE}",
    ),
    (
        "line-separator",
        "meetings",
        {0: {"title": "A\u2028B"}},
        f"meetings.csv:2:title: contains U+2028 (LINE SEPARATOR) at character 2, {INVISIBLE}",
    ),
    (
        "edition-of-30-digits",
        "meetings",
        {0: {"edition": "1" * 30}},
        f"meetings.csv:2:edition: {'1' * 30} is outside 1..9999",
    ),
    ("negative-edition", "meetings", {0: {"edition": "-3"}}, "meetings.csv:2:edition: -3 is outside 1..9999"),
    ("edition-zero", "meetings", {0: {"edition": "0"}}, "meetings.csv:2:edition: 0 is outside 1..9999"),
    (
        "edition-with-decimals",
        "meetings",
        {0: {"edition": "2.5"}},
        "meetings.csv:2:edition: '2.5' is not a whole number",
    ),
    ("huge-latitude", "venues", {0: {"latitude": "1e308"}}, "venues.csv:2:latitude: 1e308 is outside -90..90"),
    ("overflowing-latitude", "venues", {0: {"latitude": "1e999"}}, "venues.csv:2:latitude: 1e999 is outside -90..90"),
    (
        "huge-longitude",
        "venues",
        {1: {"longitude": "-99999999999999999999"}},
        "venues.csv:3:longitude: -99999999999999999999 is outside -180..180",
    ),
    ("not-a-number-longitude", "venues", {0: {"longitude": "nan"}}, f"venues.csv:2:longitude: 'nan' {NOT_A_NUMBER}"),
    ("infinite-longitude", "venues", {0: {"longitude": "-inf"}}, f"venues.csv:2:longitude: '-inf' {NOT_A_NUMBER}"),
    ("underscore-in-a-number", "venues", {0: {"latitude": "4_8"}}, f"venues.csv:2:latitude: '4_8' {NOT_A_NUMBER}"),
    ("arabic-indic-digits", "venues", {0: {"latitude": "٤٨"}}, f"venues.csv:2:latitude: '٤٨' {NOT_A_NUMBER}"),
    ("hexadecimal-number", "venues", {0: {"latitude": "0x30"}}, f"venues.csv:2:latitude: '0x30' {NOT_A_NUMBER}"),
    (
        "javascript-url",
        "sources",
        {0: {"url": "javascript:alert(1)"}},
        f"sources.csv:2:url: 'javascript:alert(1)' {NOT_A_URL}",
    ),
    (
        "data-url",
        "sources",
        {0: {"url": "data:text/html,<script>alert(1)</script>"}},
        f"sources.csv:2:url: 'data:text/html,<script>alert(1)</script>' {NOT_A_URL}",
    ),
    (
        "javascript-url-in-capitals",
        "sources",
        {0: {"url": "JavaScript:alert(1)"}},
        f"sources.csv:2:url: 'JavaScript:alert(1)' {NOT_A_URL}",
    ),
    (
        "vbscript-url",
        "sources",
        {0: {"url": "vbscript:msgbox(1)"}},
        f"sources.csv:2:url: 'vbscript:msgbox(1)' {NOT_A_URL}",
    ),
    ("file-url", "sources", {0: {"url": "file:///etc/passwd"}}, f"sources.csv:2:url: 'file:///etc/passwd' {NOT_A_URL}"),
    ("url-without-a-host", "sources", {0: {"url": "https://"}}, f"sources.csv:2:url: 'https://' {NOT_A_URL}"),
    (
        "url-with-a-space",
        "sources",
        {0: {"url": "https://example.org/a b"}},
        f"sources.csv:2:url: 'https://example.org/a b' {NOT_A_URL}",
    ),
    (
        "url-that-does-not-parse",
        "sources",
        {0: {"url": "http://[::1"}},
        f"sources.csv:2:url: 'http://[::1' {NOT_A_URL}",
    ),
    (
        "url-too-long",
        "sources",
        {0: {"url": "https://example.org/" + "a" * 2000}},
        "sources.csv:2:url: is 2020 characters long; at most 2000 are allowed",
    ),
    (
        "thirty-first-of-february",
        "meetings",
        {0: {"start_date": "2025-02-31", "end_date": "2025-03-01"}},
        "meetings.csv:2:start_date: '2025-02-31' is not a date: 2025-02 has no day 31",
    ),
    (
        "leap-day-of-a-common-year",
        "meetings",
        {0: {"start_date": "2025-02-28", "end_date": "2025-02-29"}},
        "meetings.csv:2:end_date: '2025-02-29' is not a date: 2025-02 has no day 29",
    ),
    (
        "thirteenth-month",
        "meetings",
        {1: {"start_date": "2025-13-01"}},
        "meetings.csv:3:start_date: '2025-13-01' is not a date (YYYY-MM-DD)",
    ),
    (
        "year-zero",
        "meetings",
        {1: {"start_date": "0000-01-01"}},
        "meetings.csv:3:start_date: '0000-01-01' is not a date (YYYY-MM-DD)",
    ),
    (
        "partial-date-that-does-not-exist",
        "sources",
        {0: {"published": "2025-04-31"}},
        "sources.csv:2:published: '2025-04-31' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
    ),
    (
        "month-zero",
        "sources",
        {0: {"published": "2025-00"}},
        "sources.csv:2:published: '2025-00' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
    ),
    ("empty-id", "meetings", {0: {"meeting_id": ""}}, "meetings.csv:2:meeting_id: is required"),
    ("whitespace-only-id", "meetings", {0: {"meeting_id": "   "}}, "meetings.csv:2:meeting_id: is required"),
    (
        "id-climbing-out-of-the-folder",
        "meetings",
        {0: {"meeting_id": "../../etc/passwd"}},
        "meetings.csv:2:meeting_id: '../../etc/passwd' is not a slug (lower case letters, digits and hyphens)",
    ),
    (
        "id-with-a-backslash",
        "venues",
        {0: {"venue_id": "..\\windows"}},
        "venues.csv:2:venue_id: '..\\windows' is not a slug (lower case letters, digits and hyphens)",
    ),
    (
        "id-too-long",
        "topics",
        {0: {"topic_id": "a" * 101}},
        "topics.csv:2:topic_id: is 101 characters long; at most 100 are allowed",
    ),
    (
        "title-too-long",
        "meetings",
        {0: {"title": "x" * 5001}},
        "meetings.csv:2:title: is 5001 characters long; at most 5000 are allowed",
    ),
    (
        "no-break-space-in-an-id",
        "meetings",
        {0: {"venue_id": "vic\u00a0"}},
        "meetings.csv:2:venue_id: 'vic\u00a0' is not a slug (lower case letters, digits and hyphens)",
    ),
    (
        "full-width-letters-in-an-actor",
        "participants",
        {0: {"actor": "ＵＮ-MT"}},
        "participants.csv:2:actor: 'ＵＮ-MT' is neither an ISO3 code nor an organisation id",
    ),
    (
        "formula-in-an-enum",
        "participants",
        {0: {"role": "=HYPERLINK()"}},
        "participants.csv:2:role: '=HYPERLINK()' is not one of "
        "host, organizer, chair, participant, counterpart, observer",
    ),
]


def _edit(name: str, change: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def apply(folder: Path) -> None:
        path = folder / name
        path.write_bytes(change(path.read_bytes()))

    return apply


def _replace_with(make: Callable[[Path], None]) -> Callable[[Path], None]:
    def apply(folder: Path) -> None:
        (folder / "topics.csv").unlink()
        make(folder / "topics.csv")

    return apply


def _symlink(folder: Path) -> None:
    outside = folder.parent / "outside.csv"
    outside.write_bytes((folder / "topics.csv").read_bytes())
    (folder / "topics.csv").unlink()
    (folder / "topics.csv").symlink_to(outside)


def _sparse(path: Path) -> None:
    with path.open("wb") as handle:
        handle.truncate(60_000_000)


def _lines(change: Callable[[list[str]], list[str]]) -> Callable[[bytes], bytes]:
    """Edit a file written by write_tables (csv's CRLF line ends) line by line."""
    return lambda raw: "\r\n".join(change(raw.decode("utf-8").split("\r\n"))).encode("utf-8")


FILE_CASES = [
    (
        "repeated-column",
        _edit(
            "topics.csv",
            _lines(
                lambda rows: (
                    [row + ",x" if row else row for row in rows[1:]]
                    and [rows[0] + ",topic_id"] + [r + ",x" for r in rows[1:] if r] + [""]
                )
            ),
        ),
        "topics.csv:1: wrong header: repeated column(s) topic_id",
    ),
    (
        "extra-column",
        _edit("regions.csv", _lines(lambda rows: [rows[0] + ",notes"] + [r + "," for r in rows[1:] if r] + [""])),
        "regions.csv:1: wrong header: unexpected column(s) notes",
    ),
    (
        "header-with-an-empty-name",
        _edit("topics.csv", _lines(lambda rows: [r + "," for r in rows if r] + [""])),
        "topics.csv:1: wrong header: unexpected column(s) (an empty name)",
    ),
    (
        "zero-byte-file",
        _edit("topics.csv", lambda raw: b""),
        "topics.csv: file is empty (expected the header: meeting_id,topic_id)",
    ),
    (
        "whitespace-only-file",
        _edit("topics.csv", lambda raw: b" \r\n\r\n"),
        "topics.csv: file is empty (expected the header: meeting_id,topic_id)",
    ),
    (
        "header-only-meetings",
        _edit("meetings.csv", lambda raw: raw.split(b"\r\n")[0] + b"\r\n"),
        "evidence.csv:2:meeting_id: 'vienna-22' is not a meeting_id in meetings.csv",
    ),
    (
        "nul-byte",
        _edit("venues.csv", lambda raw: raw.replace(b"Moscou", b"Mos\x00cou")),
        "venues.csv:3: contains a NUL byte (is it UTF-16?); save it as UTF-8 text",
    ),
    (
        "utf-16-without-mark",
        _edit("topics.csv", lambda raw: raw.decode("utf-8").encode("utf-16-le")),
        "topics.csv:1: contains a NUL byte (is it UTF-16?); save it as UTF-8 text",
    ),
    (
        "utf-16-with-mark",
        _edit("topics.csv", lambda raw: raw.decode("utf-8").encode("utf-16")),
        "topics.csv:1: contains a NUL byte (is it UTF-16?); save it as UTF-8 text",
    ),
    (
        "mixed-encodings",
        _edit("venues.csv", lambda raw: raw.replace(b"Moscou", "Möscou".encode("latin-1"))),
        "venues.csv:3: is not UTF-8 text (byte 0xf6); save it as UTF-8",
    ),
    (
        "symlinked-table",
        _symlink,
        "topics.csv: is a symbolic link; a table must be a plain file inside the data folder",
    ),
    ("directory-for-a-table", _replace_with(lambda path: path.mkdir()), "topics.csv: is not a plain file"),
    ("named-pipe-for-a-table", _replace_with(os.mkfifo), "topics.csv: is not a plain file"),
    ("table-too-large", _replace_with(_sparse), "topics.csv: is 60 MB; a table may be at most 50 MB"),
    (
        "unterminated-quote",
        _edit("topics.csv", lambda raw: raw + b'"riyadh-visit,cybercrime\r\n'),
        "topics.csv:6: is not valid CSV: unexpected end of data",
    ),
    (
        "short-row",
        _edit("topics.csv", lambda raw: raw + b"riyadh-visit\r\n"),
        "topics.csv:6: has 1 cell(s) but the header has 2 (quote a cell holding a comma)",
    ),
    (
        "long-row",
        _edit("topics.csv", lambda raw: raw + b"a,b,c\r\n"),
        "topics.csv:6: has 3 cell(s) but the header has 2 (quote a cell holding a comma)",
    ),
    (
        "cell-larger-than-the-parser-allows",
        _edit("taxonomy.csv", lambda raw: raw.replace(b"Definition.", b"D" * 200_000, 1)),
        "taxonomy.csv:2: is not valid CSV: field larger than field limit (131072)",
    ),
    (
        "quoted-newline-in-a-title",
        _edit("meetings.csv", lambda raw: raw.replace(b"Title vienna-22", b'"Title\nvienna-22"', 1)),
        f"meetings.csv:2:title: contains U+000A (a control character) at character 6, {INVISIBLE}",
    ),
]

ACCEPTED_CASES = [
    ("byte-order-mark", _edit("meetings.csv", lambda raw: b"\xef\xbb\xbf" + raw)),
    ("line-feed-line-ends", _edit("meetings.csv", lambda raw: raw.replace(b"\r\n", b"\n"))),
    ("blank-lines-at-the-end", _edit("topics.csv", lambda raw: raw + b"\r\n\r\n")),
    ("header-only-topics", _edit("topics.csv", lambda raw: raw.split(b"\r\n")[0] + b"\r\n")),
    (
        "line-break-in-a-summary",
        _edit("meetings.csv", lambda raw: raw.replace(b"Summary of vienna-22.", b'"Summary\r\nof vienna-22."', 1)),
    ),
]


def assert_refused_without_traceback(folder: Path, expected: str, capsys: pytest.CaptureFixture) -> None:
    problems = [str(problem) for problem in validate_folder(folder)[1]]
    assert expected in problems
    with pytest.raises(DatasetError):
        load_dataset(folder)
    capsys.readouterr()
    assert main(["validate", "--data", str(folder)]) == 1
    out = capsys.readouterr()
    assert expected in out.out.splitlines() and "Traceback" not in out.out + out.err


@pytest.mark.parametrize(
    ("table", "rows", "expected"), [case[1:] for case in CELL_CASES], ids=[c[0] for c in CELL_CASES]
)
def test_a_hostile_cell_is_refused_with_its_line(tmp_path, capsys, table, rows, expected) -> None:
    """The folder is refused with the exact line, by the loader and the CLI alike."""
    tables = mini_tables()
    for row, changes in rows.items():
        tables[table][row].update(changes)
    assert_refused_without_traceback(write_tables(tmp_path / "data", tables), expected, capsys)


@pytest.mark.parametrize(
    ("table", "rows", "expected"), [case[1:] for case in CELL_CASES], ids=[c[0] for c in CELL_CASES]
)
def test_a_save_of_a_hostile_cell_writes_nothing(mini_folder, table, rows, expected) -> None:
    """Offered to a save, the same change is refused with the same line and every byte of the folder is kept."""
    validate_folder(mini_folder)
    before = {path.relative_to(mini_folder): path.read_bytes() for path in mini_folder.rglob("*") if path.is_file()}
    tables = mini_tables()
    for row, changes in rows.items():
        tables[table][row].update(changes)
    frame = validate_folder(write_tables(mini_folder.parent / "draft", tables))[0][table]
    with pytest.raises(DatasetError) as refused:
        save(mini_folder, {table: frame}, revision(mini_folder), "hostile", EDITOR)
    assert expected in [str(problem) for problem in refused.value.problems]
    after = {path.relative_to(mini_folder): path.read_bytes() for path in mini_folder.rglob("*") if path.is_file()}
    assert after == before


@pytest.mark.parametrize(("damage", "expected"), [case[1:] for case in FILE_CASES], ids=[c[0] for c in FILE_CASES])
def test_a_broken_file_is_refused_with_its_line(mini_folder, capsys, damage, expected) -> None:
    """Each way a file can be broken gets one clear line instead of a parser's exception."""
    damage(mini_folder)
    assert_refused_without_traceback(mini_folder, expected, capsys)


@pytest.mark.parametrize("damage", [case[1] for case in ACCEPTED_CASES], ids=[c[0] for c in ACCEPTED_CASES])
def test_harmless_file_variants_are_accepted(mini_folder, damage) -> None:
    """What spreadsheets and editors write (a byte order mark, other line ends, a quoted line break) still loads."""
    damage(mini_folder)
    assert validate_folder(mini_folder)[1] == []
    assert len(load_dataset(mini_folder).meetings) == 6


# Articles: the meeting of a lede, and what bulks it up to the upload limit.
HEAD = "published: 2024-03-07\n\n"
LEDE = (
    "The interior ministers of Jordan and Iraq held talks in Amman on 5 March 2024 on border security and drug "
    "trafficking."
)
FILLER = (
    "The weather in the region stayed mild for the season, and the markets were busy with traders from the "
    "surrounding villages who came to sell fruit and vegetables."
)
ASKED = "nothing saved (pass --yes to save without asking)"
NO_DAY = "is not a date: {month} has no day {day}"


def _talks(when: str, head: str = HEAD) -> Callable[[], bytes]:
    text = f"{head}The interior ministers of Jordan and Iraq held talks in Amman on {when} on border security."
    return lambda: text.encode()


def _french_talks(when: str) -> Callable[[], bytes]:
    text = (
        f"{HEAD}Les ministres de l'Intérieur de la Jordanie et de l'Irak se sont réunis à Amman {when} "
        "sur la sécurité des frontières."
    )
    return lambda: text.encode()


# (id, the article's bytes, saved with --yes, the line it must answer with)
ARTICLE_CASES = [
    (
        "over-the-size-limit",
        lambda: b"x" * (MAX_ARTICLE_BYTES + 1),
        True,
        "21.0 MB is too large for an article (at most 20 MB)",
    ),
    ("empty-file", lambda: b" \n\n", True, "the file is empty"),
    ("binary-file", lambda: b"\x00\x01\x02" * 400, True, "this is a binary file, not text or HTML"),
    (
        "nineteen-mb-of-prose",
        lambda: ("\n".join([HEAD + LEDE] + [f"{FILLER} Item {n}." for n in range(110_000)])).encode(),
        False,
        ASKED,
    ),
    (
        "a-long-single-line",
        lambda: (" ".join([HEAD + LEDE] + [f"{FILLER} Item {n}." for n in range(12_000)])).encode(),
        False,
        ASKED,
    ),
    (
        "one-clause-repeated",
        lambda: (HEAD + LEDE + " " + "réunion à Rabat le 6 mai 2023, " * 200_000).encode(),
        False,
        ASKED,
    ),
    ("one-sentence-repeated", lambda: (HEAD + LEDE + "\n" + f"{FILLER}\n" * 120_000).encode(), False, ASKED),
    ("a-five-mb-word", lambda: (HEAD + LEDE + " " + "a" * 5_000_000).encode(), False, ASKED),
    (
        "deeply-nested-html",
        lambda: b"<html><body>" + b"<div>" * 200_000 + LEDE.encode() + b"</div>" * 200_000 + b"</body></html>",
        False,
        ASKED,
    ),
    ("letters-without-a-space", lambda: b"x" * 19_000_000, True, "no meeting found in this text; nothing saved"),
    (
        "thirty-first-of-february",
        _french_talks("le 31 février 2024"),
        True,
        "'31 février 2024' " + NO_DAY.format(month="2024-02", day=31),
    ),
    (
        "thirty-first-of-february-without-a-year",
        _french_talks("le 31 février"),
        True,
        "'31 février' " + NO_DAY.format(month="2024-02", day=31),
    ),
    (
        "thirty-first-of-april",
        _talks("31 April 2024"),
        True,
        "'31 April 2024' " + NO_DAY.format(month="2024-04", day=31),
    ),
    (
        "february-the-thirtieth",
        _talks("February 30, 2024"),
        True,
        "'February 30, 2024' " + NO_DAY.format(month="2024-02", day=30),
    ),
    (
        "leap-day-of-a-common-year",
        _talks("29 February 2025", head="published: 2025-03-07\n\n"),
        True,
        "'29 February 2025' " + NO_DAY.format(month="2025-02", day=29),
    ),
    ("numeric-date", _talks("31/02/2024"), True, "'31/02/2024' " + NO_DAY.format(month="2024-02", day=31)),
    ("iso-date", _talks("2024-02-31"), True, "'2024-02-31' " + NO_DAY.format(month="2024-02", day=31)),
    (
        "right-to-left-override",
        lambda: f"{HEAD}The interior ministers of Jordan and Iraq held \u202etalks in Amman on 5 March 2024.".encode(),
        False,
        "U+202E (RIGHT-TO-LEFT OVERRIDE)",
    ),
]
WORK_SECONDS = 10


def _files(folder: Path) -> dict[Path, bytes]:
    return {path.relative_to(folder): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def _ingest(folder: Path, article: Path, save: bool, capsys: pytest.CaptureFixture) -> tuple[int, str, float]:
    """`ingest` in this process: its exit code, everything it printed, and the processor seconds it took."""
    capsys.readouterr()
    started = time.process_time()
    code = main(["ingest", str(article), "--data", str(folder), *(["--yes"] if save else [])])
    spent = time.process_time() - started
    out = capsys.readouterr()
    return code, out.out + out.err, spent


@pytest.fixture(scope="module")
def warm_extractor(tmp_path_factory) -> None:
    """One ingest first: the gazetteer's index is built once per process, not per article."""
    folder = write_tables(tmp_path_factory.mktemp("warm") / "data", mini_tables())
    article = folder.parent / "lede.txt"
    article.write_text(HEAD + LEDE, encoding="utf-8")
    main(["ingest", str(article), "--data", str(folder)])


@pytest.mark.parametrize(
    ("article", "saving", "expected"), [case[1:] for case in ARTICLE_CASES], ids=[case[0] for case in ARTICLE_CASES]
)
def test_a_hostile_article_is_answered_in_bounded_time_with_its_line_and_nothing_written(
    warm_extractor, mini_folder, tmp_path, capsys, article, saving, expected
) -> None:
    """Ten seconds of work at most (processor time, so a busy machine does not count), one line, no byte written."""
    path = tmp_path / "article.txt"
    path.write_bytes(article())
    validate_folder(mini_folder)
    before = _files(mini_folder)
    code, printed, spent = _ingest(mini_folder, path, saving, capsys)
    assert expected in printed and "Traceback" not in printed
    assert spent < WORK_SECONDS
    assert _files(mini_folder) == before
    assert code == (0 if expected == ASKED else 1)


def test_a_leap_day_of_a_leap_year_is_saved(warm_extractor, mini_folder, tmp_path, capsys) -> None:
    """The counterpart of the impossible dates: 29 February 2024 exists, and is saved as that day."""
    path = tmp_path / "article.txt"
    path.write_bytes(_talks("29 February 2024")())
    validate_folder(mini_folder)
    before = _files(mini_folder)
    code, printed, _ = _ingest(mini_folder, path, True, capsys)
    assert code == 0 and "2024-02-29" in printed and "saved 1 meeting(s)" in printed
    assert _files(mini_folder) != before
