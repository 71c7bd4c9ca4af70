"""A view's candidates as a file an analyst keeps: every candidate, its counts, and the article behind most of it.

The file stands apart from the meetings' export, as the candidates stand apart on every page:
each row says it is machine-coded and unverified, so a candidate pasted into a briefing cannot
pass for a curated meeting. Cells are made inert for spreadsheets as the meetings' are.
"""

from __future__ import annotations

import pandas as pd

from liaison.publish.export import table_csv

STATUS = "machine-coded, unverified"
INTERNAL = ("candidate", "place_feature_id")
"""Columns of the feed's candidates for the app's own joins, not for a reader."""


def candidate_rows(candidates: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per candidate (`liaison.feed.candidates`' columns), in the order given; `articles` (candidate_id,
    source_url, rows) name each one's main article."""
    main = (
        articles.sort_values(["candidate_id", "rows"], ascending=[True, False], kind="stable")
        .drop_duplicates("candidate_id")
        .set_index("candidate_id")["source_url"]
    )
    rows = candidates.drop(columns=[column for column in INTERNAL if column in candidates.columns])
    for column in rows.columns[rows.dtypes == "category"]:
        rows[column] = rows[column].astype("object")
    rows.insert(1, "status", STATUS)
    rows["main_article"] = rows["candidate_id"].map(main)
    return rows.reset_index(drop=True)


def candidates_csv(candidates: pd.DataFrame, articles: pd.DataFrame) -> bytes:
    """The candidates as CSV (see `candidate_rows`)."""
    return table_csv(candidate_rows(candidates, articles))
