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
    r"\b(?:a accueilli|accueille|accueillera|hosted|hosts|to host|will host|welcomed|pays hote|host country"
    r"|a preside|preside|chaired|presided)\b"
)


# "En présence de ses homologues tunisien et libyen": the states named are the guests of who presides.
GUESTS_NAMED = re.compile(
    r"\b(?:ses|his|her|their|leurs?) (?:homologues|counterparts)\b|en presence d|in the presence of"
)


# The host named as such among the delegations: "aux côtés du pays hôte", "with the host country".
HOST_NOUN = re.compile(r"\b(?:pays hote|host country|host nation|pays organisateur)\b")


SERIES_OF_BILATERALS = re.compile(
    r"\b(?:entretiens|(?:rencontres|reunions) bilaterales|bilateral (?:meetings|talks)|serie d'entretiens"
    r"|series of (?:bilateral )?(?:meetings|talks))"
)


# Talks told one visitor at a time: "received X, then Y", "s'est entretenu avec X puis avec Y".
AUDIENCE = re.compile(
    r"\b(?:received|receives|met (?:\w+ly )?with|met|held (?:\w+ )?talks|granted an audience"
    r"|a (?:[\w-]+,? ){0,2}?recu|recoit"
    r"|s'est (?:[\w-]+ ){0,3}?entretenue?|se sont (?:[\w-]+ ){0,3}?entretenus|audiences?|a (?:\w+ment )?rencontre"
    r"|(?:held|had) (?:a series of |several |a number of )?(?:bilateral )?(?:meetings|talks|discussions)"
    r"|a (?:\w+ment )?(?:tenu|eu) (?:une serie d(?:e |')|plusieurs |des )?(?:reunions|entretiens|rencontres)"
    # "He also had a meeting with C", "il a ensuite eu un entretien avec C": one more audience.
    r"|(?:held|had) (?:also |then |later )?an? (?:[\w-]+ )?(?:meeting|discussion|audience|conversation)"
    r"|a (?:\w+ment |ensuite |aussi )?eu (?:un|une) (?:[\w-]+ )?(?:entretien|rencontre|reunion|tete-a-tete))\b"
)


# Audiences told as separate ones although their guests share a sentence.
SEPARATELY = re.compile(
    r"\b(?:separately|separement|individually|tour a tour|successivement|one after (?:another|the other)|in turn"
    r"|l'un apres l'autre|ainsi qu'avec|as well as with|puis avec|et avec|and with|and then with|and later with)\b"
    r"|\b(?:received|a (?:\w+ment )?recu|recoit|met with|s'est entretenue? avec)\b[^.;]{5,120}"
    r"\b(?:then|puis|before|avant|later|ensuite)\b"
)


def receiving_state(event: Event, sentences: list[Sentence]) -> str | None:
    """The state of who received or held the talks: the party named before the first verb of audience.

    "Le ministre sénégalais a reçu X, puis Y": Senegal is one side of each talk, whoever the
    article's protagonist is; "he then received Z" keeps the receiver of the talks before.
    """
    for index in sorted(event.sentences):
        sentence = sentences[index]
        cue = AUDIENCE.search(fold(sentence.text))
        if cue is None:
            continue
        before = [ref for ref in sentence.refs if ref.role == "actor" and ref.end <= cue.start()]
        if before:
            return before[-1].iso3
    if event.follows is not None and event.follows is not event:
        return receiving_state(event.follows, sentences)
    return None


def _only_a_guest(event: Event, sentences: list[Sentence], home: str) -> bool:
    """True when the article's first state is named only after the verbs of these talks: a guest, not who met them.

    "On the sidelines, President X met the Turkish president; X also held talks with the Azerbaijani
    president": Türkiye is the first state named, but as the one met; whose state X is the text never says.
    """
    before, after = False, False
    chain: Event | None = event
    seen: set[int] = set()
    while chain is not None and id(chain) not in seen:
        seen.add(id(chain))
        for index in chain.sentences:
            sentence = sentences[index]
            cue = AUDIENCE.search(fold(sentence.text))
            for ref in sentence.refs:
                if ref.role == "actor" and ref.iso3 == home:
                    before = before or cue is None or ref.end <= cue.start()
                    after = after or (cue is not None and ref.start >= cue.end())
        chain = chain.follows
    return (
        after
        and not before
        and not any(
            ref.role == "actor" and ref.iso3 == home
            for sentence in sentences
            if sentence.index not in _chain_sentences(event)
            for ref in sentence.refs
        )
    )


def _chain_sentences(event: Event) -> set[int]:
    """The sentences of some talks and of the talks they follow."""
    found: set[int] = set()
    chain: Event | None = event
    seen: set[int] = set()
    while chain is not None and id(chain) not in seen:
        seen.add(id(chain))
        found |= chain.sentences
        chain = chain.follows
    return found


# Verbs whose subject is the one at home: who receives or grants an audience does so in his own country.
RECEIVING = re.compile(
    r"\b(?:received|receives|welcomed|granted|a (?:[\w-]+,? ){0,2}?(?:recu|accueilli|accorde)|recoit|accueille)\b"
    # "Held talks with visiting leaders": who the visitors came to see is at home.
    r"|\bvisiting (?:leaders|heads|delegations|counterparts|ministers|presidents|dignitaries|officials)\b"
)


def _receiving_venue(event: Event, sentences: list[Sentence], home: str | None) -> str | None:
    """The venue's state as the receiver of audiences told without his state, when the article's first state is a guest.

    "Le président a reçu le ministre malien, puis le ministre ivoirien" at a forum in Dakar: the
    guests' states are named, the receiver's is not, and who receives does so at home.
    """
    if event.country is None:
        return None
    received, guests = False, set()
    chain: Event | None = event
    seen: set[int] = set()
    while chain is not None and id(chain) not in seen:
        seen.add(id(chain))
        guests |= chain.actors
        for index in chain.sentences:
            sentence = sentences[index]
            cue = RECEIVING.search(fold(sentence.text))
            if cue and not any(ref.role == "actor" and ref.end <= cue.start() for ref in sentence.refs):
                received = True
        chain = chain.follows
    if not received or event.country in guests or (home is not None and home not in guests):
        return None
    return event.country


POSITIONED = re.compile(
    r"\b(?:avec|with|a (?:[\w-]+,? ){0,2}?recu|a ete recu|recoit|received|welcomed|a accueilli|accueille|homologues?"
    r"|granted an audience|audiences? (?:a|au|aux|to)"
    r"|counterparts?|met|a rencontre)\b"
)


# A sentence naming this many states, none of them "with" another, lists delegations; the protagonist is
# named elsewhere.
ENUMERATION = 4


def home_state(sentences: list[Sentence], events: list[Event]) -> str | None:
    """The state of the article's protagonist: the first state the body names as a party, outside "avec …".

    A visit report often names only the host ("une visite en Arabie saoudite"); the visitor
    is the person the lede introduces with his service or country ("patron du pôle
    DGSN-DGST", "une délégation marocaine"), before the counterparts ("avec son homologue
    saoudien"). Headlines, the countries visited and lists of delegations are passed over.
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
        if len({ref.iso3 for ref in sentence.refs if ref.role == "actor"}) >= ENUMERATION and cue is None:
            continue
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


SINCE_YEAR = re.compile(r"\b(?:depuis|since)\s+(?:(?:en|in|l'an)\s+)?(?:19|20)\d{2}\b")


def years_agree(sentence: Sentence, when: When | None) -> bool:
    """False for a sentence about another time ("founded in 1963", "la Coupe du monde 2030")."""
    if when is None:
        return True
    # "La première depuis 2019", "founded in 1963" inside a sentence about this meeting: a year of the past told in
    # passing does not make the sentence another year's.
    text = SINCE_YEAR.sub(" ", fold(sentence.text))
    years = {int(year) for year in re.findall(r"(?<![\d(])((?:19|20)\d{2})(?!\d)", text)}
    return not years or bool(years & set(range(when.start.year, when.end.year + 1)))


def party_actors(event: Event, sentences: list[Sentence], when: When | None) -> list[str]:
    """States named as parties in the meeting's sentences, minus guests, hopes, reported speech and other times.

    A sentence that names the meeting only as the one talks were held beside ("on the sidelines
    of the assembly, A met B") gives its states to those talks, not to the meeting, the host
    excepted.
    """
    found: list[str] = []
    for index in sorted(event.sentences | event.attached):
        sentence = sentences[index]
        folded = fold(sentence.text)
        if EXCLUDED.search(folded) or not years_agree(sentence, when):
            continue
        reported = REPORTED.search(folded)
        cut = reported.end() if reported else len(folded)
        members = membership_list(sentence)
        beside = index in event.beside
        found += [
            ref.iso3
            for ref in sentence.refs
            if ref.role == "actor"
            and ref.start < cut
            and ref not in members
            and (not beside or ref.iso3 == event.country)
        ]
    return found


MEMBERSHIP = re.compile(
    r"\b(?:(?:whose |its |the )?members?(?: states| countries)? (?:are|were|include|includes|including|comprise)"
    r"|member states?,? (?:namely|including|such as)|composed of|comprising|made up of|groups together"
    r"|brings together|unites|rassemble"
    r"|compte (?:\w+ )?(?:membres|pays membres|etats membres|pays|etats)"
    r"|(?:organisation|organization|bloc|alliance|union|communaute|community) (?:reunit|regroupe|unit)"
    r"|which (?:includes?|comprises?|groups)|(?:qui )?groupe"
    r"|(?:dont les|ses) (?:membres|etats membres|pays membres) sont|(?:qui )?regroupe"
    r"|compose(?:e|s|es)? de|(?:qui )?comprend|etats membres,? (?:a savoir|dont))\W+"
)


# "The CSTO includes A, B …", "the bloc comprises …": a body's own list; "participants include …" is attendance.
BODY_INCLUDES = re.compile(
    r"\b(?:[A-Z]{2,}|[Oo]rgani[sz]ation|bloc|alliance|[Uu]nion|[Cc]ommunity)\s+(?:includes|comprises|consists of)\W+"
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
    cues += [(cue.start(), cue.end()) for cue in BODY_INCLUDES.finditer(sentence.text)]
    for cue_start, cue_end in cues:
        members_named = "member" in folded[cue_start:cue_end] or "membre" in folded[cue_start:cue_end]
        if not members_named and any(0 <= cue_start - mention.end <= 40 for mention in sentence.mentions):
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
        folded = fold(sentence.text)
        if HOST_CUE.search(folded):
            actors = [ref for ref in sentence.refs if ref.role == "actor"]
            first = min((ref.start for ref in actors), default=len(folded))
            if not actors or event.country in {ref.iso3 for ref in actors} or HOST_NOUN.search(folded):
                return True
            if GUESTS_NAMED.search(folded[:first]):
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
    if not event.bilateral_cue and event.kind != "bi":
        states = list(dict.fromkeys(actors))
        if event.country and event.country not in states and _hosted(event, sentences):
            states.insert(0, event.country)
        return [states]
    host = None if event.inherited else event.country
    others = [state for state, _ in counts.most_common() if state != host]
    text = fold(" ".join(sentences[i].text for i in event.sentences))
    told_apart = AUDIENCE.search(text) and SEPARATELY.search(text)
    if (event.parent is not None and (SERIES_OF_BILATERALS.search(text) or AUDIENCE.search(text))) or told_apart:
        stated = receiving_state(event, sentences) or _receiving_venue(event, sentences, home)
        if stated is None and home is not None and _only_a_guest(event, sentences, home):
            # Whose state no word gives ("President X met the Turkish president"): one side known, not a guess.
            return [[state] for state in dict.fromkeys(actors)] or [[]]
        receiver = stated or home
        counterparts = [state for state in dict.fromkeys(actors) if state != receiver]
        if len(counterparts) >= 2 and receiver:
            return [[receiver, state] for state in counterparts]
        if stated and counterparts:
            return [[stated, counterparts[0]]]
    if host is not None and host not in counts and len(counts) == 2 and event.kind == "neutral":
        # "The Moroccan chief received the head of Senegal's service" in a city of neither: the two named are the sides.
        pair = list(counts)
        return [sorted(pair, key=lambda state: state != home)]
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


def _two_sides(event: Event, sentences: Sequence[Sentence]) -> bool:
    for index in event.sentences:
        sentence = sentences[index]
        if TWO_SIDES.search(fold(sentence.text)):
            return True
        text = sentence.text
        if any(
            ref.role == "actor" and "-" in (text[ref.start - 1 : ref.start] + text[ref.end : ref.end + 1])
            for ref in sentence.refs
        ):
            return True
    return False


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


TWO_SIDES = re.compile(
    r"\b(?:des deux pays|les deux pays|deux parties|les deux parties|both countries|the two countries|both sides"
    r"|the two sides|les deux delegations|both delegations|the two delegations)\b"
)


def meeting_format(event: Event, states: list[str], sentences: Sequence[Sentence] = ()) -> str:
    """Multilateral for gatherings or three states and more; bilateral for visits, talks and "a reçu".

    A gathering of exactly two states that its sentences call the two countries' own ("le comité
    mixte maroco-mauritanien", "delegations of both countries") is bilateral too.
    """
    if len(states) == 2 and event.kind == "multi" and _two_sides(event, sentences):
        return "bilateral"
    if event.kind == "multi" or len(states) >= 3:
        return "multilateral"
    if event.kind == "bi" or event.bilateral_cue:
        return "bilateral"
    return "multilateral"
