"""Scoring the extractor against hand labels: which proposed meetings are real, and how right their details are.

A proposed meeting counts as found when it can be paired with a labelled one: the same
format, no contradiction on country or dates (dates overlap once each is widened to its
precision: a "month" date covers the month), and at least one positive agreement (the same
country or city, overlapping dates, the same edition, or the same states). Pairs are made
one to one, best agreement first. Details are then scored on the pairs: participating
states (micro F1; also with unpaired meetings' states counted as misses), exact dates
(start, end and precision all equal), parent links (a bilateral pointing at the paired
parent) and topics (the labels' free terms mapped to taxonomy ids through its keywords).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from liaison.extract.article import extract_article
from liaison.extract.codebook import Codebook
from liaison.words.folding import fold

Meeting = Mapping[str, object]


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives, with the three rates."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        total = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / total if total else 1.0


@dataclass(frozen=True)
class ArticleScore:
    """The scores of one article."""

    name: str
    meetings: Counts
    states: Counts
    states_all: Counts
    exact_dates: int
    parents: Counts
    topics: Counts
    seconds: float = 0.0
    parent_misses: tuple[int, int, int, int] = (0, 0, 0, 0)
    """Labelled links missed because the talks were not found, their parent was not, no link was drafted,
    or the link points at another meeting."""


@dataclass(frozen=True)
class Scores:
    """Scores summed over a folder of articles."""

    articles: tuple[ArticleScore, ...] = field(default_factory=tuple)

    def _sum(self, name: str) -> Counts:
        total = Counts()
        for article in self.articles:
            total = total + getattr(article, name)
        return total

    @property
    def meetings(self) -> Counts:
        return self._sum("meetings")

    @property
    def states(self) -> Counts:
        return self._sum("states")

    @property
    def states_all(self) -> Counts:
        return self._sum("states_all")

    @property
    def parents(self) -> Counts:
        return self._sum("parents")

    @property
    def topics(self) -> Counts:
        return self._sum("topics")

    @property
    def exact_dates(self) -> int:
        return sum(article.exact_dates for article in self.articles)

    @property
    def parent_misses(self) -> tuple[int, ...]:
        return tuple(sum(values) for values in zip(*(a.parent_misses for a in self.articles), strict=True)) or (0,) * 4

    @property
    def exact_date_rate(self) -> float:
        matched = self.meetings.tp
        return self.exact_dates / matched if matched else 1.0


def _span(meeting: Meeting) -> tuple[date, date] | None:
    start, end, precision = meeting.get("start_date"), meeting.get("end_date"), meeting.get("date_precision")
    if not start:
        return None
    first, last = date.fromisoformat(str(start)), date.fromisoformat(str(end or start))
    if precision == "year":
        return date(first.year, 1, 1), date(last.year, 12, 31)
    if precision == "month":
        following = date(last.year + (last.month == 12), last.month % 12 + 1, 1)
        return first.replace(day=1), date.fromordinal(following.toordinal() - 1)
    return first, last


def _states(meeting: Meeting) -> set[str]:
    return set(meeting.get("participant_states_iso3") or [])


def _agreement(predicted: Meeting, gold: Meeting) -> float | None:
    """How well two meetings agree, or None when they cannot be the same meeting."""
    if predicted.get("format") != gold.get("format"):
        return None
    one, two = predicted.get("country_iso3"), gold.get("country_iso3")
    if one and two and one != two:
        return None
    spans = _span(predicted), _span(gold)
    overlap = None
    if spans[0] and spans[1]:
        overlap = spans[0][0] <= spans[1][1] and spans[1][0] <= spans[0][1]
        if not overlap:
            return None
    score = 0.0
    score += 1.0 if one and one == two else 0.0
    city_one, city_two = predicted.get("city"), gold.get("city")
    score += 1.0 if city_one and city_two and fold(str(city_one)) == fold(str(city_two)) else 0.0
    score += 1.0 if overlap else 0.0
    score += 1.0 if predicted.get("edition") and str(predicted.get("edition")) == str(gold.get("edition")) else 0.0
    states_one, states_two = _states(predicted), _states(gold)
    if states_one and states_two:
        score += len(states_one & states_two) / len(states_one | states_two)
    return score if score > 0 else None


def pair_meetings(predicted: Sequence[Meeting], gold: Sequence[Meeting]) -> dict[int, int]:
    """Predicted index -> gold index, one to one, best agreement first (ties by order)."""
    candidates = []
    for p, one in enumerate(predicted):
        for g, two in enumerate(gold):
            agreement = _agreement(one, two)
            if agreement is not None:
                candidates.append((-agreement, p, g))
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _, p, g in sorted(candidates):
        if p not in pairs and g not in used:
            pairs[p] = g
            used.add(g)
    return pairs


def _topic_ids(terms: Iterable[object], lookup: Mapping[str, str]) -> set[str]:
    found = set()
    for term in terms:
        key = fold(str(term)).strip()
        if key in lookup:
            found.add(lookup[key])
    return found


def _topic_lookup(codebook: Codebook) -> dict[str, str]:
    lookup = {}
    for topic, words in codebook.topics.items():
        lookup[fold(topic)] = topic
        lookup[fold(topic.replace("-", " "))] = topic
        for word in words:
            lookup.setdefault(fold(word), topic)
    return lookup


def score_article(
    predicted: Sequence[Meeting],
    gold: Sequence[Meeting],
    codebook: Codebook,
    name: str = "",
    seconds: float = 0.0,
) -> ArticleScore:
    """Scores of one article's proposed meetings against its labels."""
    pairs = pair_meetings(predicted, gold)
    meetings = Counts(len(pairs), len(predicted) - len(pairs), len(gold) - len(pairs))
    states = Counts()
    exact = 0
    for p, g in pairs.items():
        one, two = _states(predicted[p]), _states(gold[g])
        states = states + Counts(len(one & two), len(one - two), len(two - one))
        keys = ("start_date", "end_date", "date_precision")
        exact += all(predicted[p].get(key) == gold[g].get(key) for key in keys)
    unpaired = Counts(
        0,
        sum(len(_states(m)) for i, m in enumerate(predicted) if i not in pairs),
        sum(len(_states(m)) for i, m in enumerate(gold) if i not in set(pairs.values())),
    )
    parents = Counts()
    for p, one in enumerate(predicted):
        g = pairs.get(p)
        gold_parent = gold[g].get("parent") if g is not None else None
        mine = one.get("parent")
        right = mine is not None and gold_parent is not None and pairs.get(int(mine)) == gold_parent
        parents = parents + Counts(int(right), int(mine is not None and not right), 0)
    linked = sum(1 for m in gold if m.get("parent") is not None)
    parents = Counts(parents.tp, parents.fp, linked - parents.tp)
    misses = _parent_misses(predicted, gold, pairs)
    lookup = _topic_lookup(codebook)
    topics = Counts()
    for p, g in pairs.items():
        wanted = _topic_ids(gold[g].get("topics") or [], lookup)
        if not wanted:
            continue
        got = set(predicted[p].get("topics") or [])
        topics = topics + Counts(len(got & wanted), len(got - wanted), len(wanted - got))
    return ArticleScore(name, meetings, states, states + unpaired, exact, parents, topics, seconds, misses)


def _parent_misses(predicted: Sequence[Meeting], gold: Sequence[Meeting], pairs: dict[int, int]) -> tuple[int, ...]:
    """Why each labelled link was missed: which of talks, parent and link the draft lacks tells what to fix."""
    paired_to = {g: p for p, g in pairs.items()}
    misses = [0, 0, 0, 0]
    for g, labelled in enumerate(gold):
        parent = labelled.get("parent")
        if parent is None:
            continue
        if g not in paired_to:
            misses[0] += 1
        elif int(parent) not in paired_to:
            misses[1] += 1
        elif predicted[paired_to[g]].get("parent") is None:
            misses[2] += 1
        elif pairs.get(int(predicted[paired_to[g]]["parent"])) != parent:
            misses[3] += 1
    return tuple(misses)


def evaluate_folder(path: str | Path, codebook: Codebook) -> Scores:
    """Run the extractor on every NN.txt of a folder that has an NN.json beside it, and score it.

    `codebook` is the dataset's the labels were written against (their topic terms map to its ids).
    """
    folder = Path(path)
    results = []
    for text_path in sorted(folder.glob("*.txt")):
        labels_path = text_path.with_suffix(".json")
        if not labels_path.is_file():
            continue
        gold = json.loads(labels_path.read_text(encoding="utf-8"))["meetings"]
        started = time.perf_counter()
        predicted = extract_article(text_path.read_text(encoding="utf-8"), codebook=codebook)["meetings"]
        seconds = time.perf_counter() - started
        results.append(score_article(predicted, gold, codebook, text_path.stem, seconds))
    return Scores(tuple(results))


def format_scores(scores: Scores, per_article: bool = True) -> str:
    """A plain-text report: the totals, then one line per article with what was found and missed."""
    m, s, a = scores.meetings, scores.states, scores.states_all
    times = sorted(article.seconds for article in scores.articles)
    later = times[:-1] if len(times) > 1 else times
    lines = [
        f"articles: {len(scores.articles)}   gold meetings: {m.tp + m.fn}   proposed: {m.tp + m.fp}   paired: {m.tp}",
        f"meetings            precision {m.precision:.3f}  recall {m.recall:.3f}  F1 {m.f1:.3f}",
        f"participant states  precision {s.precision:.3f}  recall {s.recall:.3f}  F1 {s.f1:.3f}  (paired meetings)",
        f"participant states  precision {a.precision:.3f}  recall {a.recall:.3f}  F1 {a.f1:.3f}  (all meetings)",
        f"exact dates         {scores.exact_dates}/{m.tp} paired meetings ({scores.exact_date_rate:.3f})",
        f"parent links        {scores.parents.tp}/{scores.parents.tp + scores.parents.fn} found, "
        f"{scores.parents.fp} wrong   F1 {scores.parents.f1:.3f}",
        "  missed links      talks not found {}, parent not found {}, no link drafted {}, linked elsewhere {}".format(
            *scores.parent_misses
        ),
        f"topics              precision {scores.topics.precision:.3f}  recall {scores.topics.recall:.3f}  "
        f"F1 {scores.topics.f1:.3f}  (labelled terms found in the taxonomy)",
    ]
    if times:
        lines.append(
            f"time per article    slowest {times[-1]:.2f} s (includes building the indexes), "
            f"others mean {sum(later) / len(later) * 1000:.0f} ms, max {later[-1] * 1000:.0f} ms"
        )
    if per_article:
        lines.append("")
        lines.append("article  gold  proposed  paired  meeting F1  states tp/fp/fn  states F1  exact dates  parents")
        lines += [_article_line(article) for article in scores.articles]
        worst = worst_articles(scores)
        if worst:
            lines.append("")
            lines.append("worst articles (meeting F1, then states F1 over all meetings)")
            lines += [_article_line(article) for article in worst]
    return "\n".join(lines)


def _article_line(article: ArticleScore) -> str:
    mm, ss = article.meetings, article.states
    return (
        f"{article.name:<7}  {mm.tp + mm.fn:>4}  {mm.tp + mm.fp:>8}  {mm.tp:>6}  {mm.f1:>10.2f}  "
        f"{ss.tp:>5}/{ss.fp}/{ss.fn:<6}  {article.states_all.f1:>9.2f}  {f'{article.exact_dates}/{mm.tp}':<11}  "
        f"{article.parents.tp}/{article.parents.tp + article.parents.fn}"
    )


def worst_articles(scores: Scores, count: int = 5) -> list[ArticleScore]:
    """The articles to read first: lowest meeting F1, then lowest state F1, then most missed; never a perfect one."""
    flawed = [a for a in scores.articles if a.meetings.f1 < 1 or a.states_all.f1 < 1 or a.exact_dates < a.meetings.tp]
    ranked = sorted(
        flawed,
        key=lambda a: (a.meetings.f1, a.states_all.f1, a.exact_dates - a.meetings.tp, -a.meetings.fn, a.name),
    )
    return ranked[:count]
