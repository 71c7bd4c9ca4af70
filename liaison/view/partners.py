"""One state's profile: the meetings it is involved in, its roles, topics, blocs and partners.

Two notions of "involved" meet here, on purpose. A state's own meetings follow the country
filter (taking part in any role, or hosting the venue), so the profile's counts agree with
the map and the overview. A partner, though, must take part: two states are partners only
when the participants list names both, so the country that merely hosts the venue (Austria
for a meeting at the Vienna International Centre) partners nobody. Organisations are never
partners, and a state never partners itself.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from liaison.dataset.store import Dataset
from liaison.engine.index import MeetingIndex, codes_in, index_of
from liaison.view.activity import VENUE_ROLE
from liaison.view.query import meetings_per_month
from liaison.view.topics import topic_counts

MONTHLY = ("day", "month")
PARTNER_COLUMNS = ["partner", "bilateral", "co_attendance", "total"]
# Roles in the order a reader expects them, for ties; hosting the venue comes last as it is not taking part.
ROLE_ORDER = ("host", "organizer", "chair", "participant", "counterpart", "observer", VENUE_ROLE)
STATUS_ORDER = ("member", "observer", "suspended", "former")


def profile_states(ds: Dataset) -> list[str]:
    """The states a profile can be drawn for: those involved in some meeting of the dataset."""
    index = index_of(ds)
    states = index.derived.get("profile_states")
    if states is None:
        states = index.derived["profile_states"] = list(index.states[np.unique(index.involved_state)])
    return list(states)


def busiest_state(ds: Dataset, ids: pd.Index, among: tuple[str, ...] = ()) -> str | None:
    """The state involved in most meetings of `ids` (of `among`, if given), ties by code; None if there is none."""
    index = index_of(ds)
    counts = np.bincount(index.involved_state[index.mask(ids)[index.involved_meeting]], minlength=len(index.states))
    if among:
        allowed = np.zeros(len(index.states), dtype=bool)
        allowed[codes_in(list(among), index.states)] = True
        counts = np.where(allowed, counts, 0)
    return str(index.states[int(np.argmax(counts))]) if counts.any() else None


def state_meetings(ds: Dataset, iso3: str, ids: pd.Index) -> pd.Index:
    """Meetings of `ids` the state is involved in, as the country filter reads it (taking part or hosting the venue)."""
    index = index_of(ds)
    return index.ids[index.involved.mask([iso3], index.size) & index.mask(ids)]


def partners(ds: Dataset, iso3: str, ids: pd.Index) -> pd.DataFrame:
    """The states that took part in meetings of `ids` with `iso3`, strongest first.

    `bilateral` counts bilateral meetings both took part in, `co_attendance` multilateral
    meetings both attended; each meeting counts once per partner whatever the roles, so
    `total` is the number of meetings they share.
    """
    index = index_of(ds)
    code = index.states.get_indexer([iso3])[0]
    keep = index.mask(ids)[index.taking_part_meeting]
    meeting, state = index.taking_part_meeting[keep], index.taking_part_state[keep]
    own = np.zeros(index.size, dtype=bool)
    own[meeting[state == code]] = code >= 0
    beside = own[meeting] & (state != code)
    meeting, state = meeting[beside], state[beside]
    formats = index.format_code[meeting]
    bilateral = np.bincount(state[formats == _format_code(index, "bilateral")], minlength=len(index.states))
    co_attendance = np.bincount(state[formats == _format_code(index, "multilateral")], minlength=len(index.states))
    present = np.flatnonzero(bilateral + co_attendance)
    counts = pd.DataFrame(
        {
            "partner": index.states[present].to_numpy(dtype=object),
            "bilateral": bilateral[present].astype(int),
            "co_attendance": co_attendance[present].astype(int),
        }
    )
    counts = counts.assign(total=counts["bilateral"] + counts["co_attendance"])
    return counts[PARTNER_COLUMNS].sort_values(["total", "partner"], ascending=[False, True]).reset_index(drop=True)


def _format_code(index: MeetingIndex, name: str) -> int:
    """The code of a format in the index, or -1 (matching nothing) when no meeting has it."""
    return int(index.formats.get_indexer([name])[0])


def roles_played(ds: Dataset, iso3: str, ids: pd.Index) -> pd.DataFrame:
    """Meetings of `ids` per role the state played, hosting the venue included as role "venue", most frequent first."""
    index = index_of(ds)
    links = index.links
    code = index.states.get_indexer([iso3])[0]
    keep = (links.state == code) & (links.role >= 0) & index.mask(ids)[links.meeting] & (code >= 0)
    distinct = np.unique(links.role[keep] * index.size + links.meeting[keep])
    per_role = np.bincount(distinct // index.size, minlength=len(index.roles))
    played = np.flatnonzero(per_role)
    counts = pd.DataFrame({"role": index.roles[played].to_numpy(dtype=object), "meetings": per_role[played]})
    order = counts["role"].map({role: position for position, role in enumerate(ROLE_ORDER)})
    return (
        counts.assign(order=order)
        .sort_values(["meetings", "order"], ascending=[False, True])
        .drop(columns="order")
        .reset_index(drop=True)
    )


def topics_of(ds: Dataset, iso3: str, ids: pd.Index) -> pd.DataFrame:
    """Per topic: the state's meetings about it and their share of its meetings, most discussed first."""
    return topic_counts(ds, state_meetings(ds, iso3, ids))


def blocs_of(ds: Dataset, iso3: str) -> pd.DataFrame:
    """The blocs the state belongs or belonged to, with status and years: current members first, former last.

    Membership is not filtered by the view's period: it says what the state is, not what it did then.
    """
    rows = ds.memberships.loc[ds.memberships["iso3"] == iso3, ["org_id", "status", "joined", "left"]]
    order = rows["status"].map({status: position for position, status in enumerate(STATUS_ORDER)})
    return rows.assign(order=order).sort_values(["order", "org_id"]).drop(columns="order").reset_index(drop=True)


def month_span(*tables: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """First and last month of the meetings dated to the month in any of the meeting tables, or None."""
    dated = pd.concat([table.loc[table["date_precision"].isin(MONTHLY), "start_date"] for table in tables])
    if dated.empty:
        return None
    return dated.min().to_period("M").to_timestamp(), dated.max().to_period("M").to_timestamp()


def monthly_of(meetings: pd.DataFrame, span: tuple[pd.Timestamp, pd.Timestamp] | None = None) -> pd.DataFrame:
    """Meetings per month and format (see query.meetings_per_month), padded with empty months to cover `span`.

    Two profiles side by side share one span, so their monthly charts read on the same time axis.
    """
    per_month = meetings_per_month(meetings)
    if span is None or per_month.empty:
        return per_month
    months = pd.period_range(
        min(span[0], per_month["month"].min()).to_period("M"), max(span[1], per_month["month"].max()).to_period("M")
    )
    full = pd.MultiIndex.from_product([months.to_timestamp(), ["multilateral", "bilateral"]], names=["month", "format"])
    padded = per_month.set_index(["month", "format"])["meetings"].reindex(full, fill_value=0)
    return padded.reset_index()
