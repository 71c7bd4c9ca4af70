"""The engine's index: built once per dataset, and its integer answers equal plain pandas answers.

The oracle functions below are the straightforward pandas versions the view used before the
index (string joins and group-bys over every row); on a synthetic folder of the bundled shape,
every indexed answer must equal theirs, for every kind of filter.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import liaison.engine.index as index_module
from liaison.dataset.store import Dataset, load_dataset
from liaison.engine.index import Postings, effective_end, index_of, involved_states
from liaison.figures.world import country_centroids
from liaison.view.activity import delegation_arcs, state_activity, venue_activity
from liaison.view.filters import Filters
from liaison.view.partners import partners, roles_played, state_meetings
from liaison.view.query import select
from liaison.view.topics import topic_counts, topic_months, topic_states, untagged_count
from liaison.words.places import valid_iso3

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Dataset:
    """400 meetings of the bundled shape (scripts/synthetic.py), loaded as the app loads them."""
    spec = importlib.util.spec_from_file_location("synthetic", SCRIPTS / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    folder = tmp_path_factory.mktemp("synthetic") / "meetings-400"
    module.write_folder(400, folder)
    return load_dataset(folder)


def oracle_select(ds: Dataset, filters: Filters) -> set[str]:
    meetings = ds.meetings
    keep = pd.Series(True, index=meetings.index)
    if filters.month_from or filters.month_to:
        keep &= meetings["start_date"].notna()
        if filters.month_from:
            keep &= effective_end(meetings) >= pd.Timestamp(f"{filters.month_from}-01")
        if filters.month_to:
            keep &= meetings["start_date"] <= pd.Timestamp(f"{filters.month_to}-01") + pd.offsets.MonthEnd(0)
    if filters.formats:
        keep &= meetings["format"].isin(filters.formats)
    ids = set(meetings.loc[keep, "meeting_id"])
    states = involved_states(ds)
    if filters.countries:
        ids &= set(states.loc[states["iso3"].isin(filters.countries), "meeting_id"])
    if filters.regions:
        regions = ds.regions
        chosen = regions.loc[regions["region"].isin(filters.regions) | regions["subregion"].isin(filters.regions)]
        ids &= set(states.loc[states["iso3"].isin(chosen["iso3"]), "meeting_id"])
    if filters.blocs:
        members = ds.memberships.loc[
            ds.memberships["org_id"].isin(filters.blocs) & ds.memberships["status"].ne("former"), "iso3"
        ]
        ids &= set(states.loc[states["iso3"].isin(members), "meeting_id"]) | set(
            ds.participants.loc[ds.participants["actor"].isin(filters.blocs), "meeting_id"]
        )
    if filters.topics:
        ids &= set(ds.topics.loc[ds.topics["topic_id"].isin(filters.topics), "meeting_id"])
    return ids


def oracle_states(ds: Dataset, ids: pd.Index) -> dict[str, tuple]:
    """Per state: meetings, sorted roles, latest meeting (newest start, undated oldest, then id)."""
    people = ds.participants[ds.participants["meeting_id"].isin(ids) & ds.participants["actor"].isin(valid_iso3())]
    meetings = ds.meetings[ds.meetings["meeting_id"].isin(ids)]
    hosts = meetings.merge(ds.venues[["venue_id", "country_iso3"]], on="venue_id")
    links = pd.concat(
        [
            people[["meeting_id", "actor", "role"]].rename(columns={"actor": "iso3"}),
            hosts[["meeting_id", "country_iso3"]].rename(columns={"country_iso3": "iso3"}).assign(role="venue"),
        ]
    ).merge(meetings[["meeting_id", "start_date"]], on="meeting_id")
    latest = links.sort_values(["start_date", "meeting_id"], na_position="first").drop_duplicates("iso3", keep="last")
    return {
        iso3: (
            group["meeting_id"].nunique(),
            tuple(sorted(set(group["role"]))),
            latest.set_index("iso3").loc[iso3, "meeting_id"],
        )
        for iso3, group in links.groupby("iso3")
    }


def oracle_arcs(ds: Dataset, ids: pd.Index) -> dict[tuple, int]:
    meetings = ds.meetings[ds.meetings["meeting_id"].isin(ids) & ds.meetings["venue_id"].notna()]
    people = ds.participants[ds.participants["meeting_id"].isin(meetings["meeting_id"])]
    people = people[people["actor"].isin(valid_iso3())].drop_duplicates(["meeting_id", "actor"])
    links = people.merge(meetings[["meeting_id", "venue_id", "format"]], on="meeting_id").merge(
        ds.venues[["venue_id", "country_iso3"]], on="venue_id"
    )
    links = links[links["actor"] != links["country_iso3"]]
    return links.groupby(["venue_id", "actor", "format"]).size().to_dict()


FILTERS = [
    Filters(),
    Filters(formats=("bilateral",)),
    Filters(countries=("FRA", "QAT")),
    Filters(countries=("NOPE",)),
    Filters(month_from="2020-03", month_to="2021-06"),
    Filters(month_from="2023-01"),
    Filters(regions=("Europe",)),
    Filters(regions=("Western Asia", "Africa")),
    Filters(blocs=("CSTO",)),
    Filters(blocs=("EU", "GCC")),
    Filters(topics=("terrorism", "cybercrime")),
    Filters(countries=("RUS",), formats=("multilateral",), month_from="2019-01", topics=("terrorism",)),
]


@pytest.mark.parametrize("filters", FILTERS, ids=[str(filters.to_params()) for filters in FILTERS])
def test_the_index_answers_as_plain_pandas_does(synthetic: Dataset, filters: Filters) -> None:
    """Selection, per-state activity, venues, arcs and topics agree with the row-by-row oracles."""
    ds = synthetic
    ids = select(ds, filters)
    assert set(ids) == oracle_select(ds, filters)
    assert list(ids) == [meeting for meeting in ds.meetings["meeting_id"] if meeting in set(ids)]  # file order

    states = state_activity(ds, ids)
    assert {row.iso3: (row.meetings, row.roles, row.latest_meeting_id) for row in states.itertuples()} == oracle_states(
        ds, ids
    )

    venues = venue_activity(ds, ids)
    chosen = ds.meetings[ds.meetings["meeting_id"].isin(ids) & ds.meetings["venue_id"].notna()]
    expected = chosen.groupby("venue_id")["format"].value_counts().unstack(fill_value=0)
    for row in venues.itertuples():
        assert (row.multilateral, row.bilateral) == tuple(
            expected.reindex(columns=["multilateral", "bilateral"], fill_value=0).loc[row.venue_id]
        )
        starts = chosen.set_index("meeting_id").loc[list(row.meeting_ids), "start_date"]
        assert starts.dropna().is_monotonic_decreasing and len(row.titles) == min(row.meetings, 20)

    centroids = country_centroids()
    arcs, total = delegation_arcs(ds, ids, centroids, limit=10**9)
    reachable = {key: count for key, count in oracle_arcs(ds, ids).items() if key[1] in set(centroids["iso3"])}
    assert {(row.venue_id, row.iso3, row.format): row.meetings for row in arcs.itertuples()} == reachable
    assert total == len(reachable)

    tagged = ds.topics[ds.topics["meeting_id"].isin(ids)]
    assert dict(zip(*topic_counts(ds, ids)[["topic_id", "meetings"]].T.values, strict=True)) == (
        tagged.groupby("topic_id")["meeting_id"].nunique().to_dict()
    )
    assert untagged_count(ds, ids) == len(set(ids) - set(ds.topics["meeting_id"]))
    months = topic_months(ds, ids)
    monthly = ds.meetings[ds.meetings["meeting_id"].isin(ids) & ds.meetings["date_precision"].isin(["day", "month"])]
    assert months["meetings"].sum() == len(ds.topics[ds.topics["meeting_id"].isin(monthly["meeting_id"])])
    pairs = topic_states(ds, ids)
    if not pairs.empty:
        topic, iso3 = pairs.iloc[0][["topic_id", "iso3"]]
        with_state = set(
            ds.participants.loc[
                (ds.participants["actor"] == iso3) & ds.participants["meeting_id"].isin(ids), "meeting_id"
            ]
        )
        about = set(ds.topics.loc[ds.topics["topic_id"] == topic, "meeting_id"])
        assert pairs.iloc[0]["meetings"] == len(with_state & about)


def test_a_state_s_meetings_and_partners_follow_the_index(synthetic: Dataset) -> None:
    ds = synthetic
    ids = select(ds, Filters(formats=("bilateral",)))
    states = involved_states(ds)
    busiest = states["iso3"].value_counts().index[0]
    own = set(states.loc[(states["iso3"] == busiest) & states["meeting_id"].isin(ids), "meeting_id"])
    assert set(state_meetings(ds, busiest, ids)) == own
    people = ds.participants[ds.participants["actor"].isin(valid_iso3()) & ds.participants["meeting_id"].isin(ids)]
    taking_part = set(people.loc[people["actor"] == busiest, "meeting_id"])
    others = people[people["meeting_id"].isin(taking_part) & (people["actor"] != busiest)]
    expected = others.drop_duplicates(["meeting_id", "actor"])["actor"].value_counts().to_dict()
    assert dict(zip(*partners(ds, busiest, ids)[["partner", "bilateral"]].T.values, strict=True)) == expected


def test_the_index_is_built_once_per_dataset(mini: Dataset) -> None:
    """Every session reading the same dataset shares one index; another dataset gets its own."""
    assert index_of(mini) is index_of(mini)
    assert "index" in mini.derived


def test_a_remembered_selection_is_only_reused_for_the_same_ids(mini: Dataset) -> None:
    """The mask of the last ids asked for is kept, but a different selection is decoded afresh."""
    index = index_of(mini)
    everything = select(mini, Filters())
    qatar = select(mini, Filters(countries=("QAT",)))
    assert index.mask(everything).sum() == len(everything)
    assert index.mask(qatar).sum() == 2
    assert set(index.ids[index.mask(qatar)]) == {"vienna-22", "vienna-mar-qat"}
    assert index.mask(pd.Index(["vienna-22", "ghost"])).sum() == 1  # an unknown id matches nothing


def test_postings_match_any_of_the_values_asked_for() -> None:
    postings = Postings.build(np.array([0, 1, 1, 2, 3, 3]), pd.Series(["QAT", "QAT", "MAR", "AUT", "QAT", "QAT"]))
    assert postings.mask(("QAT",), 5).tolist() == [True, True, False, True, False]
    assert postings.mask(("MAR", "AUT"), 5).tolist() == [False, True, True, False, False]
    assert postings.mask(("ZZZ",), 5).tolist() == [False] * 5


def test_partners_and_roles_over_every_format_follow_the_index(synthetic: Dataset) -> None:
    """Bilateral and co-attendance counted apart, and each role once per meeting, as the plain joins count them."""
    ds = synthetic
    ids = select(ds, Filters())
    people = ds.participants[ds.participants["actor"].isin(valid_iso3())]
    busiest = people["actor"].value_counts().index[0]
    own = set(people.loc[people["actor"] == busiest, "meeting_id"])
    others = people[people["meeting_id"].isin(own) & (people["actor"] != busiest)].drop_duplicates(
        ["meeting_id", "actor"]
    )
    typed = others.merge(ds.meetings[["meeting_id", "format"]], on="meeting_id")
    expected = (
        typed.groupby(["actor", "format"])
        .size()
        .unstack(fill_value=0)
        .reindex(columns=["bilateral", "multilateral"], fill_value=0)
    )
    found = partners(ds, busiest, ids).set_index("partner")
    assert found["bilateral"].to_dict() == expected["bilateral"].to_dict()
    assert found["co_attendance"].to_dict() == expected["multilateral"].to_dict()

    venue_country = ds.meetings.merge(ds.venues[["venue_id", "country_iso3"]], on="venue_id")
    hosted = venue_country.loc[venue_country["country_iso3"] == busiest, "meeting_id"]
    links = pd.concat(
        [
            people.loc[people["actor"] == busiest, ["meeting_id", "role"]],
            pd.DataFrame({"meeting_id": hosted, "role": "venue"}),
        ]
    )
    roles = links.dropna().groupby("role")["meeting_id"].nunique().to_dict()
    assert dict(zip(*roles_played(ds, busiest, ids)[["role", "meetings"]].T.values, strict=True)) == roles


def test_a_selection_is_never_decoded_and_other_ids_once_each(synthetic: Dataset, monkeypatch) -> None:
    """`select` knows the mask of the ids it returns; ids from elsewhere are matched once, not on every call.

    A page reading two views in turn (a Countries comparison) asks for each mask several times.
    """
    index = index_of(synthetic)
    views = [select(synthetic, Filters(formats=(kind,))) for kind in ("bilateral", "multilateral")]
    elsewhere = [pd.Index(list(ids), dtype="str") for ids in views]
    decoded = []
    real = index_module.codes_in
    monkeypatch.setattr(
        index_module, "codes_in", lambda values, keys: decoded.append(len(values)) or real(values, keys)
    )
    for _ in range(3):
        for ids in views:
            assert index.mask(ids).sum() == len(ids)
    assert decoded == []
    for _ in range(3):
        for ids in elsewhere:
            assert index.mask(ids).sum() == len(ids)
    assert len(decoded) == len(elsewhere)
