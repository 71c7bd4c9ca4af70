"""Command line: `python -m liaison validate|copy|meetings|export|briefing|extract|evaluate|ingest|gdelt|candidates`.

For checks, scheduled briefings and batch ingestion.

Every error the user can cause ends in a one-line message and exit status 1,
never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from functools import partial
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd
import psycopg
from sqlalchemy.exc import DBAPIError

from liaison.dataset.access import AccessError, local_editor
from liaison.dataset.changes import Snapshot, StaleRevisionError
from liaison.dataset.files import FolderBusyError, write_atomically
from liaison.dataset.schema import FORMATS, TABLES
from liaison.dataset.store import DatasetError, resolve_location
from liaison.dataset.stores import Store, copy, open_store, reached
from liaison.extract.article import extract_article, split_header
from liaison.extract.evaluate import evaluate_folder, format_scores
from liaison.feed.cache import built_candidates, layer_stamp, stamp_digest
from liaison.feed.cameo import parse_codes
from liaison.feed.candidates import (
    INPUT_COLUMNS,
    MEETING_CODES,
    build_candidates,
    candidate_articles,
    cluster_events,
    select_candidates,
)
from liaison.feed.events import (
    DEFAULT_CODES,
    EVENTS_ENV,
    checked_events_root,
    import_exports,
    layer_dir,
    part_files,
    read_events,
)
from liaison.figures.catalogue import FIGURES, build_figure
from liaison.intake.article import codebook_of, propose, review, save_retrying
from liaison.intake.drafts import ArticleError, SourceInfo, decode_article
from liaison.intake.geocode import GeocodingChain
from liaison.publish.briefing import BRIEFING_FORMATS, briefing_pdf, briefing_pptx, build_briefing
from liaison.publish.export import FORMATS as IMAGE_FORMATS
from liaison.publish.export import ExportError, caption_for, figure_file
from liaison.view.filters import Filters
from liaison.view.query import select
from liaison.view.stored_table import filter_meetings
from liaison.words.i18n import LANGUAGES

DATA_HELP = "data folder or postgresql:// URL (default: $LIAISON_DATA, else the bundled data/)"
EVENTS_HELP = (
    f"the events layer is in ${EVENTS_ENV} if set, else in the data folder (a database: this machine's cache folder)"
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m liaison", description="Liaison dataset tools.")
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check every table of a data folder or database")
    validate.add_argument("--data", help=DATA_HELP)

    copy = commands.add_parser("copy", help="copy a dataset, its change log and articles into an empty store")
    copy.add_argument("source", help="data folder or postgresql://user@host/database to copy from")
    copy.add_argument("target", help="empty (or new) data folder, or postgresql:// database without a dataset")

    meetings = commands.add_parser("meetings", help="list the meetings matching filters")
    _add_filters(meetings)
    meetings.add_argument("--json", action="store_true", help="print JSON instead of a table")

    export = commands.add_parser("export", help="write one of the dashboard's figures as an image")
    _add_filters(export, format_option="--meeting-format")
    export.add_argument("--figure", required=True, choices=sorted(FIGURES), help="which figure")
    export.add_argument("--format", dest="image_format", choices=IMAGE_FORMATS, help="default: the file's extension")
    export.add_argument("--out", required=True, help="file to write")
    export.add_argument("--lang", default="en", choices=LANGUAGES)

    briefing = commands.add_parser("briefing", help="write a briefing pack of the view's figures (PPTX or PDF)")
    _add_filters(briefing, format_option="--meeting-format")
    briefing.add_argument("--out", required=True, help="file to write: FILE.pptx or FILE.pdf")
    briefing.add_argument("--lang", default="en", choices=LANGUAGES)

    extract = commands.add_parser("extract", help="print the meetings an article states, as JSON")
    extract.add_argument("file", help="article text (may start with `source:` and `published:` lines)")
    extract.add_argument("--published", type=date.fromisoformat, metavar="YYYY-MM-DD", help="the article's date")
    extract.add_argument("--lang", choices=LANGUAGES, help="the article's language (default: detected)")
    extract.add_argument("--data", help="data folder whose topics and organisations to use (default: as validate)")

    evaluate = commands.add_parser("evaluate", help="score the extractor on a folder of NN.txt + NN.json")
    evaluate.add_argument("folder")
    evaluate.add_argument("--data", help="data folder whose topics the labels use (default: as validate)")

    ingest = commands.add_parser("ingest", help="extract an article's meetings, validate them and save them")
    ingest.add_argument("file", help="article text or HTML page")
    ingest.add_argument("--data", help=DATA_HELP)
    ingest.add_argument("--outlet", help="publisher (default: the host of the file's `source:` address)")
    ingest.add_argument("--published", metavar="YYYY-MM-DD", help="the article's date")
    ingest.add_argument("--lang", choices=LANGUAGES, help="the article's language (default: detected)")
    ingest.add_argument("--yes", action="store_true", help="save without asking")
    ingest.add_argument(
        "--allow-duplicates", action="store_true", help="save drafts the data already records (skipped otherwise)"
    )

    gdelt = commands.add_parser("gdelt", help="import GDELT 2.0 event exports into the read-only events layer")
    gdelt.add_argument("files", nargs="+", metavar="FILE", help="raw exports: .CSV/.tsv, or the distributed .zip")
    gdelt.add_argument("--data", help=f"{DATA_HELP}; {EVENTS_HELP}")
    gdelt.add_argument(
        "--codes", default=",".join(DEFAULT_CODES), help="CAMEO event codes to keep (default: %(default)s)"
    )

    candidates = commands.add_parser("candidates", help="list machine-coded candidate meetings matching filters")
    _add_filters(candidates, data_help=f"{DATA_HELP}; {EVENTS_HELP}")
    candidates.add_argument(
        "--codes", default=",".join(MEETING_CODES), help="CAMEO event codes that make a meeting (default: %(default)s)"
    )
    candidates.add_argument("--json", action="store_true", help="print JSON (with each candidate's articles)")
    return parser


def _add_filters(parser: argparse.ArgumentParser, format_option: str = "--format", data_help: str = DATA_HELP) -> None:
    """The view's filters, named as in the URL."""
    parser.add_argument("--data", help=data_help)
    parser.add_argument("--country", nargs="+", default=[], metavar="ISO3")
    parser.add_argument("--from", dest="month_from", metavar="YYYY-MM")
    parser.add_argument("--to", dest="month_to", metavar="YYYY-MM")
    parser.add_argument(format_option, dest="format", nargs="+", default=[], choices=FORMATS)
    parser.add_argument("--topic", nargs="+", default=[], metavar="ID")
    parser.add_argument("--region", nargs="+", default=[], metavar="NAME")
    parser.add_argument("--bloc", nargs="+", default=[], metavar="ID")
    parser.add_argument("--q", default="", metavar="TEXT", help="free text in titles and summaries")


def _store(option: str | None) -> Store:
    return open_store(resolve_location(option))


def _events_root(option: str | None, writing: bool = False) -> Path:
    """The events root of the store named (`events.events_root`), as the dashboard serving it reads it.

    A database is reached and its tables found first (`stores.reached`): a mistyped URL is refused
    before anything is written, rather than importing into a cache folder named for it.
    """
    return checked_events_root(reached(_store(option)).local_folder, os.environ, writing)


def _validate(args: argparse.Namespace) -> int:
    store = _store(args.data)
    frames, problems = store.validate()
    if problems:
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem(s) in {store.location}", file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(frames[name])} {name}" for name in TABLES)
    print(f"OK: {store.location}: {counts}")
    return 0


def _copy(args: argparse.Namespace) -> int:
    source, target = _store(args.source), _store(args.target)
    rows = copy(source, target, local_editor())
    print(f"copied {rows} row(s) from {source.location} to {target.location}: revision {target.revision()}")
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


def _filters(args: argparse.Namespace) -> Filters:
    """Filters from the command line; raises ValueError naming a bad month."""
    return Filters(
        month_from=args.month_from,
        month_to=args.month_to,
        countries=tuple(code.upper() for code in args.country),
        regions=tuple(args.region),
        blocs=tuple(args.bloc),
        formats=tuple(args.format),
        topics=tuple(args.topic),
        text=args.q,
    )


def _engine_meetings(ds: object, filters: Filters) -> pd.DataFrame:
    """The view's meetings as the engine LIAISON_ENGINE names answers them (imported here: Ibis loads in a second)."""
    from liaison.engine.answers import meeting_rows
    from liaison.engine.backends import open_engine
    from liaison.engine.tables import tables_for

    engine = open_engine()
    return meeting_rows(engine, tables_for(engine, ds), filters)


def _meetings(args: argparse.Namespace) -> int:
    filters = _filters(args)
    ds = _store(args.data).load()
    chosen = _engine_meetings(ds, filters) if os.environ.get("LIAISON_ENGINE") else filter_meetings(ds, filters)
    records = [_record(row) for _, row in chosen.iterrows()]
    if args.json:
        print(json.dumps({"meetings": records}, ensure_ascii=False, indent=2))
        return 0
    for record in records:
        dates = record["start_date"] or "undated"
        place = ", ".join(str(part) for part in (record["city"], record["country"]) if part) or "—"
        print(f"{dates:<10}  {record['format']:<12}  {place:<24}  {record['title']}")
    print(f"{len(records)} meeting(s)", file=sys.stderr)
    return 0


def _export(args: argparse.Namespace) -> int:
    out = Path(args.out)
    image_format = args.image_format or out.suffix.lstrip(".").lower()
    if image_format not in IMAGE_FORMATS:
        print(f"error: --out {out}: say the format with --format ({', '.join(IMAGE_FORMATS)})", file=sys.stderr)
        return 1
    filters = _filters(args)
    ds = _store(args.data).load()
    ids = select(ds, filters)
    figure = build_figure(args.figure, ds, ids, args.lang)
    write_atomically(out, figure_file(figure, caption_for(ds, filters, ids, date.today(), args.lang), image_format))
    print(f"{out}: {args.figure} ({image_format}), {len(ids)} meeting(s)")
    return 0


def _briefing(args: argparse.Namespace) -> int:
    out = Path(args.out)
    kind = out.suffix.lstrip(".").lower()
    if kind not in BRIEFING_FORMATS:
        print(f"error: --out {out}: a briefing is a .pptx or a .pdf file", file=sys.stderr)
        return 1
    filters = _filters(args)
    ds = _store(args.data).load()
    briefing = build_briefing(ds, filters, date.today(), args.lang)
    write_atomically(out, briefing_pptx(briefing) if kind == "pptx" else briefing_pdf(briefing))
    print(f"{out}: briefing ({briefing.slides} slides), {briefing.meetings} meeting(s)")
    return 0


def _article(path: str) -> str:
    return decode_article(Path(path).read_bytes(), path)


def _extract(args: argparse.Namespace) -> int:
    codebook = codebook_of(_valid(_store(args.data)).frames)
    result = extract_article(_article(args.file), args.published, args.lang, codebook=codebook)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    print(format_scores(evaluate_folder(args.folder, codebook_of(_valid(_store(args.data)).frames))))
    return 0


def _ingest(args: argparse.Namespace) -> int:
    store = _store(args.data)
    text = _article(args.file)
    header, _ = split_header(text)
    published = args.published or header.get("published", "")
    base = _valid(store)
    geocoder = GeocodingChain.for_folder(store.local_folder, os.environ)
    proposal = propose(text, _day(published), args.lang, base.frames, geocoder)
    for problem in proposal.problems:
        print(f"{args.file}: {problem}", file=sys.stderr)
    if proposal.problems:
        print(f"{len(proposal.problems)} date(s) to correct in the text: nothing saved", file=sys.stderr)
        return 1
    if not proposal.drafts:
        print(f"{args.file}: no meeting found in this text; nothing saved", file=sys.stderr)
        return 1
    address = header.get("source", "")
    outlet = args.outlet or urlparse(address).hostname or Path(args.file).stem
    source = SourceInfo(outlet=outlet, language=proposal.language, url=address, published=published)
    drafted = review(base, proposal.drafts, source, geocoder)
    for duplicate in drafted.duplicates.values():
        print(f"already recorded as {duplicate.recorded_id}: {duplicate.title}")
    if args.allow_duplicates:
        drafted = drafted.keeping(drafted.duplicates)
    if drafted.added.empty:
        print(
            f"nothing saved: all {len(drafted.duplicates)} meeting(s) are already recorded "
            "(--allow-duplicates saves them)",
            file=sys.stderr,
        )
        return 0
    problems = drafted.problems()
    for problem in problems:
        print(problem, file=sys.stderr)
    for _, meeting in drafted.added.iterrows():
        print(f"{meeting['start_date'] or 'undated':<10}  {meeting['format']:<12}  {meeting['title']}")
    if drafted.left_out:
        print(
            f"skipping {len(drafted.left_out)} meeting(s) already recorded (--allow-duplicates saves them)",
            file=sys.stderr,
        )
    if problems:
        print(f"{len(problems)} problem(s): nothing saved; fix the draft or add the meetings by hand", file=sys.stderr)
        return 1
    if not args.yes and not (
        sys.stdin.isatty() and input(f"Save {len(drafted.added)} meeting(s)? [y/N] ").lower() == "y"
    ):
        print("nothing saved (pass --yes to save without asking)", file=sys.stderr)
        return 0
    summary = f"ingest {Path(args.file).name}: {len(drafted.added)} meeting(s)"
    saved, done = save_retrying(
        store, proposal.drafts, source, geocoder, text, summary, local_editor(), args.allow_duplicates
    )
    print(f"saved {len(saved.added)} meeting(s) from {outlet}: revision {done.revision}")
    return 0


def _valid(store: Store) -> Snapshot:
    """The store read once; a dataset that is not valid is refused before anything is drafted."""
    base = store.snapshot()
    if base.problems:
        raise DatasetError(base.problems)
    return base


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _gdelt(args: argparse.Namespace) -> int:
    codes = parse_codes(args.codes)
    folder = _events_root(args.data, writing=True)
    totals: dict[str, int] = {}
    read = kept = stored = 0
    failed = []
    for done in import_exports([Path(file) for file in args.files], folder, codes):
        if done.error:
            failed.append(done.file)
            print(f"error: {done.error}", file=sys.stderr)
            continue
        read, kept, stored = read + done.rows, kept + done.kept, done.stored
        for reason, count in done.dropped.items():
            totals[reason] = totals.get(reason, 0) + count
        print(f"{done.file}: {done.rows} rows, {done.kept} kept ({done.seconds:.2f} s)", flush=True)
    imported = len(args.files) - len(failed)
    print(f"{imported} file(s): {read} rows read, {kept} kept, {read - kept} dropped")
    for reason, count in totals.items():
        if count:
            print(f"  dropped, {reason}: {count}")
    if imported and (stamp := layer_stamp(folder)):
        # Clustered now rather than by the first page that shows the feed (seconds at ten million events).
        built = built_candidates(folder, stamp_digest(stamp))
        print(f"candidate meetings: {len(built.candidates)}, kept for the dashboard")
    if imported:
        print(f"events stored: {stored} in {layer_dir(folder)}")
    if failed:
        print(f"{len(failed)} file(s) not imported (not GDELT 2.0 event exports)", file=sys.stderr)
        return 1
    return 0


def _candidate_record(row: pd.Series, articles: list[str]) -> dict[str, object]:
    def text(value: object) -> object:
        return None if pd.isna(value) else value

    def number(value: float) -> float | None:
        return None if pd.isna(value) else round(float(value), 4)

    return {
        "id": row["candidate_id"],
        "start_date": _iso(row["start_date"]),
        "end_date": _iso(row["end_date"]),
        "states": [row["state_a"], row["state_b"]],
        "host": text(row["host"]),
        "host_rows": int(row["host_rows"]),
        "role_rows": int(row["role_rows"]),
        "event_code": row["event_code"],
        "place": text(row["place"]),
        "place_country": text(row["place_iso3"]),
        "precision": row["precision"],
        "latitude": number(row["latitude"]),
        "longitude": number(row["longitude"]),
        "rows": int(row["rows"]),
        "sources": int(row["sources"]),
        "urls": int(row["urls"]),
        "mentions": int(row["mentions"]),
        "official_rows": int(row["official_rows"]),
        "articles": articles,
        "machine_coded": True,
    }


def _candidates(args: argparse.Namespace) -> int:
    filters = _filters(args)
    codes = parse_codes(args.codes)
    folder = _events_root(args.data)
    if filters.regions or filters.blocs:
        ds = _store(args.data).load()
        regions, memberships = ds.regions, ds.memberships
    else:
        regions = pd.DataFrame({"iso3": [], "region": [], "subregion": []})
        memberships = pd.DataFrame({"org_id": [], "iso3": [], "status": []})
    if not part_files(layer_dir(folder)):
        print(f"no GDELT events in {folder}: import exports with `python -m liaison gdelt FILE...`", file=sys.stderr)
    stamp = layer_stamp(folder)
    if stamp and set(codes) == set(MEETING_CODES):
        # The dashboard's own candidates, read from the layer's cache (built once, in a child past a million events).
        built = built_candidates(folder, stamp_digest(stamp))
        chosen = select_candidates(built.candidates, filters, regions, memberships)
        articles_of = built.articles_of
    else:
        clustered = cluster_events(read_events(folder, INPUT_COLUMNS), codes)
        chosen = select_candidates(build_candidates(clustered), filters, regions, memberships)
        articles_of = partial(candidate_articles, clustered)
    if args.json:
        articles = articles_of(chosen).groupby("candidate_id", sort=False)["source_url"].agg(list)
        records = [_candidate_record(row, articles.get(row["candidate_id"], [])) for _, row in chosen.iterrows()]
        print(json.dumps({"candidates": records}, ensure_ascii=False, indent=2))
        return 0
    for _, row in chosen.iterrows():
        host = f"host {row['host']}" if pd.notna(row["host"]) else "host ?"
        place = row["place"] if pd.notna(row["place"]) else "no place"
        print(
            f"{_iso(row['start_date'])}  {row['state_a']}-{row['state_b']}  {host:<8}  {row['precision']:<7}  "
            f"{row['rows']} rows, {row['sources']} source(s), {row['urls']} URL(s)  {place}"
        )
    print(f"{len(chosen)} candidate meeting(s), machine-coded and unverified", file=sys.stderr)
    return 0


COMMANDS = {
    "validate": _validate,
    "copy": _copy,
    "meetings": _meetings,
    "export": _export,
    "briefing": _briefing,
    "extract": _extract,
    "evaluate": _evaluate,
    "ingest": _ingest,
    "gdelt": _gdelt,
    "candidates": _candidates,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except (ExportError, ArticleError, StaleRevisionError, FolderBusyError, AccessError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except DatasetError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print("the data folder is not valid: run `python -m liaison validate` for details", file=sys.stderr)
        return 1
    except (DBAPIError, psycopg.Error) as error:
        # A database reached and holding the tables that still says no (a role without the privilege).
        print(f"error: {_database_of(args)} refused: {_first_line(error)}", file=sys.stderr)
        return 1


def _database_of(args: argparse.Namespace) -> str:
    """The database a command's `--data` names, as it may be shown (no password); `copy` names two."""
    if "data" not in args:
        return "the database"
    return _store(args.data).location


def _first_line(error: Exception) -> str:
    """The database's own reason, without the SQL and parameters SQLAlchemy appends."""
    lines = str(getattr(error, "orig", None) or error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


if __name__ == "__main__":
    sys.exit(main())
