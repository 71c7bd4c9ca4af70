"""Who took part: the states a meeting's own sentences name as parties, and the two sides of a bilateral.

A state named in a meeting's sentences is not always a participant: guests "invited as
guests", delegations "expected to attend", countries in reported speech ("stressing that
countries such as …"), sentences about another year ("founded in 1963"), the host city's
country when nobody from it is named. A bilateral needs two sides: the host and the visitor,
the visitor being the article's protagonist, whose state the lede gives before any "avec …".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from liaison.extract.codebook import Organisation
from liaison.extract.dates import When
from liaison.extract.events import Event
from liaison.extract.mentions import Sentence
from liaison.words.folding import fold

EXCLUDED = re.compile(
    r"invited as guests?|invites? en tant qu|en qualite d'invites?"
    r"|expected to (?:attend|participate|join|involve|take part|be present)|are expected|sont attendus"
    r"|devraient (?:participer|prendre part|assister)|would (?:join|attend|participate|take part)"
    r"|tente de|ont tente|tried to|attempted to|empecher|to prevent|boycott|ne pas se rendre|not to attend"
    r"|did not attend"
)


REPORTED = re.compile(
    r"\b(?:stressing|stressed|noting|noted|adding|added|warning|soulignant|notant|ajoutant)\s+(?:que|qu'|that)\b"
)


HOST_CUE = re.compile(
    r"\b(?:a accueilli|accueille|accueillera|hosted|hosts|to host|will host|welcomed|pays hote|host country)\b"
)


SERIES_OF_BILATERALS = re.compile(
    r"\b(?:entretiens|rencontres bilaterales|bilateral (?:meetings|talks)|serie d'entretiens|series of (?:bilateral )?"
    r"(?:meetings|talks))"
)


# Talks told one visitor at a time: "received X, then Y", "s'est entretenu avec X puis avec Y".
AUDIENCE = re.compile(
    r"\b(?:received|receives|met (?:\w+ly )?with|met|held (?:\w+ )?talks|granted an audience|a (?:\w+ment )?recu|recoit"
    r"|s'est (?:\w+ment )?entretenue? avec|audiences?|a (?:\w+ment )?rencontre)\b"
)


POSITIONED = re.compile(
    r"\b(?:avec|with|a (?:\w+ment )?recu|a ete recu|recoit|received|welcomed|a accueilli|accueille|homologues?"
    r"|counterparts?|met|a rencontre)\b"
)


def home_state(sentences: list[Sentence], events: list[Event]) -> str | None:
    """The state of the article's protagonist: the first state the body names as a party, outside "avec …".

    A visit report often names only the host ("une visite en Arabie saoudite"); the visitor
    is the person the lede introduces with his service or country ("patron du pôle
    DGSN-DGST", "une délégation marocaine"), before the counterparts ("avec son homologue
    saoudien"). Headlines and the countries visited are passed over.
    """
    visited = {event.country for event in events if event.visited}
    lead = 0
    while lead < len(sentences) - 1 and _is_headline(sentences[lead]):
        lead += 1
    free: list[str] = []
    positioned: list[str] = []
    for sentence in sentences[lead:]:
        cue = POSITIONED.search(fold(sentence.text))
        cut = cue.start() if cue else len(sentence.text)
        members = membership_list(sentence)
        for ref in sentence.refs:
            if ref.role == "actor" and ref not in members:
                (positioned if ref.start >= cut else free).append(ref.iso3)
    for pool in (free, positioned):
        for iso3 in pool:
            if iso3 not in visited:
                return iso3
    return (free or positioned or [None])[0]


def _is_headline(sentence: Sentence) -> bool:
    text = sentence.text.strip()
    return len(text) < 200 and not text.endswith((".", "!", "?", "»", '"', "”"))


def years_agree(sentence: Sentence, when: When | None) -> bool:
    """False for a sentence about another time ("founded in 1963", "la Coupe du monde 2030")."""
    if when is None:
        return True
    years = {int(year) for year in re.findall(r"(?<![\d(])((?:19|20)\d{2})(?!\d)", sentence.text)}
    return not years or bool(years & set(range(when.start.year, when.end.year + 1)))


def party_actors(event: Event, sentences: list[Sentence], when: When | None) -> list[str]:
    """States named as parties in the meeting's sentences, minus guests, hopes, reported speech and other times."""
    found: list[str] = []
    for index in sorted(event.sentences | event.attached):
        sentence = sentences[index]
        folded = fold(sentence.text)
        if EXCLUDED.search(folded) or not years_agree(sentence, when):
            continue
        reported = REPORTED.search(folded)
        cut = reported.end() if reported else len(folded)
        members = membership_list(sentence)
        found += [ref.iso3 for ref in sentence.refs if ref.role == "actor" and ref.start < cut and ref not in members]
    return found


MEMBERSHIP = re.compile(
    r"\b(?:(?:whose |its |the )?members?(?: states| countries)? (?:are|were|include|includes|including|comprise)"
    r"|member states?,? (?:namely|including|such as)|composed of|comprising|made up of|groups together"
    r"|which (?:includes?|comprises?)"
    r"|(?:dont les|ses) (?:membres|etats membres|pays membres) sont|(?:qui )?regroupe"
    r"|compose(?:e|s|es)? de|(?:qui )?comprend|etats membres,? (?:a savoir|dont))\W+"
)


LIST_GAP = re.compile(r"[\s,]*(?:(?:and|et|as well as|ainsi que)\s+)?(?:(?:la|le|les|l'|the|du|de la|de l')\s*)?")


def membership_list(sentence: Sentence) -> list:
    """States listed as a body's members ("whose members are A, B and C", "qui regroupe A, B et C").

    Membership is not attendance: the session may have seen only some of them, and the
    labels count a state only where the text says it took part. The same verbs after a
    meeting's noun ("the conference, which groups together …") list who came, so they count.
    """
    folded = fold(sentence.text)
    listed = []
    refs = sorted(sentence.refs, key=lambda ref: ref.start)
    cues = [(cue.start(), cue.end()) for cue in MEMBERSHIP.finditer(folded)]
    for cue_start, cue_end in cues:
        if any(0 <= cue_start - mention.end <= 40 for mention in sentence.mentions):
            continue
        position = cue_end
        for ref in refs:
            if ref.start < position:
                continue
            gap = folded[position : ref.start]
            if not LIST_GAP.fullmatch(gap):
                break
            listed.append(ref)
            position = ref.end
    return listed


def _hosted(event: Event, sentences: list[Sentence]) -> bool:
    """True when a sentence says someone hosted or welcomed and names no other state as the host."""
    for index in event.sentences | event.attached:
        sentence = sentences[index]
        if HOST_CUE.search(fold(sentence.text)):
            actors = {ref.iso3 for ref in sentence.refs if ref.role == "actor"}
            if not actors or event.country in actors:
                return True
    return False


def invited_by(event: Event, sentences: list[Sentence]) -> str | None:
    """The state that invited ("à l'invitation de la police nationale espagnole"): the host when no place is given."""
    for index in sorted(event.sentences | event.attached):
        sentence = sentences[index]
        cue = re.search(r"invitation (?:du|de la|de l'|des|de|of)", fold(sentence.text))
        if cue:
            for ref in sentence.refs:
                if ref.start > cue.start() and ref.role == "actor":
                    return ref.iso3
    return None


def parties(
    event: Event,
    actors: list[str],
    home: str | None,
    sentences: list[Sentence],
    organisations: Sequence[Organisation],
) -> list[list[str]]:
    """The states of the meeting; a series of bilateral talks on a meeting's margins gives one list per counterpart."""
    counts = Counter(actors)
    if event.kind == "multi" or (len(counts) >= 3 and not event.bilateral_cue and event.kind != "bi"):
        states = list(dict.fromkeys(actors))
        if event.country and event.country not in states and _hosted(event, sentences):
            states.insert(0, event.country)
        return [states]
    host = None if event.inherited else event.country
    others = [state for state, _ in counts.most_common() if state != host]
    text = fold(" ".join(sentences[i].text for i in event.sentences))
    if event.parent is not None and (SERIES_OF_BILATERALS.search(text) or AUDIENCE.search(text)):
        counterparts = [state for state in dict.fromkeys(actors) if state != home]
        if len(counterparts) >= 2 and home:
            return [[home, state] for state in counterparts]
    if host is None:
        visitor = home and (home in counts or event.inherited)
        ordered = ([home] if visitor else []) + [s for s in others if s != home]
        return [ordered[:2]] if len(ordered) >= 2 else [ordered]
    if host not in counts and received_by_organisation(event, sentences, organisations):
        return [[home]] if home else [others[:1]]
    if home and home != host:
        return [[home, host]]
    if others:
        first = home if home in others else others[0]
        return [[host, first]] if host != home else [[home, first]]
    return [[host]] if host in counts else [[]]


RECEIVED_BY = re.compile(
    r"\b(?:recue?s?|accueillie?s?|received|welcomed|hosted|invited)\s+(?:[\w'-]+\s+){0,3}(?:par|by)\s+"
)


def received_by_organisation(event: Event, sentences: list[Sentence], organisations: Sequence[Organisation]) -> bool:
    """ "Received in Lyon by Interpol's secretary general": the host is the organisation, not the city's state.

    The venue's state counts as the host of a visit only when no organisation is named as
    the one receiving it; a visit to Europol in The Hague is not talks with the Netherlands.
    """
    for index in event.sentences:
        folded = fold(sentences[index].text)
        for cue in RECEIVED_BY.finditer(folded):
            window = folded[cue.end() : cue.end() + 90]
            for _, _, kind, names in organisations:
                if kind in {"agency"}:
                    continue
                if any(re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", window) for name in names):
                    return True
    return False


def meeting_format(event: Event, states: list[str]) -> str:
    """Multilateral for gatherings or three states and more; bilateral for visits, talks and "a reçu"."""
    if event.kind == "multi" or len(states) >= 3:
        return "multilateral"
    if event.kind == "bi" or event.bilateral_cue:
        return "bilateral"
    return "multilateral"
