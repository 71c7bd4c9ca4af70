"""Dates in news text, with how much of each date the text really gives.

dateparser reads a single date well but fills any part the text leaves out from today's
date, and it does not read the day lists and ranges of press releases ("les 6 et 7 mai
derniers", "du 26 au 28 juin", "Thursday 17 and Friday 18 November 2022"). So this module
finds the date expressions itself, with dateparser's own month, weekday and relative-word
vocabulary for each language, keeps what the text states (day, month, year) and completes
the rest only from the article's own date, a year stated in the same sentence, or a
weekday that fixes the year. Nothing else supplies a year: a date that cannot be placed
stays partial.
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import dateparser
from dateparser.languages.loader import default_loader

from liaison.words.folding import fold
from liaison.words.i18n import t

MONTH_KEYS_WORDS = "january february march april may june july august september october november december"
MONTH_KEYS = tuple(MONTH_KEYS_WORDS.split())
WEEKDAY_KEYS_WORDS = "monday tuesday wednesday thursday friday saturday sunday"
WEEKDAY_KEYS = tuple(WEEKDAY_KEYS_WORDS.split())
ENGLISH_ONLY_LOWER = frozenset({"may", "march", "mar", "jan", "jun", "jul", "aug", "sept", "sep", "oct", "nov", "dec"})
FRENCH_LOWER_ABBREVIATIONS = frozenset({"sept", "oct", "nov", "dec"})


@dataclass(frozen=True)
class When:
    """A date range as far as the text fixes it: padded dates plus the precision that is real."""

    start: date
    end: date
    precision: str  # day | month | year


@dataclass(frozen=True)
class DateMention:
    """One date expression: where it is, what it states, and what it resolves to (None if it cannot be placed)."""

    start: int
    end: int
    kind: str  # day | month | year | weekday | relative
    when: When | None
    month: int | None = None
    days: tuple[int, int] | None = None
    marks: frozenset[str] = field(default_factory=frozenset)


@lru_cache(maxsize=1)
def vocabulary() -> tuple[dict[str, int], dict[str, int], dict[str, tuple[str, int]], dict[str, int]]:
    """Month and weekday words (folded) of English and French, relative phrases, and the full month names."""
    months: dict[str, int] = {}
    full_months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    relative: dict[str, tuple[str, int]] = {}
    for code in ("en", "fr"):
        info = default_loader.get_locale(code).info
        for number, key in enumerate(MONTH_KEYS, start=1):
            for word in info[key]:
                if len(word) >= 3:
                    months[fold(word)] = number
            full_months[fold(max(info[key], key=len))] = number
        for number, key in enumerate(WEEKDAY_KEYS):
            for word in info[key]:
                if len(word) >= 5:
                    weekdays[fold(word)] = number
        for meaning, phrases in info.get("relative-type", {}).items():
            parsed = re.fullmatch(r"(in )?(\d+) (day|week|month|year)( ago)?", meaning)
            if not parsed or (parsed.group(2) == "0" and parsed.group(3) == "year"):
                continue
            amount = int(parsed.group(2)) * (1 if parsed.group(1) else -1)
            for phrase in phrases:
                if len(phrase) > 3:
                    relative[fold(phrase)] = (parsed.group(3), amount)
    return months, weekdays, relative, full_months


def _alternation(words) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    months, weekdays, relative, full_months = vocabulary()
    m = rf"(?:{_alternation(months)})\.?"
    w = rf"(?:{_alternation(weekdays)})"
    d = r"\d{1,2}(?:er|re|st|nd|rd|th|eme|e)?"
    y = r"(?:19|20)\d{2}"
    sep = r"\s*(?:-|–|au|to|until|till)\s*"
    return [
        (
            "range",
            re.compile(
                rf"\b(?:du|from|between)\s+(?:{w},?\s+)?(?:le\s+)?(?:(?P<m1>{m})\s+(?P<d1>{d})|(?P<d1b>{d})(?:\s+(?P<m1b>{m}))?)"
                rf"(?:,?\s+(?P<y1>{y}))?\s+(?:au|to|until|till|through|thru|and|et|-|–)\s+(?:{w},?\s+)?(?:le\s+)?"
                rf"(?:(?P<m2>{m})\s+(?P<d2>{d})|(?P<d2b>{d})\s+(?P<m2b>{m}))(?:,?\s+(?P<y2>{y}))?"
            ),
        ),
        (
            "range",
            re.compile(rf"\b(?P<d1>{d}){sep}(?P<d2>{d})\s+(?P<m2>{m})(?:,?\s+(?P<y2>{y}))?"),
        ),
        (
            "range",
            re.compile(rf"\b(?P<m2>{m})\s+(?P<d1>{d}){sep}(?P<d2>{d})(?!\d)(?:,?\s+(?P<y2>{y}))?"),
        ),
        (
            "range",
            re.compile(
                rf"\b(?:les?\s+)?(?:{w}\s+)?(?P<d1>{d})(?:\s*,\s*(?:{w}\s+)?{d})*\s+(?:et|and|&)\s+(?:{w}\s+)?"
                rf"(?P<d2>{d})\s+(?P<m2>{m})(?:,?\s+(?P<y2>{y}))?"
            ),
        ),
        ("range", re.compile(rf"\b(?P<m2>{m})\s+(?P<d1>{d})\s+(?:and|&)\s+(?P<d2>{d})(?!\d)(?:,?\s+(?P<y2>{y}))?")),
        (
            "numeric",
            re.compile(
                r"(?<![\d/.])(?P<a>\d{1,2})\s*[./]\s*(?P<b>\d{1,2})\s*[./]\s*(?P<y2>(?:19|20)\d{2})(?![\d/]|\.\d)"
            ),
        ),
        (
            "current",
            re.compile(
                rf"\b(?:le\s+)?(?P<d2>{d})\s+(?:courant|de ce mois|du mois en cours|du mois(?! d)|instant|inst\b\.?)"
            ),
        ),
        ("iso", re.compile(r"(?<![\d-])(?P<y2>(?:19|20)\d{2})-(?P<m2>\d{2})-(?P<d2>\d{2})(?![\d-])")),
        ("day", re.compile(rf"\b(?:(?P<w>{w}),?\s+)?(?:the\s+)?(?P<d2>{d})\s+of\s+(?P<m2>{m})(?:,?\s+(?P<y2>{y}))?")),
        ("day", re.compile(rf"\b(?:(?P<w>{w}),?\s+)?(?:le\s+)?(?P<d2>{d})\s+(?P<m2>{m})(?:,?\s+(?P<y2>{y}))?")),
        ("day", re.compile(rf"\b(?:(?P<w>{w}),?\s+)?(?P<m2>{m})\s+(?P<d2>{d})(?![\d:])(?:,?\s+(?P<y2>{y}))?")),
        (
            "month",
            re.compile(
                rf"\b(?:(?P<mod>debut|mi-|fin|early|mid-|late|end of|courant)\s*)?(?:(?:en|in|au mois de|d['e])\s+)?"
                rf"(?P<m2>{m})\s+(?P<y2>{y})\b"
            ),
        ),
        (
            "month",
            re.compile(
                rf"\b(?P<mod>fin|debut|mi-|en|in|early|late|mid-|au mois de|courant|end of)\s*"
                rf"(?P<m2>{_alternation(full_months)})\b(?!\s*\d)"
            ),
        ),
        (
            "weekdays",
            re.compile(
                rf"\b(?:(?:from|de|du|between|entre)\s+)?(?P<w1>{w})\s+(?:and|et|to|a|au|until|till|through|-|–)\s+"
                rf"(?:le\s+)?(?P<w>{w})\b(?!\s*,?\s*\d)(?:\s+(?P<post>dernier|derniers|prochain|prochains))?"
            ),
        ),
        (
            "weekday",
            re.compile(
                rf"\b(?:(?P<pre>last|next|this|since|depuis|on|ce|cet)\s+)?(?P<w>{w})\b(?:\s+(?P<post>dernier|prochain))?"
            ),
        ),
        ("relative", re.compile(rf"(?<![\w-])(?P<rel>{_alternation(relative)})(?![\w-])")),
        ("year", re.compile(r"(?<![\d/.,-])(?P<y2>(?:19|20)\d{2})(?![\d/]|-\d)")),
    ]


HISTORICAL = re.compile(
    r"(?:depuis|since|fonde|fondee|cree|creee|created|founded|established|etablie?|signature|anniversaire|anniversary"
    r"|resolution|resolutions|\d\s*\(|jusqu'en|until|avant|before|after|apres)\W*(?:en|in|le|the|de)?\W*$"
)


def find_dates(
    text: str,
    lang: str,
    reference: When | None,
    article_years: tuple[int, ...] = (),
    skip: tuple[tuple[int, int], ...] = (),
) -> list[DateMention]:
    """Every date expression in a sentence, resolved against the article's date where the text leaves parts out.

    `article_years` are the years the whole article states, used only to pin a weekday's year;
    `skip` lists character spans already known to be datelines.
    """
    folded = fold(text)
    taken = bytearray(len(folded) + 1)
    for start, end in skip:
        taken[start:end] = b"\x01" * (end - start)
    raw: list[tuple[str, re.Match[str]]] = []
    for kind, pattern in _patterns():
        for match in pattern.finditer(folded):
            start, end = match.span()
            if taken.find(1, start, max(end, start + 1)) != -1:
                continue
            if not _case_ok(match, text, lang):
                continue
            taken[start:end] = b"\x01" * (end - start)
            raw.append((kind, match))
    years = sorted(
        (match.start(), int(match.group("y2")))
        for kind, match in raw
        if "y2" in match.groupdict()
        and match.group("y2")
        and not HISTORICAL.search(folded[max(0, match.start() - 40) : match.start()])
    )
    tense = sentence_tense(folded)
    context = (reference, years, article_years, tense)
    mentions = [_mention(kind, match, folded, lang, context) for kind, match in raw]
    return sorted((mention for mention in mentions if mention is not None), key=lambda mention: mention.start)


def _case_ok(match: re.Match[str], text: str, lang: str = "en") -> bool:
    """English month words that are also ordinary words ("may", "march") count only with a capital.

    French writes its months in lower case, abbreviated too ("le 6 déc.", "3 oct."): there only the
    English words that are not French months need the capital.
    """
    strict = ENGLISH_ONLY_LOWER if lang == "en" else ENGLISH_ONLY_LOWER - FRENCH_LOWER_ABBREVIATIONS
    for name in ("m1", "m1b", "m2", "m2b"):
        if name in match.groupdict() and match.group(name):
            word = match.group(name).rstrip(".")
            if word in strict and not text[match.start(name)].isupper():
                return False
    return True


def _number(value: str | None) -> int | None:
    return int(re.match(r"\d+", value).group()) if value else None


def _mention(kind, match, folded, lang, context) -> DateMention | None:
    """One matched expression turned into what it states, completed only from the article's own date."""
    reference, sentence_years, article_years, tense = context
    years = _nearest_year(sentence_years, match.start())
    months, weekdays, relative, _ = vocabulary()
    groups = {key: value for key, value in match.groupdict().items() if value}
    before = folded[max(0, match.start() - 40) : match.start()]
    after = folded[match.end() : match.end() + 20]
    marks = set(_marks(before, after))
    if tense and not marks & {"past", "future"} and kind == "month":
        marks.add(tense)
    if kind == "year":
        if HISTORICAL.search(before) or (re.match(r"\s*\)", after) and re.search(r"\d\s*\($", before)):
            marks.add("historical")
        year = int(groups["y2"])
        return DateMention(
            *match.span(), "year", When(date(year, 1, 1), date(year, 1, 1), "year"), marks=frozenset(marks)
        )
    if kind == "weekdays":
        if groups.get("post", "").startswith("dernier"):
            marks.add("past")
        if groups.get("post", "").startswith("prochain"):
            marks.add("future")
        first, last = weekdays[groups["w1"]], weekdays[groups["w"]]
        end = _weekday(last, reference, marks)
        if end is not None and end.precision == "day":
            end = When(end.start - timedelta(days=(last - first) % 7), end.end, "day")
        return DateMention(*match.span(), "weekday", end, marks=frozenset(marks))
    if kind == "weekday":
        if groups.get("pre") in {"last"} or groups.get("post") == "dernier":
            marks.add("past")
        if groups.get("pre") in {"next"} or groups.get("post") == "prochain":
            marks.add("future")
        if groups.get("pre") in {"since", "depuis"}:
            marks.add("start")
        when = _weekday(weekdays[groups["w"]], reference, marks)
        return DateMention(*match.span(), "weekday", when, marks=frozenset(marks))
    if kind == "relative":
        unit, amount = relative[groups["rel"]]
        return DateMention(*match.span(), "relative", _relative(unit, amount, reference), marks=frozenset(marks))
    if kind == "numeric":
        compact = re.sub(r"\s+", "", match.group())
        settings = {"STRICT_PARSING": True, "DATE_ORDER": "DMY"}
        parsed = dateparser.parse(compact, languages=[lang], settings=settings) or dateparser.parse(
            compact, languages=[lang], settings={"STRICT_PARSING": True, "DATE_ORDER": "MDY"}
        )
        if parsed is None:
            return None
        day = parsed.date()
        return DateMention(*match.span(), "day", When(day, day, "day"), day.month, (day.day, day.day), frozenset(marks))
    if kind == "current":
        return _this_month(match, _number(groups["d2"]), reference, marks)
    if kind == "iso":
        try:
            day = date(int(groups["y2"]), int(groups["m2"]), int(groups["d2"]))
        except ValueError:
            return None
        return DateMention(*match.span(), "day", When(day, day, "day"), day.month, (day.day, day.day), frozenset(marks))
    month = months[groups["m2"].rstrip(".")] if groups.get("m2") else months[groups["m2b"].rstrip(".")]
    if kind == "month":
        mod = groups.get("mod", "")
        year = _number(groups.get("y2")) or _year_for(month, 15, reference, marks, years)
        if year is None:
            return DateMention(*match.span(), "month", None, month, None, frozenset(marks))
        start = date(year, month, 1)
        marks |= {mod} if mod else set()
        return DateMention(*match.span(), "month", When(start, start, "month"), month, None, frozenset(marks))
    last = _number(groups.get("d2") or groups.get("d2b"))
    first = _number(groups.get("d1") or groups.get("d1b")) or last
    first_month = (
        months[(groups.get("m1") or groups.get("m1b") or "").rstrip(".")]
        if (groups.get("m1") or groups.get("m1b"))
        else month
    )
    if not (_possible(first_month, first) and _possible(month, last)):
        return None
    year = _number(groups.get("y2"))
    weekday = weekdays.get(groups.get("w", ""))
    if year is None:
        year = _year_for(month, last, reference, marks, years)
    if year is None and weekday is not None:
        year = year_from_weekday(month, last, weekday, list(article_years))
    if year is None:
        return DateMention(*match.span(), "day", None, month, (first, last), frozenset(marks))
    first_year = _number(groups.get("y1")) or (year if (first_month, first) <= (month, last) else year - 1)
    try:
        start, end = date(first_year, first_month, first), date(year, month, last)
    except ValueError:
        return None
    return DateMention(*match.span(), "day", When(start, end, "day"), month, (first, last), frozenset(marks))


def _this_month(match: re.Match[str], day: int, reference: When | None, marks: set[str]) -> DateMention | None:
    """ "Le 3 courant", "the 3rd instant": a day of the article's own month, unknown without that month."""
    if reference is None or reference.precision == "year":
        return None
    try:
        stated = reference.start.replace(day=day)
    except ValueError:
        return None
    return DateMention(*match.span(), "day", When(stated, stated, "day"), stated.month, (day, day), frozenset(marks))


def _possible(month: int, day: int) -> bool:
    """Whether this day exists in this month in some year: "29 février" may, "31 février" never does (issue 12)."""
    return 1 <= day <= calendar.monthrange(2000, month)[1]


def _nearest_year(years: list[tuple[int, int]], position: int) -> list[int]:
    """The year stated nearest a position, as a one-item list (none if the text states none)."""
    if not years:
        return []
    starts = [start for start, _ in years]
    index = bisect.bisect_left(starts, position)
    near = [years[i] for i in (index - 1, index) if 0 <= i < len(years)]
    return [min(near, key=lambda item: abs(item[0] - position))[1]]


def _marks(before: str, after: str) -> list[str]:
    """Words around a date that say how to read it: past ("derniers"), announced ("next"), a first day ("since"),
    a statement's date ("said on Monday") or an arrival's ("arrived on Sunday")."""
    marks = []
    if re.match(r"\s*(?:derniers?|dernieres?|last)\b", after) or re.search(r"\blast\s*$", before):
        marks.append("past")
    if re.match(r"\s*(?:prochains?|prochaines?)\b", after) or re.search(r"\b(?:next|upcoming)\s*$", before):
        marks.append("future")
    if re.search(r"\b(?:since|depuis|from|a partir d[ue]|starting)\s+(?:le\s+|on\s+)?$", before):
        marks.append("start")
    clause = re.split(r"[,;:()]", before)[-1]
    if re.search(
        r"\b(?:said|says|told|according to|selon|a declare|a indique|a annonce|announced|stated|reported)\b", clause
    ):
        marks.append("reporting")
    if re.search(r"\barriv", clause):
        marks.append("arrival")
    return marks


# Words that say a sentence tells what happened, or what is to come: a month named without its year or day is then
# the last such month before the article's date, or the next one after it ("had met in February", "will meet in
# March"). A day-month stays the nearest: it is told within weeks of the article.
PAST_TENSE = re.compile(
    r"\b(?:had|was|were|did|took place|was held|were held|held|met|visited|attended|signed|opened|began|a eu lieu"
    r"|s'est tenue?|s'est ouverte?"
    r"|se sont tenus|s'etait|avait|avaient|a ete|ont ete|s'est deroulee?|se sont reunis|a participe|ont participe)\b"
)
FUTURE_TENSE = re.compile(
    r"\b(?:will|shall|to be held|is to|are to|next|upcoming|se tiendra|aura lieu|auront lieu|doit se tenir|devrait"
    r"|prochaine?s?|prevue?s? (?:le|du|en|pour)|scheduled|plans? to|a venir|sera|seront|accueillera)\b"
)


def sentence_tense(folded: str) -> str | None:
    """ "past" or "future" when the sentence's verbs say only one of them, else None."""
    past, future = bool(PAST_TENSE.search(folded)), bool(FUTURE_TENSE.search(folded))
    if past == future:
        return None
    return "past" if past else "future"


def _year_for(month, day, reference, marks, years) -> int | None:
    """The year of a day or month the text gives without one: from the sentence, else the article's date."""
    if years:
        return years[0]
    if reference is not None:
        base = reference.start if reference.precision == "day" else reference.start.replace(day=15)
        candidates = []
        for year in (base.year - 1, base.year, base.year + 1):
            try:
                candidates.append(date(year, month, min(day, 28) if reference.precision == "year" else day))
            except ValueError:
                continue
        if reference.precision == "year":
            return reference.start.year
        if "past" in marks:
            candidates = [c for c in candidates if c <= base] or candidates
        elif "future" in marks:
            candidates = [c for c in candidates if c >= base] or candidates
        return min(candidates, key=lambda c: abs((c - base).days)).year if candidates else None
    return None


def year_from_weekday(month: int, day: int, weekday: int, near: list[int]) -> int | None:
    """The only year within two of a year the article states in which this day falls on this weekday."""
    matches = set()
    for anchor in near:
        for year in range(anchor - 2, anchor + 3):
            try:
                if date(year, month, day).weekday() == weekday:
                    matches.add(year)
            except ValueError:
                continue
    return matches.pop() if len(matches) == 1 else None


def _weekday(weekday: int, reference: When | None, marks: set[str]) -> When | None:
    """The weekday nearest the article's date, before it unless announced; only the month without its day."""
    if reference is None or reference.precision == "year":
        return None
    if reference.precision == "month":
        return When(reference.start, reference.start, "month")
    base = reference.start
    if "future" in marks:
        ahead = (weekday - base.weekday()) % 7 or 7
        day = base + timedelta(days=ahead)
    else:
        back = (base.weekday() - weekday) % 7
        if back == 0 and "past" in marks:
            back = 7
        day = base - timedelta(days=back)
    return When(day, day, "day")


def _relative(unit: str, amount: int, reference: When | None) -> When | None:
    if reference is None:
        return None
    base = reference.start
    if unit == "year":
        start = date(base.year + amount, 1, 1)
        return When(start, start, "year")
    if reference.precision == "year":
        return None
    if unit == "day" and reference.precision == "day":
        day = base + timedelta(days=amount)
        return When(day, day, "day")
    if unit == "month":
        index = base.year * 12 + base.month - 1 + amount
        start = date(index // 12, index % 12 + 1, 1)
        return When(start, start, "month")
    start = base.replace(day=1)
    return When(start, start, "month")


DURATION = re.compile(
    r"\b(?P<n>\d|deux|trois|quatre|cinq|six|sept|two|three|four|five|six|seven)[\s-]+(?:jours|days?)\b"
)
NUMBERS = {"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "two": 2, "three": 3, "four": 4}
NUMBERS |= {"five": 5, "seven": 7}


def find_duration(text: str) -> int | None:
    """How many days a sentence says an event lasts ("two-day", "étalé sur deux jours"), if it says so."""
    match = DURATION.search(fold(text))
    if not match:
        return None
    value = match.group("n")
    return int(value) if value.isdigit() else NUMBERS[value]


def parse_published(value: str) -> When | None:
    """A `published:` value: YYYY-MM-DD, YYYY-MM or YYYY, padded, with its precision."""
    value = value.strip()
    for pattern, precision in (
        (r"(\d{4})-(\d{2})-(\d{2})", "day"),
        (r"(\d{4})-(\d{2})", "month"),
        (r"(\d{4})", "year"),
    ):
        match = re.fullmatch(pattern, value)
        if match:
            parts = [int(part) for part in match.groups()] + [1] * (3 - len(match.groups()))
            try:
                start = date(*parts)
            except ValueError:
                return None
            return When(start, start, precision)
    return None


def impossible_dates(body: str, lang: str, reference: When | None) -> list[ImpossibleDate]:
    """A line for each date the text writes that no calendar has ("31 février 2024", "2024-02-31").

    The extractor never reads such a date as another one (no rolling over into March); these
    lines let the intake refuse the text, saying which words to fix, instead of proposing
    a meeting dated from whatever else the article says.
    """
    folded = fold(body)
    months = vocabulary()[0]
    taken = bytearray(len(folded) + 1)
    found = []
    for kind, pattern in _patterns():
        for match in pattern.finditer(folded):
            start, end = match.span()
            if taken.find(1, start, max(end, start + 1)) != -1 or not _case_ok(match, body, lang):
                continue
            taken[start:end] = b"\x01" * (end - start)
            stated = _stated_day(kind, match, months, lang)
            if stated is None:
                continue
            year, month, day = stated
            year = year or (reference.start.year if reference is not None else None)
            if 1 <= month <= 12 and not 1 <= day <= calendar.monthrange(year or 2000, month)[1]:
                first = min(match.start(name) for name in ("d2", "m2", "a", "y2") if match.groupdict().get(name))
                found.append(ImpossibleDate(body[first:end].strip(), year, month, day))
    return found


class ImpossibleDate(str):
    """A date the text writes that no calendar has: the English line, and the same line in any language.

    A `str`, so the extractor's JSON and the command line print it as they print any problem.
    """

    words: str
    year: int | None
    month: int
    day: int

    def __new__(cls, words: str, year: int | None, month: int, day: int) -> ImpossibleDate:
        line = super().__new__(cls, cls._line(words, year, month, day, "en"))
        line.words, line.year, line.month, line.day = words, year, month, day
        return line

    @staticmethod
    def _line(words: str, year: int | None, month: int, day: int, lang: str) -> str:
        if year:
            return t("article.impossible_date", lang, words=words, month=f"{year}-{month:02d}", day=day)
        return t("article.impossible_day", lang, words=words, month=f"{month:02d}", day=day)

    def said_in(self, lang: str) -> str:
        return self._line(self.words, self.year, self.month, self.day, lang)


def _stated_day(
    kind: str, match: re.Match[str], months: dict[str, int], lang: str
) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) as one expression writes them, without checking that the day exists."""
    groups = {key: value for key, value in match.groupdict().items() if value}
    if kind == "iso":
        return int(groups["y2"]), int(groups["m2"]), int(groups["d2"])
    if kind == "numeric":
        first, second = int(groups["a"]), int(groups["b"])
        day, month = (second, first) if lang == "en" and first <= 12 < second else (first, second)
        return int(groups["y2"]), month, day
    if kind == "day" and "d2" in groups and "m2" in groups:
        return _number(groups.get("y2")), months[groups["m2"].rstrip(".")], _number(groups["d2"])
    return None
