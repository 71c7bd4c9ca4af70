"""From an article to draft rows of the dataset: decoding, drafting, and the rows to review.

The extractor proposes meetings in the labels' shape; this module turns each proposal into
rows of the dataset's tables (meeting, venue, participants, topics, source, evidence) that a
person reviews before `liaison.dataset.changes.save` writes them. Bad input is refused with a
reason, before anything is drafted.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Protocol

import pandas as pd

from liaison.dataset.schema import TABLES
from liaison.extract.draft import DraftMeeting
from liaison.intake.geocode import Place
from liaison.words.i18n import t
from liaison.words.places import country_name

MAX_ARTICLE_BYTES = 20 * 1024 * 1024
# Embeddings, overrides and isolates reorder what a reader sees ("Invoice \u202egpj.exe"); marks do not.
DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Origin:
    """How the drafts came about, as the saved rows say it: the meetings' summaries and the evidence's note.

    `{outlet}` and `{published}` (" (date)" or "") name the main source in the summaries.
    """

    summary_en: str
    summary_fr: str
    evidence_note: str


EXTRACTED = Origin(
    "Drafted from {outlet}{published} by the article extractor; to be checked against the article.",
    "Ébauche tirée de {outlet}{published} par l'extracteur d'articles ; à vérifier sur l'article.",
    "Proposed by the article extractor from the whole text.",
)


class ArticleError(ValueError):
    """The file cannot be read as an article; the message says why, in English or in the reader's language."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(t(key, "en", **values))
        self.key = key
        self.values = values

    def said_in(self, lang: str) -> str:
        return t(self.key, lang, **self.values)


@dataclass(frozen=True)
class SourceInfo:
    """Where an article comes from, as the reviewer states it."""

    outlet: str
    language: str
    url: str = ""
    published: str = ""
    title: str = ""


class Geocoder(Protocol):
    """What drafting needs from the geocoding chain (liaison.intake.geocode)."""

    def locate(self, city: str, country_iso3: str | None = None) -> Place | None: ...

    def country_place(self, country_iso3: str) -> Place | None: ...


def decode_article(raw: bytes, name: str = "article") -> str:
    """Article text from uploaded bytes: UTF-8, else Windows-1252 (or Latin-1); HTML reduced to its text."""
    if len(raw) > MAX_ARTICLE_BYTES:
        raise ArticleError("article.too_large", name=name, size=f"{len(raw) / 1e6:.1f}")
    if not raw.strip():
        raise ArticleError("article.empty", name=name)
    sample = raw[:4096]
    if b"\x00" in sample or sum(byte < 9 or 13 < byte < 32 for byte in sample) > len(sample) * 0.05:
        raise ArticleError("article.binary", name=name)
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if re.search(r"<(html|body|p|div|article)\b", text[:5000], re.IGNORECASE):
        text = _html_text(text)
    text = unicodedata.normalize("NFC", text).strip()
    if not text:
        raise ArticleError("article.no_text", name=name)
    if turned := DIRECTION_CONTROLS.search(text):
        character = turned.group()
        raise ArticleError(
            "article.direction",
            name=name,
            code=f"U+{ord(character):04X}",
            character=unicodedata.name(character),
            position=turned.start() + 1,
        )
    return text


class _TextOnly(HTMLParser):
    SKIP = frozenset({"script", "style", "nav", "header", "footer", "noscript"})
    BLOCK = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "article", "section", "tr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def _html_text(markup: str) -> str:
    parser = _TextOnly()
    parser.feed(markup)
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n\n".join(line for line in lines if line)


def slug(text: str, limit: int = 40) -> str:
    """Lower-case ASCII words joined by hyphens, as ids are written."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    result = "-".join(words)[:limit].strip("-")
    return result or "item"


def _unique(candidate: str, taken: set[str]) -> str:
    result, number = candidate, 2
    while result in taken:
        result, number = f"{candidate}-{number}", number + 1
    taken.add(result)
    return result


def _topic_ids(terms: Sequence[str], taxonomy: pd.DataFrame) -> list[str]:
    """Taxonomy ids for the extractor's topics: ids as they are, labels and keywords in either language."""
    lookup: dict[str, str] = {}
    for row in taxonomy.itertuples():
        lookup[row.topic_id] = row.topic_id
        for word in [row.label_en, row.label_fr, *str(row.keywords_en).split(";"), *str(row.keywords_fr).split(";")]:
            lookup.setdefault(str(word).strip().casefold(), row.topic_id)
    found = [lookup.get(str(term).strip().casefold()) for term in terms]
    return list(dict.fromkeys(topic for topic in found if topic))


def _organizer_id(name: str | None, organizations: pd.DataFrame) -> str | None:
    if not name:
        return None
    wanted = name.strip().casefold()
    for row in organizations.itertuples():
        names = {row.org_id, row.name, row.name_fr, row.acronym, row.acronym_fr}
        if wanted in {str(value).strip().casefold() for value in names if value}:
            return row.org_id
    return None


def with_titles(drafts: Sequence[DraftMeeting], language: str, geocoder: Geocoder | None) -> list[DraftMeeting]:
    """The drafts with an English and a French title wherever the extractor's parts make one.

    The extractor writes titles in the article's language. A bilateral's title is built again
    from what it knows in both languages (the two states, the city): "Morocco–Qatar talks
    (Vienna)", "Entretiens Maroc–Qatar (Vienne)". Other titles (a conference's own name) cannot
    be translated from parts: they are kept as written, in both fields, for the reviewer.
    """
    titled = []
    for draft in drafts:
        english, french = draft.get("title_en"), draft.get("title_fr")
        states = list(dict.fromkeys(draft.get("participant_states_iso3") or []))
        if draft.get("format") == "bilateral" and len(states) == 2 and not (english and french):
            city = draft.get("city") or ""
            place = geocoder.locate(city, draft.get("country_iso3")) if geocoder is not None and city else None
            city_en = place.city if place and place.city else city
            city_fr = city if language == "fr" or not place else place.city
            english = english or _bilateral_title(states, city_en, "en")
            french = french or _bilateral_title(states, city_fr, "fr")
        titled.append(
            DraftMeeting(
                **{**draft, "title_en": english or draft.get("title"), "title_fr": french or draft.get("title")}
            )
        )
    return titled


def _bilateral_title(states: Sequence[str], city: str, lang: str) -> str:
    place = t("ingest.title.place", lang, city=city) if city else ""
    first, second = (country_name(iso3, lang) for iso3 in states)
    return t("ingest.title.bilateral", lang, first=first, second=second, place=place)


def untranslated_title(draft: Mapping, language: str) -> bool:
    """Whether the English or the French title is still the article's wording in the other language."""
    original = draft.get("title")
    if not original:
        return False
    return (language != "en" and draft.get("title_en") == original) or (
        language != "fr" and draft.get("title_fr") == original
    )


def draft_rows(
    frames: Mapping[str, pd.DataFrame],
    drafts: Sequence[DraftMeeting],
    source: SourceInfo,
    geocoder: Geocoder | None,
    also: Sequence[SourceInfo] = (),
    origin: Origin = EXTRACTED,
) -> dict[str, pd.DataFrame]:
    """The tables after adding the drafted meetings and their sources, as text frames ready for `changes.save`.

    `frames` are the folder's tables as text (store.validate_folder); `parent` in a draft is
    the index of another draft, as in the extractor's output. Every draft cites `source` and
    each of `also` (further articles that report the same meetings).
    """
    meetings, venues = frames["meetings"], frames["venues"]
    taken = set(meetings["meeting_id"])
    venue_ids = set(venues["venue_id"])
    recorded_sources = set(frames["sources"]["source_id"])
    source_ids = [_unique(slug(f"{cited.outlet} {cited.published}"), recorded_sources) for cited in (source, *also)]
    published = f" ({source.published})" if source.published else ""
    new = {name: [] for name in ("meetings", "venues", "participants", "topics", "evidence")}
    ids: list[str] = []
    for draft in drafts:
        start = draft.get("start_date") or ""
        place = draft.get("city") or draft.get("country_iso3") or "somewhere"
        meeting_id = _unique(
            slug(f"{start[:7] or 'undated'} {place} {draft.get('title_en') or draft.get('title') or 'meeting'}", 60),
            taken,
        )
        ids.append(meeting_id)
        venue_id = _venue(draft, venues, venue_ids, new["venues"], geocoder)
        original = str(draft.get("title") or "")
        title = str(draft.get("title_en") or original or draft.get("title_fr") or "Untitled meeting")
        new["meetings"].append(
            {
                "meeting_id": meeting_id,
                "title": title,
                "title_fr": str(draft.get("title_fr") or original or title),
                "title_original": original,
                "series": slug(draft["series"]) if draft.get("series") else "",
                "edition": str(draft.get("edition") or ""),
                "format": draft.get("format") or "multilateral",
                "start_date": start,
                "end_date": draft.get("end_date") or start,
                "date_precision": draft.get("date_precision") or ("unknown" if not start else "day"),
                "venue_id": venue_id,
                "organizer": _organizer_id(draft.get("organizer"), frames["organizations"]) or "",
                "summary": origin.summary_en.format(outlet=source.outlet, published=published),
                "summary_fr": origin.summary_fr.format(outlet=source.outlet, published=published),
            }
        )
        states = list(dict.fromkeys(draft.get("participant_states_iso3") or []))
        for position, iso3 in enumerate(states):
            role = "counterpart" if draft.get("format") == "bilateral" and position == 1 else "participant"
            new["participants"].append({"meeting_id": meeting_id, "actor": iso3, "role": role})
        for topic in _topic_ids(draft.get("topics") or [], frames["taxonomy"]):
            new["topics"].append({"meeting_id": meeting_id, "topic_id": topic})
        new["evidence"].extend(
            {
                "meeting_id": meeting_id,
                "source_id": source_id,
                "field": "meeting",
                "locator": "article",
                "note": origin.evidence_note,
            }
            for source_id in source_ids
        )
    for draft, meeting in zip(drafts, new["meetings"], strict=True):
        parent = draft.get("parent")
        if isinstance(parent, int) and 0 <= parent < len(ids) and ids[parent] != meeting["meeting_id"]:
            meeting["parent_meeting_id"] = ids[parent]
    source_rows = [
        {
            "source_id": source_id,
            "outlet": cited.outlet,
            "title": cited.title,
            "published": cited.published,
            "language": cited.language,
            "url": cited.url,
        }
        for source_id, cited in zip(source_ids, (source, *also), strict=True)
    ]
    result = {name: _appended(frames[name], name, rows) for name, rows in new.items()}
    result["sources"] = _appended(frames["sources"], "sources", source_rows)
    return result


def without_drafts(
    frames: Mapping[str, pd.DataFrame], tables: Mapping[str, pd.DataFrame], skipped: Mapping[str, str]
) -> dict[str, pd.DataFrame]:
    """The drafted `tables` minus the drafts in `skipped` (draft id -> the recorded meeting it repeats).

    A kept draft held on the margins of a skipped one is linked to the recorded meeting instead;
    venues only the skipped drafts used are dropped, and the source too when no draft is left.
    """
    result = dict(tables)
    meetings = tables["meetings"]
    kept = meetings[~meetings["meeting_id"].isin(skipped)]
    result["meetings"] = kept.assign(parent_meeting_id=kept["parent_meeting_id"].replace(dict(skipped)))
    for name in ("participants", "topics", "evidence"):
        result[name] = tables[name][~tables[name]["meeting_id"].isin(skipped)].reset_index(drop=True)
    result["meetings"] = result["meetings"].reset_index(drop=True)
    recorded_venues = set(frames["venues"]["venue_id"])
    used = set(result["meetings"]["venue_id"])
    venues = tables["venues"]
    result["venues"] = venues[venues["venue_id"].isin(recorded_venues | used)].reset_index(drop=True)
    if len(result["meetings"]) == len(frames["meetings"]):
        result["sources"] = frames["sources"][TABLES["sources"].header].reset_index(drop=True)
    return result


def _venue(draft: Mapping, venues: pd.DataFrame, venue_ids: set[str], added: list[dict], geocoder) -> str:
    """The venue of a draft: an existing one for the same city (or country), else a new geocoded one."""
    city, country = draft.get("city"), draft.get("country_iso3")
    if not (city or country):
        return ""
    place = None
    if geocoder is not None:
        place = geocoder.locate(city, country) if city else geocoder.country_place(country)
    known = pd.concat([venues, pd.DataFrame(added, columns=TABLES["venues"].header)], ignore_index=True)
    names = {str(city).casefold()} | ({place.city.casefold()} if place and place.city else set())
    if city:
        same = known[known["city"].str.casefold().isin(names) & (known["precision"] == "city")]
        same = (
            same[same["country_iso3"] == (country or (place.country_iso3 if place else ""))]
            if country or place
            else same
        )
    else:
        same = known[(known["country_iso3"] == country) & (known["precision"] == "country")]
    if len(same):
        return same.iloc[0]["venue_id"]
    if place is None:
        return ""
    venue_id = _unique(slug(place.city or city) if city else f"country-{country.lower()}", venue_ids)
    name_fr = country_name(place.country_iso3, "fr") if place.precision == "country" else place.name
    added.append(
        {
            "venue_id": venue_id,
            "name": place.name,
            "name_fr": name_fr,
            "city": place.city or "",
            "country_iso3": place.country_iso3,
            "latitude": f"{place.latitude:.5f}",
            "longitude": f"{place.longitude:.5f}",
            "precision": place.precision,
            "geocoded_by": place.geocoded_by,
        }
    )
    return venue_id


def _appended(frame: pd.DataFrame, name: str, rows: list[dict]) -> pd.DataFrame:
    header = TABLES[name].header
    extra = pd.DataFrame(rows, columns=header, dtype=object).fillna("").astype(str)
    return pd.concat([frame[header], extra], ignore_index=True)
