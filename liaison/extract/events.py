"""From mentions to meetings: which mention opens a meeting and which refers back to one.

Walking the sentences in order, a mention joins an earlier meeting when its determiner says
so ("cette", "the") and nothing it carries contradicts that meeting (another date, city,
edition, or the past against the announced), and opens a new one otherwise ("une visite",
"the next assembly"). Sentence-level cues then link meetings: "en marge de" / "on the
sidelines of" (also "on its sidelines", "of which", "au cours de cette conférence", "on the
second day of") makes a parent, "dans le cadre de la participation aux travaux de" makes a
visit the trip to a meeting. A last pass folds together meetings that turned out to be one,
and `link_to_the_meeting` puts talks held within the article's one multilateral meeting, at
its place, beside it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from liaison.extract.dates import DateMention, When
from liaison.extract.mentions import ATTENDANCE, MARGIN, MULTI, NEUTRAL, Mention, Sentence
from liaison.extract.places import PlaceRef
from liaison.words.folding import fold


@dataclass(eq=False)
class Event:
    """A meeting as assembled from its mentions."""

    mentions: list[Mention] = field(default_factory=list)
    sentences: set[int] = field(default_factory=set)
    kind: str = "neutral"
    dates: list[DateMention] = field(default_factory=list)
    city: PlaceRef | None = None
    country: str | None = None
    edition: int | None = None
    future: bool = False
    parent: Event | None = None
    created_by: str = "mention"
    year_hint: When | None = None
    series_of: Event | None = None
    states: list[str] = field(default_factory=list)
    attached: set[int] = field(default_factory=set)
    inherited: bool = False
    visited: bool = False
    actors: set[str] = field(default_factory=set)
    bilateral_cue: bool = False
    last_touch: int = 0
    previous: bool = False
    follows: Event | None = None
    beside: set[int] = field(default_factory=set)

    @property
    def first(self) -> int:
        return min((m.sentence, m.start) for m in self.mentions)[0] if self.mentions else 10**6

    def when(self) -> When | None:
        """The finest date its mentions give."""
        resolved = [m.when for m in self.dates if m.when is not None]
        if not resolved:
            return self.year_hint
        order = {"day": 0, "month": 1, "year": 2}
        return min(resolved, key=lambda w: (order[w.precision], w.start))

    def partial(self) -> tuple[int, tuple[int, int] | None] | None:
        for mention in self.dates:
            if mention.when is None and mention.month is not None:
                return mention.month, mention.days
        return None

    def has_anchor(self) -> bool:
        dated = any(mention.when is not None or mention.month is not None for mention in self.dates)
        return bool(dated or self.city or self.country or self.edition or self.year_hint)


def when_of(mention: Mention) -> When | None:
    """The finest resolved date a mention carries, to compare it with a meeting's."""
    order = {"day": 0, "month": 1, "year": 2}
    resolved = [d.when for d in mention.dates if d.when is not None]
    return min(resolved, key=lambda w: order[w.precision]) if resolved else None


def _overlap(a: When, b: When) -> bool:
    return _expand(a)[0] <= _expand(b)[1] and _expand(b)[0] <= _expand(a)[1]


def _expand(when: When) -> tuple:
    if when.precision == "year":
        return (when.start.year, 1, 1), (when.end.year, 12, 31)
    if when.precision == "month":
        return (when.start.year, when.start.month, 1), (when.end.year, when.end.month, 31)
    return (when.start.year, when.start.month, when.start.day), (when.end.year, when.end.month, when.end.day)


def dates_compatible(first: When | None, first_partial, second: When | None, second_partial) -> bool:
    """True unless the two say different times: resolved dates must overlap, partial day-months must agree."""
    if first is not None and second is not None:
        return _overlap(first, second)
    one = first_partial if first is None else (first.start.month, (first.start.day, first.end.day))
    two = second_partial if second is None else (second.start.month, (second.start.day, second.end.day))
    if first is not None and first.precision != "day":
        one = (first.start.month, None) if first.precision == "month" else None
    if second is not None and second.precision != "day":
        two = (second.start.month, None) if second.precision == "month" else None
    if one is None or two is None:
        return True
    if one[0] != two[0]:
        return False
    if one[1] is None or two[1] is None:
        return True
    return one[1][0] <= two[1][1] and two[1][0] <= one[1][1]


def mention_partial(mention: Mention):
    """A day-month the text gives without a year: still enough to tell June from May."""
    for date_mention in mention.dates:
        if date_mention.when is None and date_mention.month is not None:
            return date_mention.month, date_mention.days
    return None


def same_city(one: PlaceRef, two: PlaceRef) -> bool:
    """The same city however written ("Yaoundé", "Yaounde"); the spelling is compared first, as it mostly agrees."""
    return one.city == two.city or fold(one.city) == fold(two.city)


def compatible(event: Event, mention: Mention, kinds: bool = True) -> bool:
    """True when nothing the mention carries contradicts the meeting."""
    if kinds and {event.kind, mention.cls} == {"multi", "bi"}:
        return False
    if not dates_compatible(event.when(), event.partial(), when_of(mention), mention_partial(mention)):
        return False
    if mention.edition and event.edition and mention.edition != event.edition:
        return False
    city = mention.places[0] if mention.places else None
    if city and event.city and not same_city(city, event.city):
        return False
    country = city.iso3 if city else (mention.countries[0].iso3 if mention.countries else None)
    return not (country and event.country and country != event.country)


def absorb(event: Event, mention: Mention) -> None:
    """Add a mention's anchors to a meeting."""
    event.mentions.append(mention)
    event.sentences.add(mention.sentence)
    event.dates.extend(mention.dates)
    if mention.cls in {"multi", "bi"} and event.kind == "neutral":
        event.kind = mention.cls
    if mention.edition and not event.edition:
        event.edition = mention.edition
    if mention.places and event.city is None:
        event.city = mention.places[0]
        event.country = event.city.iso3
    if mention.countries and event.country is None:
        event.country = mention.countries[0].iso3
        event.visited = event.kind == "bi"
    if mention.future:
        event.future = True
    event.bilateral_cue = event.bilateral_cue or mention.bilateral_cue


def merge_events(keep: Event, gone: Event) -> None:
    """Fold one meeting into another that turned out to be the same."""
    for mention in gone.mentions:
        absorb(keep, mention)
    keep.sentences |= gone.sentences
    keep.attached |= gone.attached
    keep.beside |= gone.beside
    keep.actors |= gone.actors
    keep.future = keep.future or gone.future
    if gone.parent is not None and keep.parent is None and gone.parent is not keep:
        keep.parent = gone.parent
    keep.last_touch = max(keep.last_touch, gone.last_touch)


def build_events(sentences: list[Sentence]) -> list[Event]:
    """Walk the sentences in order, joining each mention to the meeting it refers to or opening a new one.

    Within a sentence, a noun does not refer back to a meeting another noun of the same
    sentence has just opened ("a state visit before the council meeting" names two).
    """
    events: list[Event] = []
    clock = 0
    current: Event | None = None
    for sentence in sentences:
        touched: list[tuple[Mention, Event]] = []
        opened: list[Event] = []
        folded = fold(sentence.text)
        cue = MARGIN.search(folded)
        for group in _groups(sentence):
            mention = group
            if mention.generic:
                continue
            known = len(events)
            hidden = [] if mention.verb or mention.det == "demo" else list(opened)
            if not mention.verb and FRAME_BEFORE.search(folded[max(0, mention.start - 40) : mention.start]):
                hidden += [e for m, e in touched if m.verb and m.bilateral_cue]
            forced = False
            if cue and mention.start > cue.end() and mention.bilateral_cue:
                hidden += [e for m, e in touched if m.start >= cue.end()][:1]
                forced = bool(hidden) and mention.det != "demo"
            if cue and mention.verb and mention.bilateral_cue and mention.det != "demo":
                multis = _gatherings(events)
                hidden += multis
                forced = forced or bool(multis)
            framed = cue and (cue.group("frame") or cue.group("during"))
            if cue and not framed and not mention.verb and cue.end() <= mention.start <= cue.end() + 80:
                hidden += [e for m, e in touched if m.end <= cue.start()]
            if forced:
                mention.det = "indef"
            actors = {ref.iso3 for ref in sentence.refs if ref.role == "actor"}
            event = _resolve(mention, [e for e in events if e not in hidden] if hidden else events, actors)
            if event is not None and event not in events:
                events.append(event)
            if len(events) > known and not mention.verb:
                opened.append(event)
            if event is None:
                continue
            clock += 1
            event.last_touch = clock
            event.actors |= {ref.iso3 for ref in sentence.refs if ref.role == "actor"}
            touched.append((mention, event))
            # A summit or reception named in passing is no meeting the next sentences go on to tell.
            aside = all(m.aside for m in event.mentions)
            if not aside and (not event.previous or current is None or current.previous):
                current = event
        if not touched and current is not None:
            current.attached.add(sentence.index)
        _margins(sentence, touched, events)
        _during(sentence, touched)
        beside = [e for _, e in touched if current is not None and e.parent is current]
        if beside:
            # "A meeting was held on the sidelines of the Dialogue. China and India were represented": at the meeting.
            current = beside[-1]
        _another(sentence, opened, events)
        _attendance(sentence, touched, events)
        _framing(touched, opened, events)
    for event in events:
        if event.follows is not None and _apart_in_time(event, sentences):
            # "Ahead of the summit, A had held talks with B" follows no talks told before: it is earlier.
            event.follows = None
        if event.follows is not None and event.parent is None and event.follows.parent in events:
            event.parent = event.follows.parent
    return events


# "Met his counterpart during the assembly": the noun after these words frames the talks, it is not them.
FRAME_BEFORE = re.compile(
    r"\b(?:during|at|lors d[eu']|au cours d[eu']|pendant|durant|a l'occasion d[eu'])\s*(?:\w+\s+){0,2}$"
)


def _groups(sentence: Sentence) -> list[Mention]:
    """Mentions of one sentence that are one meeting: "l'édition de la réunion", "s'est rendu … pour des entretiens".

    A coreferent noun joins the trigger right after it; a verb joins the next noun of its
    clause unless each brings a date or a place of its own.
    """
    groups: list[Mention] = []
    folded = fold(sentence.text)
    for mention in sentence.mentions:
        if groups:
            last = groups[-1]
            gap = folded[last.end : mention.start]
            adjacent = len(gap) <= 25 and not re.search(r"[,;:()]", gap) and not MARGIN.search(gap)
            clause = len(gap) <= 80 and not re.search(r"[;()]", gap) and not MARGIN.search(gap)
            clause = clause and not FRAME_BEFORE.search(gap)
            own = bool(last.dates and mention.dates) or bool(last.places and mention.places)
            verb_then_noun = last.verb and not mention.verb and mention.det not in {"demo", "next"} and not own
            verb_then_noun = verb_then_noun and not last.generic
            # "S'est entretenu mardi, lors d'une rencontre à Rabat, avec son homologue": the meeting is the talks.
            framed_talks = last.verb and last.bilateral_cue and not last.generic and not own and len(gap) <= 80
            framed_talks = framed_talks and mention.det == "indef" and mention.cls in {"neutral", "bi"}
            framed_talks = framed_talks and not mention.verb and bool(FRAME_BEFORE.search(gap))
            joined = (adjacent and last.cls == "coref") or (clause and verb_then_noun) or framed_talks
            if mention.cls != "coref" and joined:
                mention.dates = last.dates + mention.dates
                mention.places = last.places + mention.places
                mention.countries = last.countries + mention.countries
                mention.edition = mention.edition or last.edition
                mention.bilateral_cue = mention.bilateral_cue or last.bilateral_cue
                mention.future = mention.future or last.future
                mention.generic = mention.generic and not last.verb
                if last.det in {"demo", "next"}:
                    mention.det = last.det
                groups[-1] = mention
                continue
        groups.append(mention)
    return groups


def _resolve(mention: Mention, events: list[Event], actors: frozenset[str] | set[str] = frozenset()) -> Event | None:
    """The meeting a mention refers to: demonstratives point back, indefinites and "next" open a new one."""
    recent = sorted(events, key=lambda event: -event.last_touch)
    follows = None
    if mention.cls == "coref":
        target = next((event for event in recent if compatible(event, mention, kinds=False)), None)
        if target is not None:
            absorb(target, mention)
        return target
    if mention.det == "demo":
        target = next((event for event in recent if compatible(event, mention, kinds=False)), None)
    elif mention.det in {"indef", "next"} or mention.aside:
        target = None
    else:
        joinable = [event for event in recent if _joinable(event, mention) and event.previous <= mention.previous]
        follows = next((event for event in joinable if _new_counterpart(event, mention, actors)), None)
        joinable = [event for event in joinable if not _new_counterpart(event, mention, actors)]
        if follows is not None or _talks_with_a_counterpart(mention, actors):
            joinable = [event for event in joinable if event.kind != "multi"]
        same_head = [event for event in joinable[:3] if _head(mention) in {_head(m) for m in event.mentions}]
        target = (same_head or joinable or [None])[0]
    if target is None:
        target = Event(kind=mention.cls)
        if mention.det == "def" and mention.cls != "coref":
            target.follows = follows
        if mention.det == "next":
            previous = next((event for event in recent if event.edition and event.kind != "bi"), None)
            if previous is not None and not mention.edition:
                mention.edition = previous.edition + 1
                target.series_of = previous
    if mention.previous and not target.mentions:
        target.previous = True
    absorb(target, mention)
    return target


def _talks_with_a_counterpart(mention: Mention, actors: frozenset[str] | set[str]) -> bool:
    """ "The summit opened on Monday. The president received his Ghanaian counterpart": talks, not the summit again.

    A verb of talks whose sentence names a party is talks of their own; it never refers back to a
    multilateral meeting.
    """
    return mention.verb and mention.bilateral_cue and not mention.generic and bool(actors)


def _head(mention: Mention) -> str:
    return mention.head.rstrip("s")


def _new_counterpart(event: Event, mention: Mention, actors: frozenset[str] | set[str]) -> bool:
    """A verb of talks naming a state the talks so far did not have: the next audience, not more of the last.

    "He received the Sudanese minister. He then received the Libyan minister": once talks
    have their two sides (their states, their venue's, those of the talks they follow), a
    receiving verb with a state of its own opens talks of their own.
    """
    if not (mention.verb and mention.bilateral_cue) or event.kind == "multi":
        return False
    sides = set(event.actors) | ({event.country} if event.country else set())
    if event.follows is not None:
        sides |= event.follows.actors
    # Talks on a meeting's margins have their receiver even when no state names him.
    needed = 1 if event.parent is not None else 2
    return len(sides) >= needed and bool(set(actors) - sides)


def _joinable(event: Event, mention: Mention) -> bool:
    """Whether a definite mention or a verb may refer to this meeting.

    A meeting with anchors is either past or announced, and a mention must agree; a verb of
    bilateral talks that brings its own date ("a rencontré aujourd'hui, 25 février") names
    talks of their own rather than a multilateral meeting already named.
    """
    if not compatible(event, mention):
        return False
    if mention.cls == "multi" and not mention.verb and _told_as_talks(event):
        return False
    if event.future != mention.future and (event.has_anchor() or event.future):
        return False
    dated = any(d.when is not None or d.month is not None for d in mention.dates)
    return not (mention.verb and mention.bilateral_cue and dated and event.kind == "multi")


def _told_as_talks(event: Event) -> bool:
    """ "They also held talks with B. B hosted the 84th assembly": talks told by their verb alone are not the
    assembly a later sentence names; an assembly is named by its noun."""
    return event.kind != "multi" and bool(event.mentions) and all(m.verb and m.bilateral_cue for m in event.mentions)


def _margins(sentence: Sentence, touched: list[tuple[Mention, Event]], events: list[Event]) -> None:
    """ "En marge de X", "on the sidelines of X": the other meetings of the sentence happened beside X."""
    folded = fold(sentence.text)
    for cue in MARGIN.finditer(folded):
        after = [
            (m, e)
            for m, e in touched
            if cue.end() <= m.start <= cue.end() + 80
            and not (m.verb and m.bilateral_cue)
            and "," not in folded[cue.end() : m.start]
        ]
        framed = cue.group("frame") or cue.group("during")
        if framed and not (after and after[0][0].start <= cue.end() + 40):
            continue
        if cue.group("during") and after[0][1].kind != "multi":
            continue
        if RELATIVE_AFTER.match(folded, cue.end()):
            _margins_of_which(cue, touched, events)
            continue
        if after:
            target = after[0][1]
        else:
            multis = _gatherings(events, {ev for _, ev in touched})
            target = max(multis, key=lambda e: e.last_touch) if multis else None
        if target is None:
            continue
        before = [(m, e) for m, e in touched if m.end <= cue.start()]
        sources = [before[-1][1]] if before else [e for m, e in touched if m.start > cue.end() + 80 or e is not target]
        for source in dict.fromkeys(sources):
            if source is target or source.kind == "multi":
                continue
            if cue.group("during") and not _talks(source):
                # "En visite à Rabat lors de la conférence": a trip during a meeting is the trip to it, no talks.
                if source.kind == "bi" and source in events and target in events:
                    merge_events(target, source)
                    events.remove(source)
                    for other in events:
                        if other.parent is source:
                            other.parent = target
                continue
            if target.kind == "bi":
                if len(source.mentions) == 1 and source.mentions[0].sentence == sentence.index and source in events:
                    merge_events(target, source)
                    events.remove(source)
            else:
                source.parent = target
                target.kind = "multi"
                own = [m for m, e in touched if e is target]
                if after and all(cue.end() <= m.start <= cue.end() + 80 for m in own):
                    target.beside.add(sentence.index)


TALKS_NOUN = re.compile(r"entretiens?|entrevues?|tete-a-tete|talks|audiences?|consultations")


def _talks(event: Event) -> bool:
    """True when some mention of the event tells talks: a verb of talks or a noun of talks, not a visit alone."""
    return any(
        (m.verb and m.bilateral_cue and m.cls != "bi") or (not m.verb and TALKS_NOUN.fullmatch(m.head))
        for m in event.mentions
    )


# "The conference opened, on the sidelines of which talks were held", "en marge de laquelle": the meeting
# is the one named before the cue.
RELATIVE_AFTER = re.compile(r"\s*(?:which|whom|it\b|them\b|quelle|quel\b|quels\b|celle-ci|celui-ci|ceux-ci|celles-ci)")


def _margins_of_which(cue: re.Match[str], touched: list[tuple[Mention, Event]], events: list[Event]) -> None:
    """The meeting named before "on the sidelines of which" is the parent of the talks named after it.

    With no meeting before it in the sentence ("En marge de celle-ci, …"), the pronoun points back
    to the last meeting named.
    """
    before = [e for m, e in touched if m.end <= cue.start()]
    if before:
        target = before[-1]
    else:
        gatherings = _gatherings(events, {e for _, e in touched})
        target = max(gatherings, key=lambda e: e.last_touch) if gatherings else None
    if target is None or target.kind == "bi" or (target.kind == "neutral" and target.bilateral_cue):
        return
    for mention, source in touched:
        if mention.start >= cue.end() and source is not target and source.kind != "multi":
            source.parent = target
            target.kind = "multi"


def _gatherings(events: list[Event], touched: set[Event] | frozenset[Event] = frozenset()) -> list[Event]:
    """The meetings "on its sidelines" may point back to: the multilateral ones, else a meeting of no format yet.

    "The meeting of the defence ministers was held in Dushanbe. On its sidelines, A held talks
    with B": the meeting no word made multilateral is the one the talks were beside.
    """
    multis = [e for e in events if e.kind == "multi" and e not in touched]
    return multis or [e for e in events if e.kind == "neutral" and not e.bilateral_cue and e not in touched]


def _during(sentence: Sentence, touched: list[tuple[Mention, Event]]) -> None:
    """ "A met his counterpart from B during the assembly": the sentence's states are the talks', not the assembly's."""
    folded = fold(sentence.text)
    talks = [(m, e) for m, e in touched if m.verb and m.bilateral_cue and e.kind != "multi"]
    if not talks:
        return
    for _, event in touched:
        if event.kind != "multi" or any(e is event for _, e in talks):
            continue
        own = [m for m, e in touched if e is event]
        framed = all(
            any(t.end <= m.start and FRAME_BEFORE.search(folded[t.end : m.start]) for t, _ in talks) for m in own
        )
        # "Ahead of the summit, A held talks with B": the summit only dates the talks.
        apart = all(APART_IN_TIME.match(folded, _apart_start(folded, m.start)) for m in own)
        if framed or apart:
            event.beside.add(sentence.index)


def _apart_start(folded: str, start: int) -> int:
    """Where an "ahead of the …" before a trigger would begin, or the trigger itself when none does."""
    cue = APART_BEFORE.search(folded[max(0, start - 45) : start])
    return max(0, start - 45) + cue.start() if cue else start


ANOTHER = re.compile(r"\b(?:another|other|separate|autres?|separee?s?|distincte?s?)\s+(?:[\w'-]+\s+){0,2}$")


# "Il a également eu un entretien avec …", "he then had a meeting with …": more talks, told after the first.
ALSO = re.compile(r"\b(?:also|then|later|as well|egalement|aussi|ensuite|en outre|par ailleurs)\b")


def _another(sentence: Sentence, opened: list[Event], events: list[Event]) -> None:
    """ "In another bilateral meeting", "lors d'un autre entretien": more talks beside the same meeting."""
    folded = fold(sentence.text)
    for event in opened:
        if not event.bilateral_cue or event.kind == "multi" or event.parent is not None:
            continue
        first = event.mentions[0]
        before = folded[max(0, first.start - 40) : first.start]
        if not ANOTHER.search(before) and not (first.det == "indef" and ALSO.search(before)):
            continue
        earlier = [e for e in events if e is not event and e.kind != "multi" and e.bilateral_cue and _beside(e)]
        if earlier:
            last = max(earlier, key=lambda e: e.last_touch)
            event.parent = _beside(last)
            # Told after them, the talks keep the receiver of the talks before.
            event.follows = event.follows or last


def _beside(event: Event) -> Event | None:
    """The meeting some talks were held beside: their own parent, else that of the talks they follow."""
    seen: set[int] = set()
    current: Event | None = event
    while current is not None and id(current) not in seen:
        if current.parent is not None:
            return current.parent
        seen.add(id(current))
        current = current.follows
    return None


def _framing(touched: list[tuple[Mention, Event]], opened: list[Event], events: list[Event]) -> None:
    """A visit opened in passing frames the talks it came with ("Lerner, qui effectue une visite de travail")."""
    for event in opened:
        if event.kind == "multi" or event.has_anchor() or event not in events or event.parent is not None:
            continue
        earlier = [e for m, e in touched if e is not event and e.kind != "multi" and e in events]
        if earlier and earlier[0].last_touch < event.last_touch:
            merge_events(earlier[0], event)
            events.remove(event)
            for other in events:
                if other.parent is event:
                    other.parent = earlier[0]


def _attendance(sentence: Sentence, touched: list[tuple[Mention, Event]], events: list[Event]) -> None:
    """A visit "dans le cadre de la participation aux travaux de la 22e réunion" is the trip to that meeting."""
    folded = fold(sentence.text)
    for (first, visit), (second, meeting) in itertools.pairwise(touched):
        if visit.kind != "bi" or meeting.kind != "multi" or visit is meeting or visit not in events:
            continue
        if ATTENDANCE.search(folded[first.end : second.start]):
            merge_events(meeting, visit)
            events.remove(visit)
            for other in events:
                if other.parent is visit:
                    other.parent = meeting


def consolidate(events: list[Event]) -> list[Event]:
    """Merge meetings that turned out to be one: anchorless ones into their neighbour, same place or edition."""
    events = [event for event in events if event.mentions]
    for visit in list(events):
        meeting = _attended(visit, events)
        if meeting is not None:
            merge_events(meeting, visit)
            events.remove(visit)
    changed = True
    while changed:
        changed = False
        ordered = sorted(events, key=lambda e: e.first)
        # Each pass reads every pair: their dates are worked out once per pass, not once per pair.
        times = {id(e): (e.when(), e.partial(), e.has_anchor()) for e in ordered}
        for event in ordered:
            if times[id(event)][2] or event.parent is not None or event.follows is not None:
                continue
            partner = _partner(event, ordered, need_shared=False, times=times)
            if partner is not None and _talks_with_someone_new(event, partner):
                continue
            if partner is not None:
                merge_events(partner, event)
                events.remove(event)
                changed = True
                break
        if changed:
            continue
        for event in ordered:
            partner = _partner(event, ordered, need_shared=True, times=times)
            if partner is not None:
                keep, gone = sorted((event, partner), key=lambda e: e.first)
                merge_events(keep, gone)
                events.remove(gone)
                for other in events:
                    if other.parent is gone:
                        other.parent = keep
                changed = True
                break
    return sorted(events, key=lambda e: e.first)


def _talks_with_someone_new(talks: Event, gathering: Event) -> bool:
    """ "He took part in the chiefs' meeting in Rabat. During his stay he met the Moroccan minister": talks apart.

    Talks told by a verb of talks or "a meeting with …", naming a state the gathering's sentences do not, are
    not that gathering again even without a date or place of their own; talks with "his counterparts" it names are.
    """
    if gathering.kind == "bi" or gathering.bilateral_cue or talks.kind == "multi":
        return False
    if not talks.mentions or not all(m.bilateral_cue for m in talks.mentions):
        return False
    if gathering.kind == "multi" and any(m.verb for m in talks.mentions) and _framed_by(talks, gathering):
        # "A held bilateral talks with his B and C counterparts at the conference": talks are held at it.
        return True
    return bool(talks.actors - gathering.actors) and bool(gathering.actors)


def _framed_by(talks: Event, gathering: Event) -> bool:
    """True when a sentence of the talks names the gathering after "at", "during", "lors de": the talks' frame."""
    for mention in gathering.mentions:
        if mention.verb or mention.sentence not in talks.sentences:
            continue
        verbs = [m for m in talks.mentions if m.sentence == mention.sentence and m.end <= mention.start]
        if verbs and mention.framed:
            return True
    return False


def _attended(visit: Event, events: list[Event]) -> Event | None:
    """ "Who is on an official visit to Belarus" beside a sitting in Minsk: the visit is the trip to that meeting."""
    if visit.kind != "bi" or visit.dates or visit.city or visit.country is None:
        return None
    for meeting in events:
        if visit.parent not in {None, meeting}:
            continue
        if meeting.kind == "multi" and meeting.country == visit.country and meeting.sentences & visit.sentences:
            return meeting
    return None


def _partner(
    event: Event, ordered: list[Event], need_shared: bool, times: dict[int, tuple] | None = None
) -> Event | None:
    """The nearest meeting this one can be folded into, of the same time (past or announced) when anchorless.

    `times` holds each meeting's (date, partial date, anchored) for this pass, when the caller has them.
    """
    times = times if times is not None else {id(e): (e.when(), e.partial(), e.has_anchor()) for e in ordered}
    mine = times[id(event)]
    candidates = []
    for other in ordered:
        theirs = times[id(other)]
        timing = event.future != other.future and mine[2] and theirs[2]
        if other is event or timing or {event.kind, other.kind} == {"multi", "bi"}:
            continue
        if not need_shared and (other.future != event.future or other.parent is not None):
            continue
        if other.parent is event or event.parent is other or other.created_by != event.created_by:
            continue
        if event.edition and other.edition and event.edition != other.edition:
            continue
        if not dates_compatible(mine[0], mine[1], theirs[0], theirs[1]):
            continue
        if event.follows is other or other.follows is event or _talks_and_gathering(event, other, mine, theirs):
            continue
        if event.city and other.city and not same_city(event.city, other.city):
            continue
        if event.country and other.country and event.country != other.country:
            continue
        if need_shared and not _shared_anchor(event, other, mine[0], theirs[0]):
            continue
        candidates.append(other)
    if not candidates:
        return None
    return min(candidates, key=lambda other: (other.future != event.future, abs(other.first - event.first)))


def _talks_and_gathering(one: Event, two: Event, first: tuple = (), second: tuple = ()) -> bool:
    """Talks told by a verb with a date of their own ("avant de rencontrer, le 12 avril, son homologue") and a
    gathering named beside them are two things. `first` and `second` are their (date, partial) when known."""
    kinds = {one.kind, two.kind}
    if "multi" not in kinds:
        return False
    talks = [
        (event, when) for event, when in ((one, first), (two, second)) if event.kind != "multi" and event.bilateral_cue
    ]
    if not talks or not all(m.verb for m in talks[0][0].mentions):
        return False
    event, when = talks[0]
    dated, partial = (when[0], when[1]) if when else (event.when(), event.partial())
    return dated is not None or partial is not None


def _shared_anchor(one: Event, two: Event, first: When | None = None, second: When | None = None) -> bool:
    if one.edition and one.edition == two.edition:
        return True
    if one.city and two.city and same_city(one.city, two.city):
        return True
    if "multi" not in {one.kind, two.kind} and one.country and one.country == two.country:
        return True
    first = first if first is not None else one.when()
    second = second if second is not None else two.when()
    return bool(first and second and first.precision == second.precision == "day" and first == second)


# "Prior to this meeting", "ahead of the summit", "à la veille du sommet": talks told apart from the meeting, in time.
APART_IN_TIME = re.compile(
    r"\b(?:prior to|ahead of|before|after|following|on the eve of|avant|apres|a la veille d[eu']|en prevision d[eu']"
    r"|a l'issue d[eu'])\s+(?:(?:the|this|that|its|la|le|les|l'|ce|cette|ces)\s*)?(?:[\w'-]+\s+){0,2}?"
    rf"(?:{MULTI}|{NEUTRAL}|ouverture|opening)\b"
)


APART_BEFORE = re.compile(
    r"\b(?:prior to|ahead of|before|after|following|on the eve of|avant|apres|a la veille d[eu']|en prevision d[eu']"
    r"|a l'issue d[eu'])\s+(?:(?:the|this|that|its|la|le|les|l'|ce|cette|ces)\s*)?(?:[\w'-]+\s+){0,2}?$"
)


def link_to_the_meeting(events: list[Event], sentences: list[Sentence]) -> None:
    """Talks held during the article's one multilateral meeting, where it was held, are talks beside it.

    "The summit opened in Abuja on Monday. On Monday the president received his Ghanaian
    counterpart": the talks fall within the summit's days, at its place. Talks with no date of
    their own are linked only when the article says talks were held on some meeting's margins.
    Talks told elsewhere or on other days stay apart.
    """
    meetings = [e for e in events if e.kind == "multi" and not e.future and not e.previous]
    meetings = [e for e in meetings if e.created_by != "previous"]
    if len(meetings) != 1:
        return
    meeting = meetings[0]
    stated = meeting.when()
    margins = any(
        (cue := MARGIN.search(fold(sentence.text))) and not (cue.group("frame") or cue.group("during"))
        for sentence in sentences
    )
    for talks in events:
        if talks is meeting or talks.kind == "multi" or talks.parent is not None or not talks.bilateral_cue:
            continue
        if talks.future or talks.previous or talks.first < meeting.first:
            continue
        if talks.city and meeting.city and not same_city(talks.city, meeting.city):
            continue
        if talks.country and meeting.country and talks.country != meeting.country:
            continue
        own = talks.when()
        if own is not None:
            if stated is None or not _within(own, stated):
                continue
        elif talks.partial() is not None or not (margins or _framed_by(talks, meeting)):
            # "Held talks with his counterparts at the conference": named after the talks in their own sentence, the
            # meeting is the one they were held at.
            continue
        talks.parent = meeting
    for talks in events:
        # "He also met the Ugandan chief": talks told after talks held beside the meeting are beside it too.
        before = talks.follows
        if talks.parent is None and before is not None and before.parent is meeting and talks.when() is None:
            talks.parent = meeting


def _apart_in_time(talks: Event, sentences: list[Sentence]) -> bool:
    """True when the talks' sentences place them "ahead of" or "after" a meeting: not on its margins."""
    return any(APART_IN_TIME.search(fold(sentences[i].text)) for i in talks.sentences)


def _within(inner: When, outer: When) -> bool:
    """True when a date lies inside another once each is widened to its precision."""
    low, high = _expand(inner)
    return _expand(outer)[0] <= low and high <= _expand(outer)[1]
