"""Command line: `python -m liaison validate|meetings`, for checks and scheduled jobs.

Every error the user can cause ends in a one-line message and exit status 1,
never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

import pandas as pd

from liaison.filters import Filters
from liaison.query import filter_meetings
from liaison.schema import FORMATS, TABLES
from liaison.store import DatasetError, load_dataset, resolve_data_dir, validate_folder


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m liaison", description="Liaison dataset tools.")
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check every table of a data folder")
    validate.add_argument("--data", help="data folder (default: $LIAISON_DATA, else the bundled data/)")

    meetings = commands.add_parser("meetings", help="list the meetings matching filters")
    meetings.add_argument("--data", help="data folder (default: $LIAISON_DATA, else the bundled data/)")
    meetings.add_argument("--country", nargs="+", default=[], metavar="ISO3")
    meetings.add_argument("--from", dest="month_from", metavar="YYYY-MM")
    meetings.add_argument("--to", dest="month_to", metavar="YYYY-MM")
    meetings.add_argument("--format", nargs="+", default=[], choices=FORMATS)
    meetings.add_argument("--topic", nargs="+", default=[], metavar="ID")
    meetings.add_argument("--region", nargs="+", default=[], metavar="NAME")
    meetings.add_argument("--bloc", nargs="+", default=[], metavar="ID")
    meetings.add_argument("--q", default="", metavar="TEXT", help="free text in titles and summaries")
    meetings.add_argument("--json", action="store_true", help="print JSON instead of a table")
    return parser


def _validate(args: argparse.Namespace) -> int:
    folder = resolve_data_dir(args.data)
    frames, problems = validate_folder(folder)
    if problems:
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem(s) in {folder}", file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(frames[name])} {name}" for name in TABLES)
    print(f"OK: {folder}: {counts}")
    return 0


def _iso(value: object) -> str | None:
    return None if pd.isna(value) else pd.Timestamp(value).date().isoformat()


def _record(row: pd.Series) -> dict[str, object]:
    return {
        "id": row["meeting_id"],
        "title": row["title"],
        "start_date": _iso(row["start_date"]),
        "end_date": _iso(row["end_date"]),
        "date_precision": row["date_precision"],
        "venue": None if pd.isna(row["venue"]) else row["venue"],
        "city": None if pd.isna(row["city"]) else row["city"],
        "country": None if pd.isna(row["country_iso3"]) else row["country_iso3"],
        "format": row["format"],
        "participants": list(row["states"]),
        "topics": list(row["topics"]),
        "parent": None if pd.isna(row["parent_meeting_id"]) else row["parent_meeting_id"],
    }


def _meetings(args: argparse.Namespace) -> int:
    try:
        filters = Filters(
            month_from=args.month_from,
            month_to=args.month_to,
            countries=tuple(code.upper() for code in args.country),
            regions=tuple(args.region),
            blocs=tuple(args.bloc),
            formats=tuple(args.format),
            topics=tuple(args.topic),
            text=args.q,
        )
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    ds = load_dataset(resolve_data_dir(args.data))
    records = [_record(row) for _, row in filter_meetings(ds, filters).iterrows()]
    if args.json:
        print(json.dumps({"meetings": records}, ensure_ascii=False, indent=2))
        return 0
    for record in records:
        dates = record["start_date"] or "undated"
        place = ", ".join(str(part) for part in (record["city"], record["country"]) if part) or "—"
        print(f"{dates:<10}  {record['format']:<12}  {place:<24}  {record['title']}")
    print(f"{len(records)} meeting(s)", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _validate(args) if args.command == "validate" else _meetings(args)
    except DatasetError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print("the data folder is not valid: run `python -m liaison validate` for details", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
