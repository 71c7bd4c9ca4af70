"""Trigger words: where an article names a meeting, and what the words around each one say about it.

A press article names its meeting many times ("la 41e session", "cette réunion", "the
conference", "a reçu") and often others beside it. Each trigger word becomes a mention with
its determiner (a demonstrative points back, an indefinite opens something new, "next"
announces), its edition ("41e", "XIe", "fourth"; spelled-out ordinals up to ten) and the dates, cities
and place-countries of its sentence that lie nearest to it. `extract_events` then decides
which mentions are one meeting.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from liaison.extract.dates import DateMention, vocabulary
from liaison.extract.places import PlaceRef, StateRef
from liaison.words.folding import fold

# Trigger words, folded. Multilateral nouns name gatherings of many parties; bilateral nouns
# visits and talks; neutral nouns and verbs take the format of their parties; coreferent nouns
# ("event", "édition") only point back to a meeting already named.
MULTI = r"conferences?|congres|sommets?|sessions?|seances?|forums?|assemblees?(?: generales?)?|colloques?|symposium"
MULTI += r"|conventions?|celebrations|summits?|congress|general assembly|assembly|gathering|plenary|sittings?"


BILATERAL = r"visites?|visits?|entretiens?|entrevues?|tete-a-tete"


NEUTRAL = r"reunions?|rencontres?|meetings?|consultations|talks|working sessions?|seances? de travail"


COREF = r"evenements?|events?|edition|deplacement|trip|passage"


VERBS_VISIT = r"s'est (?:\w+ment )?rendue?|visited|se rend"


ADVERB = r"(?:(?:\w+ment|ensuite|aussi|egalement|deja|enfin|encore|tour a tour|par ailleurs|en outre|hier),? ){0,2}"


VERBS_BI = rf"a {ADVERB}recu|(?:a|ont) ete {ADVERB}recue?s?|recoit|a {ADVERB}rencontre|s'est {ADVERB}entretenue?"
VERBS_BI += rf"|se sont {ADVERB}entretenus"
VERBS_BI += r"|received|held (?:\w+ )?talks|(?:met|meets) (?:\w+ly )?with"
VERBS_BI += r"|(?:met|meets)(?= (?:his|her|their) )"
# "Met the Malian, Nigerien and Chadian ministers": the words before the title may be a list of demonyms.
VERBS_BI += r"|met(?= (?:(?:the|a|an) )?(?:(?:[\w'-]+ ){0,3}|(?:[\w'-]+, ){1,4}[\w'-]+ and [\w'-]+ )"
VERBS_BI += r"(?:minister|chief|head|director|commissioner|counterpart"
VERBS_BI += r"|delegation|ambassador|president|secretary|inspector|commander|envoy|adviser|advisor|prime minister|king"
VERBS_BI += r"|emir|crown prince|chancellor|leader)s?\b)"
VERBS_BI += rf"|granted an audience to|a {ADVERB}accorde une audience|a recu en audience|s'est {ADVERB}entretenue? avec"
# "A accordé mercredi, en marge du forum, des audiences à A, B et C": the verb opens the talks wherever the noun falls.
VERBS_BI += r"|(?:a (?:\w+ment )?accorde|granted|gave)(?=[^.;]{0,160}?\baudiences?\s+(?:a|au|aux|to)\b)"
VERBS_BI += r"|rencontrer|s'entretenir avec|(?<=to )meet(?= (?:with|his|her|their) )"


VERBS_NEUTRAL = r"a accueilli|accueille|se sont reunis|s'est reunie?|ont pris part|a pris part|gathered|convened"
VERBS_NEUTRAL += r"|welcomed|hosted|(?<=states )meet|(?<=states )met|met(?= in | at | on )|meet(?= in | at )|took part"
VERBS_NEUTRAL += r"|met(?= here\b)|meet(?= here\b)|a reuni|reunit|a rassemble|brought together|brings together"
VERBS_NEUTRAL += r"|une autre|un autre|another one"


TRIGGER = re.compile(
    rf"(?<![\w-])(?:(?P<neutral_first>working sessions?|seances? de travail)|(?P<multi>{MULTI})|(?P<bi>{BILATERAL})"
    rf"|(?P<neutral>{NEUTRAL})|(?P<coref>{COREF})"
    rf"|(?P<verb_visit>{VERBS_VISIT})|(?P<verb_bi>{VERBS_BI})|(?P<verb>{VERBS_NEUTRAL}))(?![\w-])"
)


ADJECTIVES = r"(?:(?!(?:au|aux|de|du|des|la|le|les|a|of|the|in|on|to|at|et|for|pour|par|by)\b)[\w'’-]+\s+)"


DEMONSTRATIVE = re.compile(rf"\b(?:ce|cet|cette|ces|this|these|that|said)\s+{ADJECTIVES}{{0,2}}$")


INDEFINITE_FR = re.compile(
    rf"(?:^|\s)(?:(?:un|une|des|d'un|d'une|d'intenses|une autre)\s+|une série d'\s*){ADJECTIVES}{{0,3}}$"
)


INDEFINITE_EN = re.compile(rf"(?:^|\s)(?:a|an|another|a series of)\s+{ADJECTIVES}{{0,3}}$")


NEXT = re.compile(rf"\b(?:next|upcoming|forthcoming|prochaine?s?)\s+{ADJECTIVES}{{0,3}}$")


PREVIOUS = re.compile(rf"\b(?:previous|precedente?s?|prior|earlier)\s+{ADJECTIVES}{{0,2}}$")


PREVIOUS_EDITIONS = re.compile(
    r"(?:editions|sessions|reunions)\s+(?:precedentes|anterieures|passees)|(?:precedentes|dernieres)\s+editions"
    r"|(?:previous|earlier|past|prior)\s+(?:editions|sessions|meetings)"
)


MARGIN = re.compile(
    r"\b(?:en marge d(?:e la|u|es|e l'|e|')|(?:on|at|in) the (?:side-?lines?|margins|fringes) of|parallelement a"
    # "Used the occasion to hold talks with", "a profité de l'occasion pour s'entretenir avec": beside the meeting.
    r"|(?:used|took|seized) the (?:occasion|opportunity) to|a profite de (?:l'occasion|sa presence|cette occasion)"
    r"|(?:on|at|in) (?:the|its|their) (?:side-?lines?|margins|fringes)\b|en marge\b"
    r"|(?P<frame>(?:with)?in the framework of|dans le cadre d(?:e la|u|es|e l'|e|'))"
    # "Au cours de cette conférence, A a rencontré B": talks during a multilateral meeting are on its margins.
    r"|(?P<during>(?:au cours|lors|a l'occasion) d(?:e la|u|es|e l'|e|')|during|on the occasion of|pendant|durant"
    r"|on the (?:first|second|third|fourth|last|final|opening|closing) day of"
    r"|(?:en|lors de la|au cours de la) (?:premiere|deuxieme|seconde|troisieme|derniere) journee"
    r" d(?:e la|u|es|e l'|e|')))"
)


HELD = re.compile(
    r"take place|took place|taking place|held|tenue?s?|se tiendra|se tient|aura lieu|a eu lieu|s'est tenue?|convened"
    r"|s'est deroulee?|se deroule|organise|gather|kicked off|opened|s'est ouverte?"
)


FUTURE = re.compile(
    r"^\W*(?:[\w'-]+\W+){0,7}?(?:to be held|will be held|will take place|se tiendra|aura lieu|doit se tenir|prevue? |"
    r"scheduled|next week|la semaine prochaine)"
)


FUTURE_BEFORE = re.compile(
    r"(?:prochainement|convenu d'organiser|convenu de tenir|agreed to hold|will hold|plans? to hold|will visit|a venir)"
    r"\s+(?:[\w'-]+\s+){0,3}$"
)


ATTENDANCE = re.compile(
    r"\b(?:participation|participer|prendre part|pris part|assister|to attend|attend|attended|attending|to take part"
    r"|took part|to participate|participated)\b"
)


MULTILATERAL_ADJECTIVE = (
    r"\s+(?:regionale|internationale|ministerielle|pleniere|annuelle|multilaterale|mondiale|regional|international"
    r"|ministerial|plenary|annual|multilateral|global)\b"
)


# "A reçu les participants à la réunion", "received the delegates to the conference": a courtesy to a
# meeting's guests, not talks of their own; the meeting is the one named after.
GUESTS_OF_A_MEETING = re.compile(
    r"\s+(?:[\w'-]+\s+){0,6}?(?:les\s+|the\s+|l'ensemble des\s+|all\s+)?(?:participants|delegues|delegates"
    r"|membres des delegations|chefs (?:des|de) delegations?|heads of delegations?|delegations participantes"
    r"|participating delegations)\b"
)


# "A reçu les chefs des délégations du Mali, du Niger et du Tchad", "the heads of delegations of Iran and Egypt": the
# delegations are named, by state (a capitalised name, not "des pays participants" nor an acronym), so these are talks
# with each, not a courtesy to a meeting's guests.
NAMED_DELEGATIONS = re.compile(r"\s+(?:of|de|du|des|de la|de l'|d'|from)\s*(?:the\s+)?[A-ZÀ-Ý][a-zà-ÿ]")


# Gatherings that are not security meetings even when security is on their agenda: a summit of heads
# of state, a party congress, a reception, a dinner, a ceremony.
NOT_A_MEETING = re.compile(
    r"(?:heads? of states?(?: and (?:of )?governments?)?|chefs? d'etats?(?: et de gouvernements?)?|party|parti|"
    r"electoral|partisan)\W+(?:\w+\W+){0,2}$"
    # "The heads of state had decided at their summit": the leaders' own gathering, told a few words on.
    r"|(?:heads? of states?|chefs? d'etats?)\W+(?:\w+\W+){0,3}(?:their|its|leur|leurs|son|sa|ses)\W+$"
    # "Le parti au pouvoir a tenu son congrès", "the party held its convention": the party's own gathering.
    r"|\b(?:party|parti)\W+(?:\w+\W+){0,5}?(?:son|sa|ses|its|their|leur|leurs)\W+(?:\w+\W+)?$"
    r"|^\W*(?:\w+\W+){0,2}(?:des |of |of the )?(?:heads? of states?|chefs? d'etats?|du parti|of the party|party)\b"
)


PROTOCOL = re.compile(r"\b(?:reception|receptions|diner|dinner|banquet|gala|ceremon\w*|cocktail|luncheon|dejeuner)\b")


# "Hosted a reception", "a accueilli un dîner", "were welcomed at a dinner": the verb's object is protocol, not a
# meeting.
PROTOCOL_OBJECT = re.compile(
    r"\s+(?:(?:at|to|for|during|a|lors d'|au cours d')\s*)?(?:(?:a|an|the|un|une|le|la|les)\s+)?(?:[\w'-]+\s+)?"
    + PROTOCOL.pattern
)


# Trigger words that name no meeting here: a press conference, a parliament.
NOT_GATHERINGS = re.compile(
    r"(?:conferences? de presse|press conferences?|news conferences?|point de presse|assemblee nationale"
    r"|national assembly|assemblee populaire|people's assembly|parliamentary assembly|assemblee parlementaire)"
)


# The building, not the gathering: "au Palais des congrès", "at the International Conference Centre". Its word
# names no meeting of its own: it points back to the meeting held there, and gives it a city but never a day.
BUILDING = re.compile(
    r"palais des (?:congres|conferences)|centres? (?:international |internationaux )?(?:de |des )conferences"
    r"|salles? (?:de |des )conferences|(?:conference|convention|congress) (?:centres?|centers?|halls?|rooms?)"
)


ORDINAL = re.compile(r"(?<![\w-])(?P<n>\d{1,3})\s*(?:e|er|eme|re|st|nd|rd|th)(?![\w])")


ROMAN = re.compile(r"(?<![\w-])(?P<r>[IVX]{1,6})(?:e|ème|eme)(?![\w])")


SPELLED = {
    "premiere": 1,
    "deuxieme": 2,
    "troisieme": 3,
    "quatrieme": 4,
    "cinquieme": 5,
    "sixieme": 6,
    "septieme": 7,
    "huitieme": 8,
    "neuvieme": 9,
    "dixieme": 10,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "first": 1,
}


SPELLED_ORDINAL = re.compile(rf"(?<![\w-])(?P<w>{'|'.join(SPELLED)})\s+(?:[\w'-]+\s+)?$")


FIRST = frozenset({"premiere", "first"})


@dataclass(eq=False)
class Mention:
    """One trigger word in a sentence, with the anchors closest to it."""

    sentence: int
    start: int
    end: int
    cls: str  # multi | bi | neutral | coref
    verb: bool
    det: str  # demo | indef | next | def
    plural: bool
    edition: int | None = None
    dates: list[DateMention] = field(default_factory=list)
    places: list[PlaceRef] = field(default_factory=list)
    countries: list[StateRef] = field(default_factory=list)
    followed_by_with: bool = False
    bilateral_cue: bool = False
    future: bool = False
    generic: bool = False
    previous: bool = False
    head: str = ""
    aside: bool = False
    building: bool = False
    framed: bool = False


@dataclass
class Sentence:
    """One sentence of the body, with everything found in it."""

    index: int
    start: int
    text: str
    paragraph_start: bool
    mentions: list[Mention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    places: list[PlaceRef] = field(default_factory=list)
    refs: list[StateRef] = field(default_factory=list)


def find_mentions(index: int, text: str, lang: str) -> list[Mention]:
    """The trigger words of one sentence, in order, with their determiner and edition."""
    indefinite = INDEFINITE_FR if lang == "fr" else INDEFINITE_EN
    folded = fold(text)
    mentions = []
    buildings = [b.span() for b in BUILDING.finditer(folded)]
    for match in TRIGGER.finditer(folded):
        if any(start <= match.start() < end for start, end in buildings):
            mentions.append(Mention(index, match.start(), match.end(), "coref", False, "demo", False, building=True))
            continue
        cls = next(name for name, value in match.groupdict().items() if value)
        verb = cls.startswith("verb")
        bilateral_cue = cls in {"verb_bi", "verb_visit", "bi"}
        cls = {"verb_visit": "bi", "verb_bi": "neutral", "verb": "neutral", "neutral_first": "neutral"}.get(cls, cls)
        if (
            cls == "neutral"
            and not verb
            and text[match.start() : match.end()].lower().endswith(("é", "és", "ée", "ées"))
        ):
            verb, bilateral_cue = True, True
        if re.search(r"\b(?:a la|to) $", folded[max(0, match.start() - 6) : match.start()]) and cls == "neutral":
            verb = True
        if cls == "neutral" and (
            re.search(r"bilateral\w*\s+$", folded[max(0, match.start() - 15) : match.start()])
            or re.match(r"\s+bilateral", folded[match.end() : match.end() + 15])
        ):
            cls, bilateral_cue = "bi", True
        if cls == "neutral" and re.match(MULTILATERAL_ADJECTIVE, folded[match.end() : match.end() + 30]):
            cls = "multi"
        word = match.group()
        before = folded[max(0, match.start() - 60) : match.start()]
        det = "def"
        if NEXT.search(before) or re.match(r"\s+(?:prochaine?s?)\b", folded[match.end() :]):
            det = "next"
        elif DEMONSTRATIVE.search(before):
            det = "demo"
        elif indefinite.search(text[max(0, match.start() - 60) : match.start()].lower().replace("’", "'")) or word in {
            "une autre",
            "un autre",
            "another one",
        }:
            det = "indef"
        plural = word.endswith("s") and word not in {"talks", "congres", "congress", "consultations", "celebrations"}
        plural = plural or word in {"talks", "consultations"}
        mention = Mention(index, match.start(), match.end(), cls, verb, det, plural, bilateral_cue=bilateral_cue)
        mention.head = word.split()[-1]
        mention.future = (
            det == "next"
            or bool(FUTURE.search(folded[match.end() : match.end() + 80]))
            or bool(FUTURE_BEFORE.search(folded[max(0, match.start() - 60) : match.start()]))
        )
        mention.previous = bool(PREVIOUS.search(before))
        if mention.previous and det == "def":
            mention.det = "indef"
        mention.edition = _edition(text, folded, match.start())
        if mention.cls == "neutral" and mention.edition and not verb:
            mention.cls = "multi"
        mention.followed_by_with = bool(re.match(r"\s+(?:[\w'.-]+\s+){0,9}(?:avec|with)\b", folded[match.end() :]))
        if (
            cls == "neutral"
            and not verb
            and re.match(r"\s+(?:[\w'-]+\s+)?(?:avec|with|between|entre)\b", folded[match.end() :])
        ):
            mention.bilateral_cue = True
        guests = GUESTS_OF_A_MEETING.match(folded[match.end() : match.end() + 80])
        if verb and bilateral_cue and guests and not NAMED_DELEGATIONS.match(text, match.end() + guests.end()):
            mention.generic = True
        if _not_a_gathering(folded, match.start()):
            mention.generic = True
        if _at_a_distance(folded, match.start(), match.end()):
            mention.generic = True
        if verb and not bilateral_cue and PROTOCOL_OBJECT.match(folded[match.end() : match.end() + 40]):
            mention.generic = True
        mention.aside = not verb and _aside(folded, match.start(), match.end())
        mention.framed = not verb and bool(FRAMED.search(before[-40:]))
        series = re.search(r"(?:serie d'|series of)\s*(?:[\w'-]+\s+){0,2}$", before)
        told = bool(TOLD_TALKS.match(folded[match.end() : match.end() + 50]))
        mention.generic = mention.generic or (
            plural and det == "indef" and not mention.followed_by_with and not series and not told
        )
        mentions.append(mention)
    return sorted(mentions + _named_beside(index, text, folded, mentions), key=lambda m: m.start)


# "Talks at the conference", "lors de la réunion": the noun after these words frames what the sentence tells.
FRAMED = re.compile(
    r"\b(?:during|at|lors d[eu']|au cours d[eu']|pendant|durant|a l'occasion d[eu'])\s*(?:\w+\s+){0,2}$"
)


# "On the sidelines of the Justice and Home Affairs Council", "en marge des travaux du CMCA": what follows the
# cue is a gathering even when no trigger word names it; its name is a run of capitalised words or an acronym.
NAMED_AFTER_MARGIN = re.compile(
    r"\s*(?:(?:the|la|le|les|l'|du|des|de la|de l'|de)\s*)?"
    r"(?:(?:travaux|assises|proceedings|work|deliberations)\s+(?:du|de la|de l'|des|of the|of)\s*)?"
    r"(?:\d{1,3}\s*(?:e|er|eme|st|nd|rd|th)\s+)?"
)


NAME_WORD = re.compile(
    r"(?:[A-ZÀ-Ý][\w'’-]*|\d+[A-Za-z]*)(?:\s+(?:(?:and|of|on|for|the|et|de|du|des|la|sur|pour)\s+)*"
    r"(?:[A-ZÀ-Ý][\w'’-]*|\d+))*"
)


def _named_beside(index: int, text: str, folded: str, mentions: list[Mention]) -> list[Mention]:
    """A gathering named after "on the sidelines of" without a trigger word: one multilateral mention on its name."""
    found = []
    for cue in MARGIN.finditer(folded):
        if (
            cue.group("frame")
            or cue.group("during")
            or not re.search(r"(?:\bof|\bd(?:e la|u|es|e l'|e|'))$", cue.group())
        ):
            continue
        lead = NAMED_AFTER_MARGIN.match(folded, cue.end())
        name = NAME_WORD.match(text, lead.end())
        if name is None or any(lead.end() <= m.start < name.end() + 20 for m in mentions):
            continue
        found.append(
            Mention(index, name.start(), name.end(), "multi", False, "def", False, head=name.group().split()[-1])
        )
    return found


# "Des entretiens bilatéraux ont réuni A et B": plural talks the sentence goes on to tell, not talks in general.
TOLD_TALKS = re.compile(
    r"\s+(?:bilateraux|bilaterales|bilateral\w*\s+(?:ont|have|were|took)|(?:ont|have) (?:reuni|eu lieu|taken place)"
    r"|took place|were held)\b"
)


# "S'est entretenu au téléphone avec", "un entretien téléphonique", "held a phone call with": nobody met. Credentials
# presented to a head of state are protocol, not talks.
AT_A_DISTANCE = re.compile(
    r"\b(?:(?:au|par) telephone|telephoniques?|by (?:tele)?phone|over the (?:tele)?phone|on the (?:tele)?phone"
    r"|(?:tele)?phone (?:call|conversation|talks?)|lettres de creance|letters of credence|credentials)\b"
)


def _at_a_distance(folded: str, start: int, end: int) -> bool:
    """True when the words right around a trigger say the talks were by telephone, or a ceremony of credentials."""
    return bool(AT_A_DISTANCE.search(folded[max(0, start - 25) : end + 45]))


def _not_a_gathering(folded: str, start: int) -> bool:
    """True when the trigger is part of "conférence de presse", "national assembly" and the like."""
    offset = max(0, start - 20)
    return any(g.start() <= start - offset < g.end() for g in NOT_GATHERINGS.finditer(folded[offset : start + 40]))


def _aside(folded: str, start: int, end: int) -> bool:
    """A summit of heads of state, a party congress or a reception: named beside the meeting, never one with it."""
    before, after = folded[max(0, start - 50) : start], folded[end : end + 50]
    return bool(NOT_A_MEETING.search(before) or NOT_A_MEETING.match(after) or PROTOCOL.search(before[-25:]))


def _edition(text: str, folded: str, start: int) -> int | None:
    """The ordinal just before a trigger ("41e session", "XIe réunion", "27th INTERPOL African Regional Conference")."""
    window_start = max(0, start - 60)
    window = folded[window_start:start]
    if re.search(r"[,;:.()]", window[-45:]):
        window = window[max(w.end() for w in re.finditer(r"[,;:.()]", window)) :]
    for match in ORDINAL.finditer(window):
        between = window[match.end() :].split()
        if between[:1] == ["of"] and len(between) > 1 and between[1].rstrip(".,") in vocabulary()[0]:
            continue
        if len(between) <= 7:
            return int(match.group("n"))
    raw = text[window_start:start]
    for match in ROMAN.finditer(raw):
        between = raw[match.end() :].split()
        if len(between) <= 5:
            return _roman(match.group("r"))
    spelled = SPELLED_ORDINAL.search(folded[max(0, start - 30) : start])
    if spelled and (spelled.group("w") not in FIRST or re.match(r"edition|session|seance", folded[start:])):
        return SPELLED[spelled.group("w")]
    return None


def _roman(value: str) -> int:
    numbers = {"I": 1, "V": 5, "X": 10}
    total = 0
    for current, following in zip(value, [*value[1:], ""], strict=True):
        amount = numbers[current]
        total += -amount if following and numbers[following] > amount else amount
    return total


def assign_anchors(
    mentions: list[Mention], dates: list[DateMention], places: list[PlaceRef], refs: list[StateRef], folded: str
) -> None:
    """Give each date, city and place-country of a sentence to the trigger nearest to it.

    Words that only point back ("l'édition", "the event") or speak of meetings in general
    ("des visites") take the anchors nearest them too, and drop them: a newspaper's "édition
    du mercredi 25 septembre" dates the newspaper, not a meeting.
    """
    if not mentions:
        return
    gatherings = [mention for mention in mentions if not mention.building]
    for date_mention in dates:
        if date_mention.marks & {"historical", "reporting", "arrival"} or not gatherings:
            continue
        nearest = _nearest(gatherings, date_mention.start, date_mention.end, folded)
        if date_mention.kind == "year" and not _year_within_reach(nearest, date_mention, folded):
            continue
        nearest.dates.append(date_mention)
    for place in places:
        nearest = _nearest(mentions, place.start, place.end, folded)
        if _within_reach(nearest, place.start, place.end, folded, refs):
            nearest.places.append(place)
    for ref in refs:
        if (
            ref.role == "place"
            and ref.kind == "name"
            and not TOPIC_BEFORE.search(folded[max(0, ref.start - 40) : ref.start])
        ):
            nearest = _nearest(mentions, ref.start, ref.end)
            if _within_reach(nearest, ref.start, ref.end, folded):
                nearest.countries.append(ref)
    for mention in mentions:
        if mention.generic:
            mention.dates, mention.places, mention.countries = [], [], []
        elif mention.cls == "coref":
            mention.dates = []


def _year_within_reach(mention: Mention, year: DateMention, folded: str) -> bool:
    """A bare year dates a trigger right beside it, or an announced one further off ("will be held in Dushanbe in")."""
    distance = _distance(mention, year.start, year.end)
    if distance <= 25:
        return True
    if not mention.future:
        return False
    between = folded[mention.end : year.start] if year.start >= mention.end else ""
    return distance <= 80 and bool(HELD.search(between)) and not re.search(r"[.;,]", between)


# "Talks on border security in Afghanistan", "la situation au Sahel": the country is what was discussed, not the venue.
TOPIC_BEFORE = re.compile(
    r"\b(?:security|situation|stability|instability|crisis|conflict|war|peace|developments|terrorism|threats?"
    r"|insecurity|securite|situation|stabilite|crise|conflit|guerre|paix|terrorisme|menaces?|insecurite)"
    r"\s+(?:in|en|au|aux|dans)\s+(?:(?:le|la|les|l'|the)\s*)?$"
)


PLACE_REACH = 120


def _within_reach(mention: Mention, start: int, end: int, folded: str, refs: Sequence[StateRef] = ()) -> bool:
    """A place belongs to a trigger when close to it, or further off after "held in", "se tiendra à".

    The states listed in between do not count: "brought together the chiefs of A, B, … and K in Algiers".
    """
    low, high = (mention.end, start) if start >= mention.end else (end, mention.start)
    listed = sum(ref.end - ref.start + 2 for ref in refs if low <= ref.start and ref.end <= high)
    distance = _distance(mention, start, end) - listed
    if distance <= PLACE_REACH:
        return True
    between = folded[mention.end : start] if start >= mention.end else folded[end : mention.start]
    return distance <= 2 * PLACE_REACH and bool(HELD.search(between)) and not re.search(r"[.;]", between)


def _distance(mention: Mention, start: int, end: int) -> int:
    if end <= mention.start:
        return mention.start - end
    return max(0, start - mention.end)


HELD_JUST_BEFORE = re.compile(
    r"\b(?:tenue?s?|held|organisee?s?|organi[sz]ed|hosted|qui s'est tenue?)\W+(?:[\w'-]+\W+){0,3}$"
)


def _nearest(mentions: list[Mention], start: int, end: int, folded: str = "") -> Mention:
    """The trigger an anchor belongs to: the nearest, or, after "held"/"tenue", the nearest before it.

    "La conférence …, tenue lundi à Niamey, des entretiens …": the day and city are the conference's.
    """
    if folded and HELD_JUST_BEFORE.search(folded[max(0, start - 40) : start]):
        before = [m for m in mentions if m.end <= start]
        if before:
            return max(before, key=lambda mention: mention.end)
    return min(mentions, key=lambda mention: _distance(mention, start, end))
