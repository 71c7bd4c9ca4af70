"""From assembled meetings to the label records a reviewer reads: dates, titles, organizer, topics.

Each meeting gets its final date (a stated duration lengthens a stated first day; without a
first day only the month is sure), its parties, a title in the article's language (the name
the text gives a multilateral meeting, "Entretiens Maroc–Qatar" for talks), its series and
edition, who organised it (a known organisation's name when the phrase is one), and the
taxonomy topics whose keywords its own sentences use. Bilateral talks with no security
vocabulary are dropped: the dashboard is about security cooperation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from functools import lru_cache

from liaison.extract.codebook import Codebook, Organisation
from liaison.extract.dates import When, find_duration, vocabulary
from liaison.extract.draft import DraftMeeting
from liaison.extract.events import Event
from liaison.extract.mentions import NOT_A_MEETING, PROTOCOL, SPELLED, Mention, Sentence
from liaison.extract.parties import (
    RECEIVING,
    home_state,
    invited_by,
    meeting_format,
    parties,
    party_actors,
    years_agree,
)
from liaison.extract.places import dateline_city
from liaison.words.folding import fold
from liaison.words.places import country_name

SECURITY = re.compile(
    r"secur|surete|renseign|intelligence|polic|terror|crim|defen[cs]|milit|espion|cyber|traffick|trafic"
    r"|gendarm|border|frontier|frontiere|extremis|radicali|drug|drogue|narco|armed forces|army|interpol|afripol"
    r"|europol|aseanapol|ameripol"
)


START_VERB = re.compile(r"s'est ouverte?|ouverture|s'ouvre|opened|opens|began|begins|kicked off|a debute|a commence")


HELD_VERB = re.compile(
    r"\b(?:held|holds|will hold|takes place|took place|will take place|scheduled|tenue?s?|se tiendra|se tient|aura lieu"
    r"|a eu lieu|prevue?s?|organisee?s?|organized|organised|met|se sont reunis|s'est reunie?|convened|gathered)\b"
)


END_VERB = re.compile(
    r"s'est (?:achevee?|terminee?|cloturee?)|a pris fin|(?:a|ont) (?:clos|cloture|acheve)|prend fin|s'acheve|se termine"
    r"|cloture|concluded|concludes|closed|closes|ended|ends|wrapped up|came to an end|drew to a close"
)


NAME_STOP_WORDS = (
    "a à au aux en in at held tenue tenu tenues qui which that is was will has have s'est se est ont "
    "sera from sous under co-chaired where où after before since depuis during lors pendant organisé "
    "organisée organized prévue scheduled était opened opens began focused started starts took takes s'ouvre s'ouvrira"
)
NAME_STOP = frozenset(fold(word) for word in NAME_STOP_WORDS.split())


ORGANIZER_CUES = re.compile(
    r"(?:organisee?s?|organized|organised|convened|co-hosted|hosted|coorganisee?s?) (?:par|by)\s+"
    r"|sous les auspices (?:du|de la|de l'|des|de)\s*|under the auspices of\s+"
    r"|(?:a l'|sur )invitation (?:du|de la|de l'|des|de)\s*"
    r"|at the invitation of\s+|sous la (?:co)?presidence (?:du|de la|de l'|des|de)\s*|co-chaired by\s+|chaired by\s+"
)


PERSON_TITLE = re.compile(r"^(?:s\.e|h\.e|m\.|mr|mme|mrs|dr|docteur|general|president|minister|ministre|sheikh)\b")


VENUE = re.compile(
    r"(?:\b(?:au|à l['’]|at(?: the)?|in the)\s+)(?P<venue>(?:[A-ZÀ-Ý][\w'’-]*\s+){0,4}?(?:Centre|Center|Palais|Palace|"
    r"Hôtel|Hotel|[Hh]eadquarters|siège)(?:\s+(?:[A-ZÀ-Ý][\w'’-]*|de|du|des|of|d['’]\w+|international|internationale))*)"
)


def finish(
    events: list[Event], sentences: list[Sentence], reference: When | None, body: str, codebook: Codebook
) -> list[dict]:
    """Dates, places, parties and format of each meeting, and the meetings worth proposing."""
    drafts: dict[int, dict] = {}
    for event in events:
        if event.country is None:
            event.country = invited_by(event, sentences)
    for event in events:
        _date_from_a_following_sentence(event, sentences)
        _place_from_a_following_sentence(event, sentences)
        drafts[id(event)] = {"event": event, "when": _final_date(event, sentences)}
    for event in events:
        _continue_talks(event, drafts)
    for position, event in enumerate(events):
        _during_the_stay(event, events[:position], drafts)
    lead = events[0] if events else None
    beside_dated = lead is not None and lead.parent is not None and drafts.get(id(lead.parent), {}).get("when")
    if (
        lead is not None
        and drafts[id(lead)]["when"] is None
        and lead.partial() is None
        and reference is not None
        and not beside_dated
    ):
        start = reference.start.replace(day=1) if reference.precision != "year" else reference.start
        drafts[id(lead)]["when"] = When(start, start, "month" if reference.precision != "year" else "year")
    # Talks a delegation held beside a meeting were held where the meeting was, which the outlet's dateline does not
    # say; a leader who received guests on its margins did so at home, where the dateline often is.
    beside = (
        lead is not None
        and lead.parent is not None
        and not any(RECEIVING.search(fold(sentences[i].text)) for i in lead.sentences)
    )
    if lead is not None and lead.city is None and lead.country is None and not beside:
        _dateline_fallback(lead, body)
    for event in events:
        draft = drafts[id(event)]
        parent = event.parent
        if parent is not None and id(parent) in drafts:
            parent_draft = drafts[id(parent)]
            if draft["when"] is None and event.partial() is None:
                draft["when"] = parent_draft["when"]
            child = draft["when"]
            if parent_draft["when"] is None and parent.partial() is None and child and child.precision != "year":
                start = child.start.replace(day=1)
                parent_draft["when"] = When(start, start, "month")
            if event.city is None and event.country is None:
                event.city, event.country = parent.city, parent.country
                event.inherited = True
            elif parent.city is None and parent.country is None:
                parent.country = event.country
    home = home_state(sentences, events)
    parents = {id(event.parent) for event in events if event.parent is not None}
    domestic = _domestic(events, sentences, codebook.organisations)
    followed = {id(event.follows) for event in events if event.follows is not None}
    result = []
    for event in events:
        draft = drafts[id(event)]
        actors = party_actors(event, sentences, draft["when"])
        for states in parties(event, actors, home, sentences, codebook.organisations):
            shape = meeting_format(event, states, sentences)
            if (
                shape == "bilateral"
                and event.parent is None
                and not any(SECURITY.search(fold(sentences[i].text)) for i in event.sentences | event.attached)
            ):
                continue
            if shape == "multilateral" and id(event) not in parents and _not_a_meeting(event, sentences):
                continue
            if shape == "multilateral" and id(event) not in parents and _summit_in_passing(event, sentences, lead):
                continue
            if shape == "multilateral" and id(event) not in parents and _unplaced(event, states, sentences):
                continue
            if shape == "multilateral" and domestic and len(set(states) | {event.country} - {None}) <= 1:
                continue
            if id(event) not in parents and event.kind != "multi" and _announces_talks(event, states, followed):
                continue
            kept = event.has_anchor() or draft["when"] or event is lead or id(event) in parents or event.parent
            if not kept:
                continue
            result.append({**draft, "states": states, "format": shape})
    return _without_repeats(result)


def _announces_talks(event: Event, states: list[str], followed: set[int]) -> bool:
    """ "She held a number of bilateral meetings. She first received …": the plural announces the talks told next.

    Talks in the plural with no counterpart of their own, which later talks follow, are those talks, not more.
    """
    if id(event) not in followed or len(states) > 1:
        return False
    return all(m.plural and not m.verb for m in event.mentions if m.cls != "coref")


def _continue_talks(event: Event, drafts: dict[int, dict]) -> None:
    """ "He then received the Libyan minister": talks told next, with no date or place, share those of the last."""
    before = event.follows
    if before is None or id(before) not in drafts:
        return
    if drafts[id(event)]["when"] is None and event.partial() is None:
        drafts[id(event)]["when"] = drafts[id(before)]["when"]
    if event.city is None and event.country is None:
        event.city, event.country = before.city, before.country


def _during_the_stay(event: Event, earlier: list[Event], drafts: dict[int, dict]) -> None:
    """ "He took part in the meeting in Rabat on Tuesday. During his stay he met the Moroccan minister": the talks,
    told by their verb alone with no day or place of their own, were held when and where the gathering before was."""
    if event.parent is not None or event.follows is not None or event.kind == "multi" or not event.bilateral_cue:
        return
    if event.city is not None or event.country is not None or event.partial() is not None or drafts[id(event)]["when"]:
        return
    if not event.mentions or not all(m.verb for m in event.mentions):
        return
    gatherings = [e for e in earlier if e.kind != "bi" and not e.bilateral_cue and not e.future]
    if not gatherings or gatherings[-1] is not (earlier[-1] if earlier else None):
        return
    gathering = gatherings[-1]
    drafts[id(event)]["when"] = drafts[id(gathering)]["when"]
    event.city, event.country = gathering.city, gathering.country


def _date_from_a_following_sentence(event: Event, sentences: list[Sentence]) -> None:
    """ "They met in Rabat. It was held on 6 December": the day a pronoun's sentence gives is the meeting's.

    Only for a meeting with no day of its own, from the sentence right after one of its
    own, when that sentence names no other meeting and says it took place or was held.
    """
    when = event.when()
    if (when is not None and when.precision == "day") or event.partial() is not None:
        return
    for index in sorted(event.sentences):
        following = index + 1
        if following not in event.attached or following >= len(sentences):
            continue
        sentence = sentences[following]
        days = [d for d in sentence.dates if d.kind == "day" and d.when is not None and not d.marks & {"historical"}]
        if len(days) == 1 and HELD_VERB.search(fold(sentence.text)):
            event.dates.append(days[0])
            return


# "Sent delegations to the Mauritanian capital", "the talks were held at a hotel in Accra": a sentence that says where
# the meeting's people went or sat.
WENT_OR_HELD = re.compile(
    r"\b(?:sent|send|travel+ed|arrived|came|went|flew|se sont rendus|s'est rendue?|arrive|envoye|depeche)\b"
    r"|\b(?:held|hosted|took place|se sont deroules?|se deroulent|s'est deroulee?|se tiennent|a eu lieu)\b"
)


def _place_from_a_following_sentence(event: Event, sentences: list[Sentence]) -> None:
    """ "The forum was held on Wednesday. Mali and Niger sent delegations to the Mauritanian capital": its city.

    Only for a meeting with no place of its own, from the two sentences after one of its own that name no
    meeting, when they say where its people went or where it was held.
    """
    if event.city is not None or event.country is not None:
        return
    for index in sorted(event.sentences):
        for following in (index + 1, index + 2):
            if following not in event.attached or following >= len(sentences):
                break
            sentence = sentences[following]
            if sentence.places and WENT_OR_HELD.search(fold(sentence.text)):
                event.city, event.country = sentence.places[0], sentence.places[0].iso3
                return


def _not_a_meeting(event: Event, sentences: list[Sentence]) -> bool:
    """True when every noun naming the gathering names a summit of heads of state, a party congress or a reception."""
    nouns = [m for m in event.mentions if not m.verb and m.cls != "coref"]
    if not nouns:
        return False
    for mention in nouns:
        folded = fold(sentences[mention.sentence].text)
        before, after = folded[max(0, mention.start - 50) : mention.start], folded[mention.end : mention.end + 50]
        if not (NOT_A_MEETING.search(before) or NOT_A_MEETING.match(after) or PROTOCOL.search(before[-25:])):
            return False
    return True


INTERNATIONAL = re.compile(
    r"internation|region|multilat|bilat|foreign|etranger|homologue|counterpart|delegation|ambassad|embass|partenaire"
    r"|partner|africa|arab|europ|asia|mondial|global|world|sommet|summit|interpol|cooperation"
)


def _unplaced(event: Event, states: list[str], sentences: list[Sentence]) -> bool:
    """A gathering with no party, place, edition, date or name of its own: nothing a reviewer could record."""
    if states or event.city or event.country or event.edition or event.when() or event.partial():
        return False
    name = _name(event, sentences)
    return not name or sum(word[:1].isupper() for word in name.split()) < 2


# A trade fair or a business conference: firms selling to visitors, not states meeting. With no state named as a
# party, such a gathering is no security cooperation however much security it sells.
TRADE = re.compile(
    r"\b(?:exhibitors?|exposants?|trade (?:fair|show)s?|salon professionnel|companies|entreprises|industry|industrie"
    r"|sales|chiffre d'affaires|visitors|visiteurs|customers|clients)\b"
)


def _domestic(events: list[Event], sentences: list[Sentence], organisations: Sequence[Organisation]) -> bool:
    """A minister meeting his own prefects: one state, no other party, no organisation, nothing foreign or joint.

    True when the article names one state as a party or none (a cabinet's meeting, a trade fair, a lecture; a
    numbered series with no state named is some body's, and is kept), never a second, and no meeting's own
    sentences name an organisation or a word of foreign or joint work; a foreign country named only as a place
    ("jihadists back from Syria") does not make a cabinet's security meeting an international one.
    """
    parties = {ref.iso3 for sentence in sentences for ref in sentence.refs if ref.role == "actor"}
    own = sorted({index for event in events for index in event.sentences | event.attached})
    numbered = any(event.edition for event in events)
    if len(parties) > 1 or (not parties and numbered and not any(TRADE.search(fold(sentences[i].text)) for i in own)):
        return False
    for index in own:
        folded = fold(sentences[index].text)
        if INTERNATIONAL.search(folded):
            return False
        for _, _, _, names in organisations:
            if any(re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", folded) for name in names if len(name) > 2):
                return False
    return True


# Gatherings of every kind, security or not: kept only when their own sentences speak of security.
GENERAL_GATHERING = re.compile(r"summits?|sommets?|forums?|assembl\w*|congres\w*|conventions?|celebrations|gathering")


def _summit_in_passing(event: Event, sentences: list[Sentence], lead: Event | None = None) -> bool:
    """ "Ahead of the African Union summit in Addis Ababa": a named summit, forum or assembly with no security word.

    "They will hold a summit", "the next assembly" and a numbered edition that the article opens with are its own
    series, and stay; "he will attend the 37th AU summit", told after the meeting, is a summit in passing.
    """
    nouns = [m for m in event.mentions if not m.verb and m.cls != "coref"]
    if not nouns or not all(GENERAL_GATHERING.fullmatch(fold(m.head)) for m in nouns):
        return False
    own_edition = event.edition and (event is lead or lead is None or lead.parent is event)
    if all(m.det in {"indef", "next"} for m in nouns) or own_edition or event.series_of is not None:
        return False
    return not any(
        SECURITY.search(folded) or re.search(r"interior|interieur|ministerial", folded)
        for folded in (fold(sentences[i].text) for i in event.sentences)
    )


def _without_repeats(drafts: list[dict]) -> list[dict]:
    """One bilateral per pair of states and time: "une série d'entretiens" told twice is one meeting."""
    kept: list[dict] = []
    for draft in drafts:
        twin = next((other for other in kept if _same_talks(other, draft)), None)
        if twin is None:
            kept.append(draft)
        elif draft["event"].parent is not None and twin["event"].parent is None:
            kept[kept.index(twin)] = {**draft, "when": draft["when"] or twin["when"]}
    return kept


def _same_talks(one: dict, two: dict) -> bool:
    if one["format"] != "bilateral" or two["format"] != "bilateral" or len(one["states"]) != 2:
        return False
    if set(one["states"]) != set(two["states"]):
        return False
    first, second = one["when"], two["when"]
    if first is not None and second is not None and first != second:
        return False
    cities = {event.city.city for event in (one["event"], two["event"]) if event.city}
    return len(cities) <= 1


def _final_date(event: Event, sentences: list[Sentence]) -> When | None:
    """The meeting's date, lengthened by a stated duration from a stated day, or cut to the month.

    A day with a duration is the first day when the sentence says the meeting opened or was
    held that day ("a two-day meeting held on 3 May"); a day it ended ("closed on 5 May after
    three days") or a moment within it (a speech "at the conference on 4 May") leaves which
    days a guess, and only the month is sure.
    """
    when = event.when()
    if when is None or when.precision != "day" or when.start != when.end:
        return when
    closing = _closing_day(event, sentences, when)
    if closing is not None:
        return When(when.start, closing, "day")
    days = max((find_duration(sentences[i].text) or 0 for i in event.sentences | event.attached), default=0)
    if days <= 1:
        return when
    source = next((d for d in event.dates if d.when == when), None)
    started = source is not None and "start" in source.marks
    for index in event.sentences:
        sentence = sentences[index]
        if source is not None and source in sentence.dates and START_VERB.search(fold(sentence.text)):
            started = True
    for index in event.sentences:
        sentence = sentences[index]
        folded = fold(sentence.text)
        if source is not None and source in sentence.dates and HELD_VERB.search(folded) and not END_VERB.search(folded):
            started = True
    if started:
        return When(when.start, when.start + timedelta(days=days - 1), "day")
    start = when.start.replace(day=1)
    return When(start, start, "month")


UNTIL = re.compile(
    r"(?:s'est (?:achevee?|terminee?|cloturee?)|a pris fin|(?:a|ont) (?:clos|cloture|acheve)|prend fin|s'acheve"
    r"|se termine|ended|ends|closed|closes|concluded|concludes|wrapped up|jusqu'(?:a|au)|until|through"
    # "Opened on 7 October and will close on 9 October", "s'achèvera le 9".
    r"|will (?:close|end|conclude)|(?:prendra fin|s'achevera|se cloturera|se terminera))"
    r"\W+(?:\w+\W+){0,2}$"
)


def _closing_day(event: Event, sentences: list[Sentence], opening: When) -> date | None:
    """ "Opened on Thursday … ended on Saturday", "jusqu'à dimanche": the last day the meeting's sentences give."""
    for index in sorted(event.sentences | event.attached):
        sentence = sentences[index]
        folded = fold(sentence.text)
        for mention in sentence.dates:
            when = mention.when
            if when is None or when.precision != "day" or "historical" in mention.marks:
                continue
            if not opening.start < when.end <= opening.start + timedelta(days=10):
                continue
            if UNTIL.search(folded[max(0, mention.start - 40) : mention.start]):
                return when.end
    return None


def _dateline_fallback(event: Event, body: str) -> None:
    for line in body.splitlines()[:12]:
        place = dateline_city(line)
        if place is not None:
            event.city, event.country = place, place.iso3
            return


def render(drafts: list[dict], sentences: list[Sentence], lang: str, codebook: Codebook) -> list[DraftMeeting]:
    """The drafts as label records; a bilateral's `parent` is the index of the meeting it was held beside."""
    index_of: dict[int, int] = {}
    for position, draft in enumerate(drafts):
        index_of.setdefault(id(draft["event"]), position)
    records = []
    for draft in drafts:
        event, when, states = draft["event"], draft["when"], draft["states"]
        name = _name(event, sentences)
        series = _series(event, sentences)
        records.append(
            DraftMeeting(
                title=_title(event, name, states, draft["format"], lang),
                series=series,
                edition=event.edition,
                start_date=when.start.isoformat() if when else None,
                end_date=when.end.isoformat() if when else None,
                date_precision=when.precision if when else None,
                city=event.city.city if event.city else None,
                country_iso3=event.country,
                venue=_venue(event, sentences),
                organizer=_organizer(event, sentences, name, lang, codebook.organisations),
                format=draft["format"],
                participant_states_iso3=states,
                parent=index_of.get(id(event.parent)) if event.parent is not None else None,
                topics=_topics(event, sentences, when, codebook.topics),
            )
        )
    return records


def _name_phrase(sentence: Sentence, mention: Mention) -> str:
    """The meeting's name as the sentence writes it: ordinal, trigger and complements, up to a clause boundary."""
    text = sentence.text
    start = mention.start
    window = text[max(0, start - 60) : start]
    ordinal = re.search(
        r"(?:\d{1,3}\s*(?:e|er|ème|eme|re|st|nd|rd|th)|[IVXLC]+e|\b\w+ième|\b\w+ieme)\s+(?:[^\s,;:.()]+\s+){0,5}$",
        window,
    )
    if ordinal and re.match(r"\S+\s+of\s+[A-Z][a-z]+\b", window[ordinal.start() :]):
        ordinal = None
    if ordinal:
        start = start - len(window) + ordinal.start()
    else:
        left = re.search(r"(?:\b(?:19|20)\d{2}\s+)?(?:[A-ZÀ-Ý][\w'’-]*\s+){1,4}$", window)
        if (left and mention.cls != "neutral") or (left and text[mention.start].isupper()):
            start = start - len(window) + left.start()
    words = []
    pieces = [word for word in re.split(r"(\s+)", text[start:])[::2] if word]
    for position, word in enumerate(pieces):
        if words and fold(word) in NAME_STOP:
            break
        following = pieces[position + 1] if position + 1 < len(pieces) else ""
        if words and fold(word) in {"le", "on", "du"} and _a_date_follows(following):
            break
        clean = re.split(r"[,;:.()«»\"“”–—]", word)[0]
        if clean:
            words.append(clean)
        if clean != word or len(words) >= 16:
            break
    phrase = " ".join(words).strip(" '’")
    phrase = re.sub(r"^(?:la|le|les|l['’]|the)\s*", "", phrase, flags=re.IGNORECASE)
    return phrase[:1].upper() + phrase[1:]


def _a_date_follows(word: str) -> bool:
    """ "On 3 May", "on Monday", "le 6 décembre": the name has ended and its date begins."""
    months, weekdays, _, _ = vocabulary()
    folded = fold(word).strip(",.")
    return word[:1].isdigit() or folded in weekdays or (folded in months and word[:1].isupper())


def _name(event: Event, sentences: list[Sentence]) -> str | None:
    candidates = [m for m in event.mentions if m.cls in {"multi", "neutral"} and not m.verb and m.det != "demo"]
    if not candidates:
        return None
    with_edition = [m for m in candidates if m.edition]
    pool = with_edition or candidates
    phrases = [_name_phrase(sentences[m.sentence], m) for m in pool]
    return max(phrases, key=lambda phrase: (sum(w[:1].isupper() for w in phrase.split()), len(phrase)))


def _series(event: Event, sentences: list[Sentence]) -> str | None:
    source = event.series_of or event
    if source.created_by == "previous" or (event.created_by == "previous"):
        owners = [e for e in [source] if e.edition]
        source = owners[0] if owners else source
    if not source.edition:
        return None
    name = _name(source, sentences)
    if not name:
        return None
    name = re.sub(r"^(?:\S+['’]s\s+)?(?:\d{1,3}\s*(?:e|er|ème|eme|re|st|nd|rd|th)|[IVXLC]+e|\w+i[eè]me)\s+", "", name)
    name = re.sub(
        r"^(?:session|séance|seance|meeting|réunion|edition|édition)\s+(?:du|de la|de l['’]|des|of the|of)\s+", "", name
    )
    return name[:1].upper() + name[1:] if name else None


def _title(event: Event, name: str | None, states: list[str], meeting_format: str, lang: str) -> str:
    place = event.city.city if event.city else (country_name(event.country, lang) if event.country else None)
    if meeting_format == "bilateral" and len(states) == 2:
        pair = "–".join(country_name(state, lang) for state in states)
        if lang == "fr":
            return f"Entretiens {pair}" + (f" ({place})" if place else "")
        return f"{pair} talks" + (f" ({place})" if place else "")
    if meeting_format == "bilateral" and len(states) == 1:
        side = country_name(states[0], lang)
        return (f"Entretiens avec {side}" if lang == "fr" else f"Talks with {side}") + (f" ({place})" if place else "")
    if event.created_by == "previous" and event.year_hint:
        year = event.year_hint.start.year
        return f"{place}, {year}" if place else str(year)
    if name and len(name.split()) > 1:
        spelled = fold(name.split()[0]) in SPELLED
        if event.edition and not spelled and not re.match(r"^(?:\S+['’]s\s+)?\S*\d", name):
            return _with_ordinal(name, event.edition, lang)
        return name
    noun = "Réunion" if lang == "fr" else "Meeting"
    return f"{noun} ({place})" if place else noun


def _with_ordinal(name: str, edition: int, lang: str) -> str:
    if lang == "fr":
        return f"{edition}e {name[:1].lower()}{name[1:]}"
    suffix = "th" if 10 <= edition % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(edition % 10, "th")
    return f"{edition}{suffix} {name}"


def _venue(event: Event, sentences: list[Sentence]) -> str | None:
    for index in sorted(event.sentences):
        match = VENUE.search(sentences[index].text)
        if match:
            return match.group("venue").strip()
    return None


def _organizer(
    event: Event, sentences: list[Sentence], name: str | None, lang: str, organisations: Sequence[Organisation]
) -> str | None:
    """Who organised, hosted, invited or convened, as a known organisation's name where one is named."""
    return _organizer_found(event, sentences, name, lang, organisations)[0]


def _organizer_found(
    event: Event, sentences: list[Sentence], name: str | None, lang: str, organisations: Sequence[Organisation]
) -> tuple[str | None, int | None]:
    """The organizer and the index of the sentence it was read from (None when it comes from the name)."""
    for index in sorted(event.sentences | event.attached):
        text = sentences[index].text
        folded = fold(text)
        if not years_agree(sentences[index], event.when()):
            continue
        candidates = [(cue.end(), text[cue.end() :]) for cue in ORGANIZER_CUES.finditer(folded)]
        subject = re.match(
            r"^\s*((?:le|la|l'|the)\s+[^,]{3,90}?)\s+(?:organise|organises|organizes|organisent)\b", folded
        )
        if subject:
            candidates.insert(0, (0, text[: subject.end(1)]))
        for _, phrase in candidates:
            phrase = re.split(r"[,;.(]|\s+(?:qui|which|who)\s+", phrase)[0].strip()
            if not phrase or PERSON_TITLE.match(fold(phrase)):
                continue
            known = _known_organization(phrase, lang, organisations)
            if known:
                return known, index
            words = phrase.split()
            if 1 <= len(words) <= 14:
                return re.sub(r"^(?:le|la|les|l['’]|the|du|de la|des)\s*", "", phrase, flags=re.IGNORECASE), index
    if name:
        known = _known_organization(name, lang, organisations, kinds=("police", "forum", "body", "un-body"))
        if known:
            return known, None
    return None, None


def _known_organization(
    phrase: str, lang: str, organisations: Sequence[Organisation], kinds: tuple[str, ...] = ()
) -> str | None:
    """A known organisation the phrase names, if its name is most of the phrase (or any, for a title's owner)."""
    folded = fold(phrase)
    for english, french, kind, names in organisations:
        if kinds and kind not in kinds:
            continue
        if kind == "agency" and not kinds:
            continue
        for name in names:
            if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", folded) and (kinds or len(name) * 2 >= len(folded)):
                return french if lang == "fr" else english
    return None


def _topics(
    event: Event, sentences: list[Sentence], when: When | None, words: Mapping[str, Sequence[str]]
) -> list[str]:
    """Taxonomy topics whose keywords occur in the meeting's own sentences, in order of first appearance."""
    text = " \n ".join(
        fold(sentences[i].text) for i in sorted(event.sentences | event.attached) if years_agree(sentences[i], when)
    )
    first: dict[str, int] = {}
    for topic, keywords in words.items():
        match = keyword_pattern(tuple(keywords)).search(text)
        if match:
            first[topic] = match.start()
    return sorted(first, key=first.get)


@lru_cache(maxsize=256)
def keyword_pattern(keywords: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for a topic's keywords over folded text, compiled once rather than per meeting and keyword."""
    words = sorted({fold(word) for word in keywords if word.strip()}, key=len, reverse=True) or ["(?!)"]
    body = "|".join(re.escape(word) if word != "(?!)" else word for word in words)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])")


def evidence(draft: dict, record: dict, sentences: list[Sentence], lang: str, codebook: Codebook) -> dict[str, int]:
    """Field -> index of the sentence the field of one rendered record was read from, for the fields it has."""
    event: Event = draft["event"]
    own = sorted(event.sentences | event.attached)
    found: dict[str, int] = {}
    meeting = event.first if event.mentions else (own[0] if own else None)
    if meeting is not None and meeting < len(sentences):
        found["meeting"] = meeting
    when = draft["when"]
    if record["start_date"] is not None:
        source = next((d for d in event.dates if when is not None and d.when == when), None)
        source = source or next(iter(event.dates), None)
        where = _holding(sentences, "dates", source)
        if where is None and event.created_by == "previous" and meeting is not None:
            where = meeting
        if where is not None:
            found["date"] = where
    if record["city"] or record["country_iso3"]:
        place = event.parent if event.inherited and event.parent is not None else event
        where = _holding(sentences, "places", place.city)
        if where is None and place.city is not None:
            where = next((s.index for s in sentences if place.city.city in s.text), None)
        if where is None and event.created_by == "previous" and meeting is not None:
            where = meeting
        if where is None and record["country_iso3"]:
            where = next((i for i in own if any(ref.iso3 == record["country_iso3"] for ref in sentences[i].refs)), None)
        if where is not None:
            found["venue"] = where
    states = set(record["participant_states_iso3"])
    if states:
        counts = [(len({ref.iso3 for ref in sentences[i].refs} & states), -i) for i in own]
        best = max(counts, default=(0, 0))
        if best[0]:
            found["participants"] = -best[1]
    if record["organizer"]:
        where = _organizer_found(event, sentences, _name(event, sentences), lang, codebook.organisations)[1]
        if where is None:
            where = meeting
        if where is not None:
            found["organizer"] = where
    if record["topics"]:
        patterns = [keyword_pattern(tuple(codebook.topics.get(topic, ()))) for topic in record["topics"]]
        where = next(
            (
                i
                for i in own
                if years_agree(sentences[i], when) and any(p.search(fold(sentences[i].text)) for p in patterns)
            ),
            None,
        )
        if where is not None:
            found["topics"] = where
    if record["parent"] is not None and event.parent is not None:
        shared = sorted(event.sentences & (event.parent.sentences | event.parent.attached))
        where = shared[0] if shared else meeting
        if where is not None:
            found["parent"] = where
    return found


def _holding(sentences: list[Sentence], attribute: str, item: object) -> int | None:
    """The index of the sentence whose dates or places hold this very object."""
    if item is None:
        return None
    return next((s.index for s in sentences if any(x is item for x in getattr(s, attribute))), None)
