"""What a valid dataset is: every table, its columns, and the rules that tie tables together.

The rules live here as data (one `Table` per CSV file) so that the validator,
the loader and the codebook test all read the same definition. Validation
reports problems rather than raising, so a user fixing a file sees all of
them at once, each naming the file, the line and the column.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

import pandas as pd

from liaison.words.places import valid_iso3

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ORG_ID = re.compile(r"^[A-Z0-9]+(?:-[A-Z0-9]+)*$")
PARTIAL_DATE = re.compile(r"^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$")
ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+")
DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
MAX_ID_LENGTH = 100
MAX_TEXT_LENGTH = 5000
MAX_URL_LENGTH = 2000
# Characters that change how text reads without showing themselves: bidirectional overrides
# and isolates (a title that displays reversed), zero-width marks, and control characters.
INVISIBLE = re.compile(
    "[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
LINE_BREAKS = re.compile("[\t\n]")


@dataclass(frozen=True)
class Column:
    """One CSV column: its name, whether it may be empty, and what its cells must look like."""

    name: str
    kind: str = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    bounds: tuple[float, float] | None = None
    multiline: bool = False


@dataclass(frozen=True)
class Table:
    """One CSV file of the dataset."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    @property
    def header(self) -> list[str]:
        return [column.name for column in self.columns]


@dataclass(frozen=True, order=True)
class Problem:
    """A single thing wrong with the data, addressed as file:line:column."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.line:
            where.append(str(self.line))
        if self.field:
            where.append(self.field)
        return f"{':'.join(where)}: {self.message}"


FORMATS = ("multilateral", "bilateral")
PRECISIONS = ("day", "month", "year", "unknown")
ROLES = ("host", "organizer", "chair", "participant", "counterpart", "observer")
ORG_KINDS = ("bloc", "body", "un-body", "police", "forum", "agency")
MEMBERSHIP_STATUSES = ("member", "observer", "suspended", "former")
EVIDENCE_FIELDS = ("meeting", "date", "venue", "participants", "organizer", "topics", "parent")
LANGUAGES = ("en", "fr")

TABLES: dict[str, Table] = {
    table.name: table
    for table in (
        Table(
            "meetings",
            (
                Column("meeting_id", "slug", required=True),
                Column("title", required=True),
                Column("title_fr", required=True),
                Column("title_original"),
                Column("series", "slug"),
                Column("edition", "int", bounds=(1, 9999)),
                Column("format", "enum", required=True, choices=FORMATS),
                Column("start_date", "date"),
                Column("end_date", "date"),
                Column("date_precision", "enum", required=True, choices=PRECISIONS),
                Column("venue_id", "slug"),
                Column("organizer", "actor"),
                Column("parent_meeting_id", "slug"),
                Column("reported_participants"),
                Column("summary", required=True, multiline=True),
                Column("summary_fr", required=True, multiline=True),
            ),
            key=("meeting_id",),
        ),
        Table(
            "venues",
            (
                Column("venue_id", "slug", required=True),
                Column("name", required=True),
                Column("name_fr", required=True),
                Column("city"),
                Column("country_iso3", "iso3", required=True),
                Column("latitude", "float", required=True, bounds=(-90, 90)),
                Column("longitude", "float", required=True, bounds=(-180, 180)),
                Column("precision", "enum", required=True, choices=("site", "city", "country")),
                Column(
                    "geocoded_by",
                    "enum",
                    required=True,
                    choices=("gazetteer", "nominatim", "manual"),
                ),
            ),
            key=("venue_id",),
        ),
        Table(
            "participants",
            (
                Column("meeting_id", "slug", required=True),
                Column("actor", "actor", required=True),
                Column("role", "enum", required=True, choices=ROLES),
                Column("delegation_head"),
                Column("agency"),
            ),
            key=("meeting_id", "actor", "role"),
        ),
        Table(
            "organizations",
            (
                Column("org_id", "org", required=True),
                Column("name", required=True),
                Column("name_fr", required=True),
                Column("acronym"),
                Column("acronym_fr"),
                Column("kind", "enum", required=True, choices=ORG_KINDS),
                Column("country_iso3", "iso3"),
                Column("parent_org_id", "org"),
            ),
            key=("org_id",),
        ),
        Table(
            "memberships",
            (
                Column("org_id", "org", required=True),
                Column("iso3", "iso3", required=True),
                Column("status", "enum", required=True, choices=MEMBERSHIP_STATUSES),
                Column("joined", "partial_date"),
                Column("left", "partial_date"),
            ),
            key=("org_id", "iso3"),
        ),
        Table(
            "regions",
            (
                Column("iso3", "iso3", required=True),
                Column("region", required=True),
                Column("subregion"),
            ),
            key=("iso3",),
        ),
        Table(
            "taxonomy",
            (
                Column("topic_id", "slug", required=True),
                Column("parent", "slug"),
                Column("label_en", required=True),
                Column("label_fr", required=True),
                Column("definition_en", required=True, multiline=True),
                Column("definition_fr", required=True, multiline=True),
                Column("keywords_en"),
                Column("keywords_fr"),
            ),
            key=("topic_id",),
        ),
        Table(
            "topics",
            (Column("meeting_id", "slug", required=True), Column("topic_id", "slug", required=True)),
            key=("meeting_id", "topic_id"),
        ),
        Table(
            "sources",
            (
                Column("source_id", "slug", required=True),
                Column("outlet", required=True),
                Column("title"),
                Column("published", "partial_date"),
                Column("language", "enum", required=True, choices=LANGUAGES),
                Column("url", "url"),
            ),
            key=("source_id",),
        ),
        Table(
            "evidence",
            (
                Column("meeting_id", "slug", required=True),
                Column("source_id", "slug", required=True),
                Column("field", "enum", required=True, choices=EVIDENCE_FIELDS),
                Column("locator", required=True),
                Column("note", multiline=True),
            ),
            key=("meeting_id", "source_id", "field", "locator"),
        ),
    )
}

# (table, column) -> (table, column) it must point to; actors are checked apart.
REFERENCES: tuple[tuple[str, str, str, str], ...] = (
    ("meetings", "venue_id", "venues", "venue_id"),
    ("meetings", "parent_meeting_id", "meetings", "meeting_id"),
    ("participants", "meeting_id", "meetings", "meeting_id"),
    ("organizations", "parent_org_id", "organizations", "org_id"),
    ("memberships", "org_id", "organizations", "org_id"),
    ("taxonomy", "parent", "taxonomy", "topic_id"),
    ("topics", "meeting_id", "meetings", "meeting_id"),
    ("topics", "topic_id", "taxonomy", "topic_id"),
    ("evidence", "meeting_id", "meetings", "meeting_id"),
    ("evidence", "source_id", "sources", "source_id"),
)
ACTOR_COLUMNS: tuple[tuple[str, str], ...] = (("meetings", "organizer"), ("participants", "actor"))


def first_line(row_index: int) -> int:
    """File line of a data row: the header is line 1."""
    return row_index + 2


def check_cell(column: Column, value: str) -> str | None:
    """Why a cell breaks its column's rule, or None when it is fine."""
    if value == "":
        return "is required" if column.required else None
    limit = {"text": MAX_TEXT_LENGTH, "url": MAX_URL_LENGTH}.get(column.kind, MAX_ID_LENGTH)
    if len(value) > limit:
        return f"is {len(value)} characters long; at most {limit} are allowed"
    hidden = INVISIBLE.search(value) or (None if column.multiline else LINE_BREAKS.search(value))
    if hidden:
        return _hidden_character(value, hidden.start())
    kind = column.kind
    if kind == "slug" and not SLUG.fullmatch(value):
        return f"'{value}' is not a slug (lower case letters, digits and hyphens)"
    if kind == "org" and not ORG_ID.fullmatch(value):
        return f"'{value}' is not an organisation id (upper case letters, digits and hyphens)"
    if kind == "iso3" and value not in valid_iso3():
        return f"'{value}' is not an ISO 3166 alpha-3 country code"
    if kind == "actor" and value not in valid_iso3() and not ORG_ID.fullmatch(value):
        return f"'{value}' is neither an ISO3 code nor an organisation id"
    if kind == "enum" and value not in column.choices:
        return f"'{value}' is not one of {', '.join(column.choices)}"
    if kind == "int":
        return _check_whole(value, column.bounds)
    if kind == "date":
        return _check_date(value)
    if kind == "partial_date" and (not PARTIAL_DATE.fullmatch(value) or _check_date(_pad(value))):
        return f"'{value}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
    if kind == "float":
        return _check_float(value, column.bounds)
    if kind == "url" and not _web_address(value):
        return f"'{value}' is not a web address (http:// or https://)"
    return None


def _hidden_character(value: str, position: int) -> str:
    character = value[position]
    name = unicodedata.name(character, "a control character")
    return (
        f"contains U+{ord(character):04X} ({name}) at character {position + 1}, "
        "an invisible or control character; remove it"
    )


def _web_address(value: str) -> bool:
    """Only http(s) with a host: `javascript:`, `data:` or `file:` would run or read something when clicked."""
    if any(character.isspace() for character in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _check_whole(value: str, bounds: tuple[float, float] | None) -> str | None:
    if not WHOLE_NUMBER.fullmatch(value):
        return f"'{value}' is not a whole number"
    if bounds and not bounds[0] <= int(value) <= bounds[1]:
        return f"{value} is outside {bounds[0]:g}..{bounds[1]:g}"
    return None


def _pad(value: str) -> str:
    return (value + "-01-01")[:10] if len(value) == 4 else (value + "-01")[:10]


def _check_date(value: str) -> str | None:
    # Python's fromisoformat also takes week dates (2025-W19-1): the pattern keeps to YYYY-MM-DD.
    if not ISO_DATE.fullmatch(value):
        return f"'{value}' is not a date (YYYY-MM-DD)"
    try:
        date.fromisoformat(value)
    except ValueError:
        year, month, day = (int(part) for part in value.split("-"))
        if year >= 1 and 1 <= month <= 12 and day > 28:
            return f"'{value}' is not a date: {year:04d}-{month:02d} has no day {day}"
        return f"'{value}' is not a date (YYYY-MM-DD)"
    return None


def _check_float(value: str, bounds: tuple[float, float] | None) -> str | None:
    # Python's float() also reads "nan", "1_000" and Arabic-Indic digits, which pandas does not.
    if not DECIMAL.fullmatch(value):
        return f"'{value}' is not a number"
    number = float(value)
    if bounds and not bounds[0] <= number <= bounds[1]:
        return f"{value} is outside {bounds[0]:g}..{bounds[1]:g}"
    return None


def check_table(table: Table, frame: pd.DataFrame) -> list[Problem]:
    """Cell rules and key uniqueness of one table, read as text.

    Each rule runs over the whole column at once (a million rows is a fraction of a second);
    only the few cells it flags are read one by one, by `check_cell`, to word the message.
    """
    problems = []
    for column in table.columns:
        values = frame[column.name]
        for index, value in values[suspect_cells(column, values)].items():
            message = check_cell(column, value)
            if message:
                problems.append(Problem(table.file, first_line(index), column.name, message))
    duplicated = frame.duplicated(list(table.key), keep="first")
    for index in frame.index[duplicated]:
        key = ", ".join(frame.loc[index, list(table.key)])
        problems.append(Problem(table.file, first_line(index), table.key[-1], f"duplicate key ({key})"))
    return problems


def suspect_cells(column: Column, values: pd.Series) -> pd.Series:
    """Which cells may break the column's rule: every cell `check_cell` refuses, and perhaps a few it accepts.

    Whole-column string operations (Arrow's, underneath) decide for almost every cell; a cell
    they cannot clear (a URL of an unusual form, a date pandas cannot place) is only suspect,
    and `check_cell` has the last word on it.
    """
    values = values.astype(str)
    empty = values.eq("")
    if not len(values):
        return empty
    limit = {"text": MAX_TEXT_LENGTH, "url": MAX_URL_LENGTH}.get(column.kind, MAX_ID_LENGTH)
    suspect = values.str.len().gt(limit) | values.str.contains(INVISIBLE.pattern, regex=True)
    if not column.multiline:
        suspect |= values.str.contains(LINE_BREAKS.pattern, regex=True)
    kind = column.kind
    if kind == "slug":
        suspect |= ~values.str.fullmatch(SLUG.pattern.strip("^$"))
    elif kind == "org":
        suspect |= ~values.str.fullmatch(ORG_ID.pattern.strip("^$"))
    elif kind == "iso3":
        suspect |= ~values.isin(valid_iso3())
    elif kind == "actor":
        suspect |= ~values.isin(valid_iso3()) & ~values.str.fullmatch(ORG_ID.pattern.strip("^$"))
    elif kind == "enum":
        suspect |= ~values.isin(column.choices)
    elif kind in ("int", "float"):
        pattern = WHOLE_NUMBER if kind == "int" else DECIMAL
        numbers = pd.to_numeric(values.where(values.str.fullmatch(pattern.pattern), None), errors="coerce")
        suspect |= numbers.isna()
        if column.bounds:
            suspect |= ~numbers.between(*column.bounds)
    elif kind == "date":
        shaped = values.str.fullmatch(ISO_DATE.pattern.strip("^$"))
        suspect |= _not_a_day(values.where(shaped, None))
    elif kind == "partial_date":
        shaped = values.str.fullmatch(PARTIAL_DATE.pattern.strip("^$"))
        lengths = values.str.len()
        padded = values.where(lengths.ne(4), values + "-01-01").where(lengths.ne(7), values + "-01")
        suspect |= ~shaped | _not_a_day(padded.where(shaped, None))
    elif kind == "url":
        suspect |= ~values.str.fullmatch(SIMPLE_WEB_ADDRESS)
    if column.required:
        return suspect | empty
    return suspect & ~empty


def _not_a_day(values: pd.Series) -> pd.Series:
    """YYYY-MM-DD cells that are no calendar day; pandas knows a year 0, Python's calendar (and ISO 8601) does not."""
    days = pd.to_datetime(values, format="%Y-%m-%d", errors="coerce")
    return days.isna() | values.str.startswith("0000").fillna(False).astype(bool)


# A web address plainly http(s) with a host, in printable ASCII: anything else is left to `_web_address`.
SIMPLE_WEB_ADDRESS = r"https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:[/?#][!-~]*)?"


def check_links(frames: dict[str, pd.DataFrame]) -> list[Problem]:
    """Rules across tables: references, actors, date order, parent format, evidence."""
    problems = []
    for table, column, target, target_column in REFERENCES:
        values = frames[table][column]
        broken = values.ne("") & ~values.isin(frames[target][target_column])
        for index, value in values[broken].items():
            problems.append(
                Problem(
                    TABLES[table].file,
                    first_line(index),
                    column,
                    f"'{value}' is not a {target_column} in {TABLES[target].file}",
                )
            )
    organizations = frames["organizations"]["org_id"]
    for table, column in ACTOR_COLUMNS:
        values = frames[table][column]
        unknown = values.ne("") & ~values.isin(valid_iso3()) & ~values.isin(organizations)
        for index, value in values[unknown].items():
            problems.append(
                Problem(
                    TABLES[table].file,
                    first_line(index),
                    column,
                    f"'{value}' is not a country code nor an org_id in organizations.csv",
                )
            )
    problems += _check_meeting_dates(frames["meetings"])
    problems += _check_parents(frames["meetings"])
    problems += _check_blocs(frames["memberships"], frames["organizations"])
    meeting_ids = frames["meetings"]["meeting_id"]
    for index in meeting_ids.index[~meeting_ids.isin(frames["evidence"]["meeting_id"])]:
        problems.append(Problem("meetings.csv", first_line(index), "meeting_id", "has no row in evidence.csv"))
    return problems


def _check_meeting_dates(meetings: pd.DataFrame) -> list[Problem]:
    start, end, precision = meetings["start_date"], meetings["end_date"], meetings["date_precision"]
    unknown = precision.eq("unknown")
    problems = [
        Problem("meetings.csv", first_line(index), "date_precision", "is 'unknown' but dates are given")
        for index in meetings.index[unknown & (start.ne("") | end.ne(""))]
    ]
    for name, values in (("start_date", start), ("end_date", end)):
        problems += [
            Problem("meetings.csv", first_line(index), name, f"is required when date_precision is {value}")
            for index, value in precision[~unknown & values.eq("")].items()
        ]
    # Only well-formed dates are compared; a malformed one is reported by its cell rule.
    well_formed = start.str.fullmatch(ISO_DATE.pattern.strip("^$")) & end.str.fullmatch(ISO_DATE.pattern.strip("^$"))
    backwards = ~unknown & start.ne("") & end.ne("") & well_formed & end.lt(start)
    for index in meetings.index[backwards]:
        first, last = start[index], end[index]
        if not _check_date(first) and not _check_date(last):
            problems.append(
                Problem("meetings.csv", first_line(index), "end_date", f"ends before start_date ({last} < {first})")
            )
    return problems


def _check_parents(meetings: pd.DataFrame) -> list[Problem]:
    parent = meetings["parent_meeting_id"]
    formats = pd.Series(meetings["format"].array, index=meetings["meeting_id"].array)
    formats = formats[~formats.index.duplicated(keep="last")]
    parent_format = parent.map(formats)
    problems = []
    itself = parent.ne("") & parent.eq(meetings["meeting_id"])
    bilateral = parent.ne("") & ~itself & parent_format.eq("bilateral")
    for index in meetings.index[itself | bilateral]:
        if itself[index]:
            problems.append(Problem("meetings.csv", first_line(index), "parent_meeting_id", "is the meeting itself"))
        else:
            problems.append(
                Problem(
                    "meetings.csv",
                    first_line(index),
                    "parent_meeting_id",
                    f"'{parent[index]}' is bilateral; a parent must be a multilateral meeting",
                )
            )
    return problems + _check_parent_cycles(meetings)


def _check_parent_cycles(meetings: pd.DataFrame) -> list[Problem]:
    """A chain of parents that comes back to where it started, reported once at its first row.

    A meeting that is its own parent is reported by the self-reference rule instead. Chains
    that end (at a meeting without a parent) are pruned a whole column at a time first, so
    only meetings on or leading into a cycle are walked one by one.
    """
    ids, parent_ids = meetings["meeting_id"], meetings["parent_meeting_id"]
    linked = parent_ids.ne("") & parent_ids.ne(ids)
    chains = pd.DataFrame({"id": ids[linked], "parent": parent_ids[linked]})
    while True:
        kept = chains[chains["parent"].isin(chains["id"])]
        if len(kept) == len(chains):
            break
        chains = kept
    lines = {meeting_id: first_line(index) for index, meeting_id in ids[ids.isin(chains["id"])].items()}
    parents = dict(zip(chains["id"], chains["parent"], strict=True))
    problems = []
    reported: set[str] = set()
    for start in parents:
        chain = [start]
        while chain[-1] in parents and parents[chain[-1]] not in chain and len(chain) <= len(parents):
            chain.append(parents[chain[-1]])
        if chain[-1] not in parents or parents[chain[-1]] != start or start in reported:
            continue
        reported.update(chain)
        first = min(chain, key=lines.__getitem__)
        turn = chain.index(first)
        cycle = chain[turn:] + chain[:turn]
        steps = " → ".join(f"{meeting_id} (line {lines[meeting_id]})" for meeting_id in cycle)
        problems.append(
            Problem(
                "meetings.csv",
                lines[first],
                "parent_meeting_id",
                f"parents form a cycle: {steps} → {first}; a meeting cannot be held on its own margins",
            )
        )
    return problems


def _check_blocs(memberships: pd.DataFrame, organizations: pd.DataFrame) -> list[Problem]:
    kinds = dict(zip(organizations["org_id"], organizations["kind"], strict=True))
    return [
        Problem(
            "memberships.csv",
            first_line(index),
            "org_id",
            f"'{org_id}' is a {kinds[org_id]}, not a bloc; only blocs list member states",
        )
        for index, org_id in memberships["org_id"].items()
        if org_id in kinds and kinds[org_id] != "bloc"
    ]
