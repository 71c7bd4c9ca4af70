"""A page's aggregates are worked out once per data state, view and arguments, and shared by every session."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

CALLS: list[tuple] = []


def counted(ds, ids: pd.Index, limit: int = 0) -> int:
    """How many meetings the view keeps, noting each time it is really computed."""
    CALLS.append(("ids", limit))
    return len(ids)


def first_rows(rows: pd.DataFrame) -> list[str]:
    CALLS.append(("rows", None))
    return list(rows["meeting_id"].head(2))


def _page() -> None:
    import streamlit as st
    from test_view_answers import counted, first_rows

    from components.data import rows_answer, view_answer
    from liaison.view.filters import Filters

    bilateral = Filters(formats=("bilateral",))
    st.write(view_answer(counted, bilateral), view_answer(counted, bilateral), view_answer(counted, Filters(), limit=3))
    st.write(rows_answer(first_rows, bilateral))


def _session() -> AppTest:
    return AppTest.from_function(_page, default_timeout=30).run()


def test_an_answer_is_computed_once_per_view_and_arguments_then_shared(mini_folder: Path, monkeypatch) -> None:
    monkeypatch.setenv("LIAISON_DATA", str(mini_folder))
    CALLS.clear()
    first = _session()
    assert not first.exception
    assert CALLS.count(("ids", 0)) == 1, "the same view asked twice in a run is computed once"
    assert CALLS.count(("ids", 3)) == 1, "other arguments are another answer"
    assert CALLS.count(("rows", None)) == 1
    computed = len(CALLS)
    second = _session()  # another session on the same data and views
    assert not second.exception
    assert len(CALLS) == computed
    assert [element.value for element in second.markdown] == [element.value for element in first.markdown]


def test_a_change_to_the_data_is_a_new_answer(mini_folder: Path, monkeypatch) -> None:
    monkeypatch.setenv("LIAISON_DATA", str(mini_folder))
    CALLS.clear()
    _session()
    computed = len(CALLS)
    meetings = mini_folder / "meetings.csv"
    status = meetings.stat()
    os.utime(meetings, ns=(status.st_atime_ns, status.st_mtime_ns + 10**9))
    _session()
    assert len(CALLS) == 2 * computed


def _views_rows() -> None:
    import streamlit as st

    from components.data import meetings, shown_meetings
    from liaison.view.filters import Filters

    whole, bilateral = shown_meetings(Filters()), shown_meetings(Filters(formats=("bilateral",)))
    st.write(f"{whole is meetings()} {bilateral is shown_meetings(Filters(formats=('bilateral',)))}")


def test_a_views_rows_are_kept_by_size_and_the_whole_table_never_copied(mini_folder: Path, monkeypatch) -> None:
    """One view of a million meetings can be half the table: rows are kept within a byte budget, not by count."""
    from components.data import ROWS_BUDGET_BYTES, _rows_taken

    monkeypatch.setenv("LIAISON_DATA", str(mini_folder))
    _rows_taken.cache.clear()
    run = AppTest.from_function(_views_rows, default_timeout=30).run()
    assert not run.exception
    assert run.markdown[0].value == "True True"  # the whole view is the table; a view's rows are kept
    kept = list(_rows_taken.cache.values())
    assert len(kept) == 1 and len(kept[0]) < len(mini_rows(mini_folder))
    assert _rows_taken.cache.maxsize == ROWS_BUDGET_BYTES
    assert _rows_taken.cache.currsize == int(kept[0].memory_usage(index=False, deep=False).sum())


def mini_rows(folder: Path) -> pd.DataFrame:
    return pd.read_csv(folder / "meetings.csv")
