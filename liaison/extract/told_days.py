"""Days an article names by pointing back at a day it has already given ("the same day", "le lendemain", "Tuesday").

A press release gives the meeting's day once ("opened on Tuesday 18 October") and then tells
the talks of that day as "the same day", "on Tuesday" or "le lendemain". Read alone, such a
sentence has no date (or only the month, when the article's own date is a month), and its
talks fall out of the draft or lose their parent. The day they point at is the last full day
the text stated before them, which only the sentences read in order can know.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from liaison.extract.dates import DateMention, When, vocabulary
from liaison.words.folding import fold

# "The same day", "ce même jour", "le jour même", "that day": the day last stated. "The following day", "le
# lendemain": the day after it. "La veille du sommet" is the eve of a meeting, not of a day, and is left out.
TOLD_DAY = re.compile(
    r"(?<![\w-])(?:(?P<same>(?:on |in )?(?:the|that) (?:very |same )+day|(?:on |in )?that day|le meme jour"
    r"|ce meme jour|le jour meme|ce jour-la|(?:le|ce) (?:meme )?jour-la)"
    r"|(?P<next>(?:on )?the (?:following|next) day|(?:on )?the day after|le lendemain(?! d)|le jour suivant)"
    r"|(?P<before>(?:on )?the (?:previous|preceding) day|(?:on )?the day before(?! the)|la veille(?! d)))(?![\w-])"
)


SHIFT = {"same": 0, "next": 1, "before": -1}


def last_stated_day(dates: list[DateMention]) -> date | None:
    """The latest single day a sentence states in full, not a date of history or of a statement."""
    days = [
        d.when.start
        for d in dates
        if d.kind == "day"
        and d.when is not None
        and d.when.precision == "day"
        and d.when.start == d.when.end
        and not d.marks & {"historical", "reporting"}
    ]
    return days[-1] if days else None


def with_told_days(text: str, dates: list[DateMention], stated: list[date]) -> list[DateMention]:
    """The sentence's dates, with "the same day" and a bare weekday resolved against the days stated before it.

    `stated` holds the full days the article gave in earlier sentences, in order.
    """
    if not stated:
        return dates
    folded = fold(text)
    weekdays = vocabulary()[1]
    resolved = []
    for mention in dates:
        vague = mention.when is None or mention.when.precision != "day"
        # "Next Tuesday", "mardi dernier" name another week than the Tuesday the text gave.
        if mention.kind == "weekday" and vague and not mention.marks & {"past", "future"}:
            named = re.search(r"[a-z]+", folded[mention.start : mention.end].split()[-1])
            weekday = weekdays.get(named.group()) if named else None
            earlier = [day for day in stated if weekday is not None and day.weekday() == weekday]
            if earlier:
                mention = DateMention(
                    mention.start,
                    mention.end,
                    "day",
                    When(earlier[-1], earlier[-1], "day"),
                    earlier[-1].month,
                    (earlier[-1].day, earlier[-1].day),
                    mention.marks,
                )
        resolved.append(mention)
    if any(d.kind == "day" and d.when is not None for d in resolved):
        return resolved
    for match in TOLD_DAY.finditer(folded):
        kind = next(name for name, value in match.groupdict().items() if value)
        day = stated[-1] + timedelta(days=SHIFT[kind])
        resolved.append(DateMention(*match.span(), "day", When(day, day, "day"), day.month, (day.day, day.day)))
        break
    return sorted(resolved, key=lambda mention: mention.start)
