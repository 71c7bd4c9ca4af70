"""The view's queries as Ibis expressions: built here, run by whichever engine LIAISON_ENGINE opened.

Every function is pure: it takes the engine's tables (`liaison.engine.tables`) and a view's
filters and returns an expression, executing nothing, so the same expression runs on DuckDB
or Spark and compiles to Trino or BigQuery SQL. Each one answers exactly what its in-memory
counterpart in `liaison.view` answers (the tests compare them on every engine), rule by rule:

- a state is *involved* in a meeting when it takes part in any role or hosts the venue;
- the period keeps a meeting that may fall in it: one dated to a month or a year may have
  taken place on any day of it, and an undated meeting is in no period;
- a bloc brings the meetings of its members (former members excepted) and its own;
- the text is found, ignoring case, in any searchable field.

Only portable operations are used (comparisons on integers, IN over subqueries, unions,
group-bys, one window function, sorted arrays): nothing that compiles to one dialect only.
"""

from __future__ import annotations

from typing import Protocol

import ibis
import ibis.expr.types as ir

from liaison.engine.columns import MEETING_COLUMNS
from liaison.engine.tables import SEPARATOR, Tables

VENUE_ROLE = "venue"
MONTHLY = ("day", "month")


class View(Protocol):
    """The filters of a view (`liaison.view.filters.Filters` is one): within a field any value, across all."""

    month_from: str | None
    month_to: str | None
    countries: tuple[str, ...]
    regions: tuple[str, ...]
    blocs: tuple[str, ...]
    formats: tuple[str, ...]
    topics: tuple[str, ...]
    text: str


def taking_part(t: Tables) -> ir.Table:
    """(meeting_id, iso3) of each state taking part in a meeting, in any role; organisations left out."""
    people = t.participants.filter(t.participants.actor.isin(t.states.iso3))
    return people.select("meeting_id", iso3=people.actor).distinct()


def hosting(t: Tables) -> ir.Table:
    """(meeting_id, iso3) of each meeting held at a known venue, and the venue's country."""
    held = t.meetings.inner_join(t.venues, "venue_id")
    held = held.filter(held.country_iso3.isin(t.states.iso3))
    return held.select("meeting_id", iso3=held.country_iso3)


def involved(t: Tables) -> ir.Table:
    """(meeting_id, iso3) of each meeting and state involved: taking part, or hosting the venue; once each."""
    return taking_part(t).union(hosting(t), distinct=True)


def _month_number(year: int, month: int) -> int:
    return year * 12 + month


def _period(t: Tables, view: View) -> list[ir.BooleanValue]:
    """The period's conditions, as comparisons of integers and dates that every dialect has."""
    meetings = t.meetings
    conditions = []
    if view.month_from:
        year, month = (int(part) for part in view.month_from.split("-"))
        end, precision = meetings.end_date, meetings.date_precision
        # The last day the meeting may have taken place is on or after the first day of the month.
        by_day = end >= ibis.date(year, month, 1)
        by_month = end.year() * 12 + end.month() >= _month_number(year, month)
        by_year = end.year() >= year
        conditions.append(
            ibis.cases((precision == "day", by_day), (precision == "month", by_month), else_=by_year).fill_null(False)
        )
    if view.month_to:
        year, month = (int(part) for part in view.month_to.split("-"))
        # Its first day is on or before the month's last: before the next month begins.
        next_year, next_month = (year + 1, 1) if month == 12 else (year, month + 1)
        conditions.append((meetings.start_date < ibis.date(next_year, next_month, 1)).fill_null(False))
    return conditions


def selected(t: Tables, view: View) -> ir.Table:
    """The meetings the view keeps, every column of the engine's meetings table (unordered)."""
    meetings = t.meetings
    conditions = _period(t, view)
    if view.formats:
        conditions.append(meetings.format.isin(list(view.formats)))
    states = involved(t)
    if view.countries:
        conditions.append(meetings.meeting_id.isin(states.filter(states.iso3.isin(list(view.countries))).meeting_id))
    if view.regions:
        regions = t.regions
        chosen = regions.filter(regions.region.isin(list(view.regions)) | regions.subregion.isin(list(view.regions)))
        conditions.append(meetings.meeting_id.isin(states.filter(states.iso3.isin(chosen.iso3)).meeting_id))
    if view.blocs:
        members = t.memberships.filter(
            t.memberships.org_id.isin(list(view.blocs)) & (t.memberships.status.fill_null("") != "former")
        )
        people = t.participants
        own = people.filter(people.actor.isin(list(view.blocs)) & ~people.actor.isin(t.states.iso3))
        conditions.append(
            meetings.meeting_id.isin(states.filter(states.iso3.isin(members.iso3)).meeting_id)
            | meetings.meeting_id.isin(own.meeting_id)
        )
    if view.topics:
        topics = t.topics
        conditions.append(meetings.meeting_id.isin(topics.filter(topics.topic_id.isin(list(view.topics))).meeting_id))
    if view.text:
        needle = view.text.casefold()
        # A needle holding the separator would match across two fields, which `select` never does.
        found = ibis.literal(False) if SEPARATOR in needle else meetings.search.contains(needle).fill_null(False)
        conditions.append(found)
    return meetings.filter(*conditions) if conditions else meetings


def selected_ids(t: Tables, view: View) -> ir.Table:
    """The ids of the meetings the view keeps, in file order (as `select` gives them)."""
    chosen = selected(t, view)
    return chosen.order_by(chosen.row).select("meeting_id")


def _listing_keys(t: Tables, chosen: ir.Table) -> ir.Table:
    """The chosen meetings with the keys of `newest_first`: a margin meeting is placed by its parent's date."""
    parents = t.meetings.select(parent_id=t.meetings.meeting_id, parent_start=t.meetings.start_date)
    keyed = chosen.left_join(parents, chosen.parent_meeting_id == parents.parent_id)
    # Columns named one by one: `drop` would list them in a set's order, different in every process.
    return keyed.select(
        *chosen.columns,
        family_start=ibis.ifelse(keyed.parent_id.notnull(), keyed.parent_start, keyed.start_date),
        family=ibis.coalesce(keyed.parent_id, keyed.meeting_id),
        margin=keyed.parent_id.notnull(),
    )


def _newest_first(keyed: ir.Table, after_start: bool = False) -> list:
    """The sort keys of `newest_first`; `after_start` when the rows are already ordered by start date."""
    keys = [
        ibis.desc(keyed.family_start, nulls_first=False),
        ibis.asc(keyed.family, nulls_first=False),
        ibis.asc(keyed.margin, nulls_first=False),
        ibis.asc(keyed.start_date, nulls_first=False),
        ibis.asc(keyed.meeting_id, nulls_first=False),
    ]
    return [key for number, key in enumerate(keys) if not (after_start and number == 3)]


def listing(t: Tables, view: View) -> ir.Table:
    """The meeting table of `filter_meetings`: venue, states taking part (alphabetical), topics (file order).

    Newest first, each meeting followed by those held on its margins. Arrays are sorted rather
    than collected in order, since Spark cannot order an aggregation.
    """
    chosen = selected(t, view)
    states = taking_part(t)
    states = states.filter(states.meeting_id.isin(chosen.meeting_id))
    per_meeting_states = states.group_by("meeting_id").aggregate(states=states.iso3.collect().sort())
    topics = t.topics.filter(t.topics.meeting_id.isin(chosen.meeting_id))
    per_meeting_topics = topics.group_by("meeting_id").aggregate(
        lines=ibis.struct({"row": topics.row, "topic_id": topics.topic_id}).collect().sort()
    )
    per_meeting_topics = per_meeting_topics.select(
        "meeting_id", topics=per_meeting_topics.lines.map(lambda line: line.topic_id)
    )
    venues = t.venues.select("venue_id", "city", "country_iso3", venue=t.venues.name, venue_fr=t.venues.name_fr)
    keyed = _listing_keys(t, chosen)
    table = (
        keyed.left_join(venues, "venue_id")
        .left_join(per_meeting_states, "meeting_id")
        .left_join(per_meeting_topics, "meeting_id")
    )
    columns = list(MEETING_COLUMNS)
    table = table.select(*columns, "family_start", "family", "margin")
    return table.order_by(_newest_first(table)).select(*columns)


def headline_counts(t: Tables, view: View) -> ir.Table:
    """One row: meetings, states involved, multilateral, bilateral, and months with a meeting dated to the month."""
    chosen = selected(t, view)
    states = involved(t)
    states = states.filter(states.meeting_id.isin(chosen.meeting_id))
    monthly = chosen.filter(chosen.date_precision.isin(MONTHLY) & chosen.start_date.notnull())
    counts = chosen.aggregate(
        meetings=chosen.count(),
        multilateral=(chosen.format == "multilateral").sum().fill_null(0),
        bilateral=(chosen.format == "bilateral").sum().fill_null(0),
    )
    involved_count = states.aggregate(states=states.iso3.nunique())
    months = monthly.aggregate(months=(monthly.start_date.year() * 12 + monthly.start_date.month()).nunique())
    return counts.cross_join(involved_count).cross_join(months)


def _dated(t: Tables, view: View) -> ir.Table:
    chosen = _listing_keys(t, selected(t, view))
    return chosen.filter(chosen.start_date.notnull() & (chosen.date_precision != "unknown"))


def earliest(t: Tables, view: View) -> ir.Table:
    """At most one row: the first day of the view and its precision (ties go to the meeting listed first)."""
    dated = _dated(t, view)
    first = dated.order_by([ibis.asc(dated.start_date), *_newest_first(dated, after_start=True)]).limit(1)
    return first.select(first=first.start_date, first_precision=first.date_precision)


def latest(t: Tables, view: View) -> ir.Table:
    """At most one row: the last day of the view (an undated end is its start) and its precision."""
    dated = _dated(t, view)
    dated = dated.mutate(last=ibis.coalesce(dated.end_date, dated.start_date))
    last = dated.order_by([ibis.desc(dated["last"]), *_newest_first(dated)]).limit(1)
    return last.select("last", last_precision=last.date_precision)


def per_month(t: Tables, view: View) -> ir.Table:
    """(month, format, meetings) of the months that have meetings dated to the month, oldest first.

    The calendar's empty months are not rows here: whoever draws the chart fills them in.
    """
    chosen = selected(t, view)
    monthly = chosen.filter(chosen.date_precision.isin(MONTHLY) & chosen.start_date.notnull())
    monthly = monthly.mutate(month=monthly.start_date.truncate("M"))
    counts = monthly.group_by(["month", "format"]).aggregate(meetings=monthly.count())
    return counts.order_by(["month", "format"])


def per_state(t: Tables, view: View) -> ir.Table:
    """Per state involved: its meetings, its roles (sorted; `venue` for hosting), and its latest meeting.

    The latest is the newest start, an undated meeting counting as the oldest, then the
    greatest id; busiest states first, then by code.
    """
    chosen = selected(t, view)
    people = t.participants.filter(t.participants.actor.isin(t.states.iso3))
    links = people.select("meeting_id", iso3=people.actor, role=people.role).union(
        hosting(t).mutate(role=ibis.literal(VENUE_ROLE)), distinct=True
    )
    links = links.filter(links.meeting_id.isin(chosen.meeting_id))
    dated = links.inner_join(chosen.select("meeting_id", "start_date"), "meeting_id")
    counts = dated.group_by("iso3").aggregate(
        meetings=dated.meeting_id.nunique(), roles=dated.role.collect(distinct=True).sort()
    )
    rank = ibis.row_number().over(
        group_by=dated.iso3,
        order_by=[ibis.desc(dated.start_date, nulls_first=False), ibis.desc(dated.meeting_id)],
    )
    newest = dated.mutate(rank=rank)
    newest = newest.filter(newest["rank"] == 0).select("iso3", latest_meeting_id=newest.meeting_id)
    states = counts.inner_join(newest, "iso3")
    return states.order_by([ibis.desc(states.meetings), states.iso3])


def per_venue(t: Tables, view: View) -> ir.Table:
    """Per venue of the view's meetings: where it is and its meetings by format; busiest first, then by id."""
    chosen = selected(t, view)
    held = chosen.inner_join(t.venues, "venue_id")
    counts = held.group_by(["venue_id", "name", "city", "country_iso3", "latitude", "longitude"]).aggregate(
        meetings=held.count(), bilateral=(held.format == "bilateral").sum()
    )
    counts = counts.mutate(multilateral=counts.meetings - counts.bilateral)
    return counts.order_by([ibis.desc(counts.meetings), counts.venue_id])


def per_topic(t: Tables, view: View) -> ir.Table:
    """Per topic of the taxonomy: the view's meetings about it and their share of the view; most discussed first."""
    chosen = selected(t, view)
    tagged = t.topics.filter(t.topics.meeting_id.isin(chosen.meeting_id)).select("meeting_id", "topic_id").distinct()
    counts = tagged.group_by("topic_id").aggregate(meetings=tagged.count())
    counts = counts.inner_join(t.taxonomy, "topic_id").cross_join(chosen.aggregate(total=chosen.count()))
    counts = counts.select("topic_id", "parent", "meetings", share=counts.meetings / counts.total)
    return counts.order_by([ibis.desc(counts.meetings), counts.topic_id])
