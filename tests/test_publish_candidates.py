"""The candidates' own file: every candidate marked machine-coded, its main article, cells inert for spreadsheets."""

from __future__ import annotations

import csv
import io

from gdelt_rows import layer_events

from liaison.feed.candidates import build_candidates, candidate_articles, cluster_events
from liaison.publish.candidates import candidate_rows, candidates_csv


def _built():
    clustered = cluster_events(
        layer_events(
            {"day": "2025-05-06", "source_url": "https://a.example/1", "source_host": "a.example"},
            {"day": "2025-05-06", "source_url": "https://b.example/2", "source_host": "b.example"},
            {"day": "2025-05-07", "source_url": "https://b.example/2", "source_host": "b.example"},
            {
                "day": "2025-06-01",
                "actor1_iso3": "MAR",
                "actor2_iso3": "QAT",
                "source_url": '=HYPERLINK("http://evil.example")',
                "source_host": "",
            },
        )
    )
    candidates = build_candidates(clustered)
    return candidates, candidate_articles(clustered, candidates)


def test_each_row_is_a_candidate_marked_machine_coded_with_the_article_behind_most_rows() -> None:
    candidates, articles = _built()
    rows = candidate_rows(candidates, articles)
    assert len(rows) == len(candidates) == 2
    assert set(rows["status"]) == {"machine-coded, unverified"}
    assert list(rows["candidate_id"]) == list(candidates["candidate_id"])
    by_pair = {f"{row.state_a}-{row.state_b}": row for row in rows.itertuples()}
    assert by_pair["RUS-TUR"].main_article == "https://b.example/2"
    assert (by_pair["RUS-TUR"].rows, by_pair["RUS-TUR"].urls) == (3, 2)


def test_the_file_opens_in_a_spreadsheet_without_running_a_formula() -> None:
    candidates, articles = _built()
    text = candidates_csv(candidates, articles).decode("utf-8-sig")
    read = list(csv.DictReader(io.StringIO(text)))
    assert len(read) == 2 and read[0]["status"] == "machine-coded, unverified"
    formula = next(row["main_article"] for row in read if row["state_a"] == "MAR")
    assert not formula.startswith("=")
